"""The shapes of counsellor mode in the JSON API. Every name starts with Counsel, so none
clashes with another app's model in the schema; all are flat (lists of simple objects), so
the docs page stays light."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, model_validator

from heard.core.schemas import InputSchema, IsoDate, written
from heard.counsel.models import (
    COUNSELLOR_NOTE_MAX,
    HABIT_MAX,
    NOTE_MAX,
    REFLECTION_MAX,
    AssignmentKind,
)
from heard.dialogue.content import NEEDS

if TYPE_CHECKING:
    KindName = str
    NeedName = str
else:
    KindName = Literal[tuple(AssignmentKind.values)]
    NeedName = Literal[("", *NEEDS)]

FigureName = Literal["checkup", "checkin", "pause"]
ITEM_KIND_PATTERN = r"^[a-z][a-z_]{0,29}$"
CODE_PATTERN = "[A-Za-z0-9]"  # a code is read as its letters and digits
TARGET_HELP = (
    "What to practise, from GET /counsel/library: a prompt's `theme:<theme>` or `depth:<1-3>`; "
    "a dialogue's topic; a scenario, activity or lesson id; empty for say_it and checkup."
)

# --------------------------------------------------------------------------- shared


class CounselChoiceOut(Schema):
    value: str
    label: str


class CounselLibraryOut(Schema):
    """Everything a counsellor can assign, from Heard's own content."""

    kinds: list[CounselChoiceOut]
    prompt_themes: list[CounselChoiceOut]
    prompt_depths: list[CounselChoiceOut]
    dialogue_topics: list[CounselChoiceOut]
    dialogue_needs: list[CounselChoiceOut]
    scenarios: list[CounselChoiceOut]
    activities: list[CounselChoiceOut]
    lessons: list[CounselChoiceOut]


# --------------------------------------------------------------------------- counsellor side


class CounselClientOut(Schema):
    connection_id: int
    client_id: int
    name: str
    bond_id: int | None
    status: str = Field(description="pending, active or ended")
    since: datetime.date | None
    ended_on: datetime.date | None = Field(description="Only the day; never who or why.")


class CounselClientGroupOut(Schema):
    """One bond's people, or one person alone. `key` is the handle for prep, notes and
    assignments (any connection id of the group works)."""

    key: int
    bond_id: int | None
    clients: list[CounselClientOut]
    can_assign: bool
    paused: bool = Field(description="Only when the person who paused shared that.")
    ended: bool


class CounselInviteIn(InputSchema):
    kind: Literal["bond", "person"] = Field(
        description="bond: both people of one bond; person: one person on their own."
    )


class CounselInviteOut(Schema):
    id: int
    kind: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    uses: int


class CounselNewInviteOut(Schema):
    id: int
    kind: str
    expires_at: datetime.datetime
    link: str
    code: str


class CounselAssignmentIn(InputSchema):
    kind: KindName
    target: str = Field("", max_length=80, description=TARGET_HELP)
    need: NeedName = Field("", description="For a dialogue: what the listener is asked for.")
    note: str = Field("", max_length=NOTE_MAX)
    habit: str = Field("", max_length=HABIT_MAX, description="A habit to tie it to.")
    week_of: IsoDate | None = Field(
        None, strict=False, description="Any day of the week; this week if left out."
    )


class CounselFromTemplateIn(InputSchema):
    template_id: int = Field(ge=1, le=2**63 - 1)
    week_of: IsoDate | None = Field(None, strict=False)


class CounselProgressOut(Schema):
    person_id: int
    name: str
    state: str = Field(description="assigned, started or done")
    started_at: datetime.datetime | None
    done_at: datetime.datetime | None
    reflection: str | None = Field(description="Only a reflection the person shared.")


class CounselAssignmentOut(Schema):
    id: int
    kind: str
    kind_label: str
    target: str
    target_label: str
    need: str
    need_label: str
    note: str
    habit: str
    week_of: datetime.date
    created_at: datetime.datetime
    withdrawn: bool
    bond_id: int | None
    client_id: int | None
    progress: list[CounselProgressOut]


class CounselTemplateIn(InputSchema):
    name: str = written(80)
    kind: KindName
    target: str = Field("", max_length=80, description=TARGET_HELP)
    need: NeedName = ""
    note: str = Field("", max_length=NOTE_MAX)
    habit: str = Field("", max_length=HABIT_MAX)


class CounselTemplateNameIn(InputSchema):
    name: str = written(80)


class CounselTemplateOut(Schema):
    id: int
    name: str
    kind: str
    target: str
    need: str
    note: str
    habit: str


# The session-prep JSON: exactly counsel.selectors.PrepData.as_json(), the page's own data.


class CounselPrepPersonOut(Schema):
    id: int
    name: str
    status: str = Field(description="pending, active or ended")


class CounselPrepAssignmentOut(Schema):
    id: int
    kind: str
    kind_label: str
    target: str
    target_label: str
    need: str
    note: str
    habit: str
    week_of: datetime.date
    withdrawn: bool
    progress: list[CounselProgressOut]


class CounselPointOut(Schema):
    day: datetime.date
    value: float


class CounselFigureOut(Schema):
    person_id: int
    kind: str = Field(description="checkup or checkin")
    label: str
    points: list[CounselPointOut]


class CounselSharedItemOut(Schema):
    person_id: int
    kind: str
    kind_label: str
    id: int
    title: str
    text: str
    created_at: datetime.datetime
    shared_at: datetime.datetime


class CounselPrepOut(Schema):
    """The session-prep page's data: the last four weeks. For an ended connection only
    `ended` is true and every list is empty."""

    id: int = Field(description="The connection id asked for.")
    bond_id: int | None
    since: datetime.date
    until: datetime.date
    ended: bool
    paused: bool = Field(description="Only when the person who paused shared that.")
    people: list[CounselPrepPersonOut]
    assignments: list[CounselPrepAssignmentOut]
    figures: list[CounselFigureOut]
    items: list[CounselSharedItemOut]


class CounselNoteIn(InputSchema):
    text: str = written(COUNSELLOR_NOTE_MAX)
    client_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Which person of the group; the connection's own"
    )


class CounselNoteEditIn(InputSchema):
    text: str = written(COUNSELLOR_NOTE_MAX)


class CounselNoteOut(Schema):
    id: int
    text: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    client_id: int | None
    client_label: str


# --------------------------------------------------------------------------- client side


class CounselCodeIn(InputSchema):
    """The token from the counsellor's link, or the short code; one of them is needed."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["token"], "properties": {"token": {"minLength": 1}}},
                {"required": ["code"], "properties": {"code": {"pattern": CODE_PATTERN}}},
            ]
        }
    )

    token: str = Field("", max_length=200)
    code: str = Field("", max_length=20, description="Case and dashes don't matter.")

    @model_validator(mode="after")
    def _token_or_code(self) -> CounselCodeIn:
        if not self.token and not re.search(CODE_PATTERN, self.code):
            raise ValueError("Send the invite's token (from the link) or its code.")
        return self


class CounselConsentIn(CounselCodeIn):
    bond_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Which bond, for a bond invite, if you have several."
    )


class CounselBondChoiceOut(Schema):
    id: int
    other_name: str


class CounselPreviewOut(Schema):
    """What the counsellor will and will not see, before you consent."""

    counsellor_name: str
    practice_name: str
    kind: str
    bond_choices: list[CounselBondChoiceOut]
    will_see: list[str]
    will_not_see: list[str]


class CounselMyConnectionOut(Schema):
    id: int
    counsellor_name: str
    practice_name: str
    bond_id: int | None
    other_name: str
    status: str
    consented_at: datetime.datetime | None
    figures: list[str] = Field(description="What you share: checkup, checkin, pause.")


class CounselMyAssignmentOut(Schema):
    id: int
    counsellor_name: str
    kind: str
    kind_label: str
    target_label: str
    need_label: str
    note: str
    habit: str
    week_of: datetime.date
    bond_id: int | None
    state: str
    reflection: str
    reflection_shared: bool
    start_url: str


class CounselStartOut(Schema):
    url: str = Field(description="Where the practice is done in Heard.")


class CounselDoneIn(InputSchema):
    reflection: str = Field("", max_length=REFLECTION_MAX)
    shared: bool = Field(False, description="Show the reflection to your counsellor.")


class CounselSharedIn(InputSchema):
    shared: bool


class CounselShareableOut(Schema):
    kind: str
    kind_label: str
    id: int
    title: str
    text: str
    created_at: datetime.datetime
    bond_id: int | None
    shared: bool


class CounselViewOut(Schema):
    id: int
    connection_id: int
    counsellor_name: str
    what: str
    what_label: str
    viewed_at: datetime.datetime
