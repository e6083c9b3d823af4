"""API input and output shapes for the dialogue, practice, say-it, comfort and the coach."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from heard.core.schemas import FeelingWord, InputSchema, written
from heard.dialogue.services import MAX_HELPED, MAX_TEXT
from heard.safety.api import SafetyOut

NeedName = Literal["listen", "comfort", "ideas"]


class Detail(Schema):
    detail: str
    screening_url: str | None = None
    safety: dict[str, Any] | None = None


class DialogueIn(InputSchema):
    bond_id: int
    mode: Literal["together", "apart"] = "apart"
    speaker: Literal["me", "them"] = Field("me", description="Who speaks first.")


class NeedIn(InputSchema):
    need: NeedName


class TextIn(InputSchema):
    text: str = written(MAX_TEXT)
    share_anyway: bool = Field(
        False, description="Send even though the safety check asked first (the writer chose)."
    )


class ShareTextIn(TextIn):
    more: bool = Field(False, description="Keep the floor to add another part.")


class TurnDraftIn(InputSchema):
    text: str = Field("", max_length=MAX_TEXT)


class RateIn(InputSchema):
    felt_heard: int = Field(..., ge=1, le=5)
    what_helped: str = Field("", max_length=MAX_HELPED)
    share_anyway: bool = False


class TurnOut(Schema):
    id: int
    round: int
    author: str
    step: str
    text: str
    created_at: datetime


class DraftOut(Schema):
    step: str
    text: str
    updated_at: datetime
    safety: SafetyOut | None = None


class ListenRatingOut(Schema):
    round: int
    rater: str
    felt_heard: int
    what_helped: str


class DialogueOut(Schema):
    id: int
    bond_id: int
    mode: str
    state: str
    need: str
    round: int
    version: int
    paused: bool
    ended: bool = False
    speaker: str
    listener: str
    your_role: Literal["speaker", "listener"]
    your_turn: bool
    status: str
    other_typing: bool
    turns: list[TurnOut]
    my_draft: DraftOut | None
    last_rating: ListenRatingOut | None


class SendOut(Schema):
    sent: bool
    dialogue: DialogueOut
    safety: SafetyOut | None = None


class CoachingOut(Schema):
    step: str | None = None
    strengths: list[dict[str, Any]]
    try_this: dict[str, Any] | None
    on_step: bool
    step_note: str
    notes: list[str]
    labels: list[str]
    score: int


class CoachIn(InputSchema):
    reply: str = written(20000)
    share: str | None = Field(None, max_length=20000)
    need: NeedName | None = None


class MessageOut(Schema):
    label: str
    message: str
    span: list[int] | None
    suggestion: str
    kind: str


class FeedbackOut(Schema):
    primary: str
    labels: list[str]
    scores: dict[str, float]
    score: int
    feedback: list[MessageOut]
    notes: list[str]


class ScenarioOut(Schema):
    id: str
    relation: str
    who: str | None
    need: str
    speaker: str
    share: str


class AttemptIn(InputSchema):
    reply: str = written(2000)


class AttemptOut(Schema):
    id: int
    scenario_id: str
    reply: str
    labels: list[str]
    score: int
    created_at: datetime


class AttemptResultOut(Schema):
    attempt: AttemptOut
    coach: CoachingOut | None
    good_replies: list[str]
    watch_for: str
    safety: SafetyOut | None = None


class SayItIn(InputSchema):
    happened: str = Field("", max_length=500)
    feeling: str = Field("", max_length=500)
    need: str = Field("", max_length=500)
    request: str = Field("", max_length=500)


class FlagOut(Schema):
    field: str
    kind: str
    quote: str
    message: str
    suggestion: str


class SayItOut(Schema):
    statement: str
    flags: list[FlagOut]
    feeling_known: bool
    coach_used: bool
    safety: SafetyOut | None = None


class SayItStartIn(InputSchema):
    bond_id: int
    statement: str = written(MAX_TEXT)
    mode: Literal["together", "apart"] = "apart"


class FeelingFamilyOut(Schema):
    id: str
    name: str
    pleasant: bool
    words: list[str]


class ComfortIn(InputSchema):
    bond_id: int
    feeling_word: FeelingWord | Literal[""] = Field("", description="A word from /feelings.")
    message: str = Field("", max_length=280, description="An optional line for them.")
    share_anyway: bool = False


class ComfortReplyIn(InputSchema):
    reply: str = Field("", max_length=280, description="An optional line back.")
    share_anyway: bool = False


class ComfortOut(Schema):
    id: int
    bond_id: int
    sender: str
    feeling_word: str
    message: str = ""
    reply: str = ""
    created_at: datetime
    answered_at: datetime | None
