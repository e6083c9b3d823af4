"""JSON API for love languages and appreciation. Same services and selectors as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, get_args
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from heard.bonds.selectors import bond_for_member, bonds_for
from heard.checkup.api import Answer, BondOrKind, ItemOut, Kind, ShareIn, bond_or_none
from heard.core.schemas import InputSchema, written
from heard.safety.api import SafetyOut
from heard.safety.selectors import joint_exercise_require, safety_json
from heard.together import selectors, services
from heard.together.content import love_language_items_for
from heard.together.models import Appreciation, LoveLanguageResult

router = Router(tags=["together"])


if TYPE_CHECKING:
    LoveLanguageItem = str
else:
    LoveLanguageItem = Literal[
        tuple(sorted({i.id for k in get_args(Kind) for i in love_language_items_for(k)}))
    ]


class LoveLanguagesIn(BondOrKind):
    answers: dict[LoveLanguageItem, Answer]
    share: bool = False


class LanguageOut(Schema):
    language: str
    name: str
    score: int


class LoveLanguagesOut(Schema):
    id: int
    bond_id: int | None
    created_at: datetime
    shared: bool
    languages: list[LanguageOut]


class LoveLanguagesOverviewOut(Schema):
    yours: list[LoveLanguagesOut]
    shared_with_you: list[LoveLanguagesOut]


class AppreciationIn(InputSchema):
    bond_id: int
    text: str = written(services.APPRECIATION_MAX)
    idea_id: str = Field("", max_length=60)
    submission_key: UUID | None = Field(
        None, strict=False, description="Any random UUID; the same one again sends no second note."
    )


class DecideIn(InputSchema):
    choice: Literal["send", "private"]


class AppreciationOut(Schema):
    id: int
    bond_id: int
    direction: str  # "sent" (by you) or "received"
    text: str
    status: str
    created_at: datetime
    safety: SafetyOut | None = None


class AppreciationIdeaOut(Schema):
    id: str
    text: str
    language: str
    effort: str
    cost: str


class HintOut(Schema):
    suggestion: str | None
    ideas: list[AppreciationIdeaOut]
    from_profile: bool
    languages: list[str]


def love_out(result: LoveLanguageResult) -> dict[str, Any]:
    return {
        "id": result.pk,
        "bond_id": result.bond_id,
        "created_at": result.created_at,
        "shared": result.shared,
        "languages": [
            {"language": key, "name": name, "score": score}
            for key, name, score in selectors.language_rows(result.scores)
        ],
    }


def appreciation_out(note: Appreciation, user: Any, check: Any = None) -> dict[str, Any]:
    return {
        "id": note.pk,
        "bond_id": note.bond_id,
        "direction": "sent" if note.sender_id == user.pk else "received",
        "text": note.text,
        "status": note.status,
        "created_at": note.created_at,
        "safety": safety_json(check),
    }


# --------------------------------------------------------------------------- love languages


@router.get("/love-languages/items", response=list[ItemOut])
def love_language_items(request: HttpRequest, kind: Kind = "partner") -> list[dict[str, Any]]:
    return [
        {"id": i.id, "text": i.text, "group": i.language, "reverse": i.reverse}
        for i in love_language_items_for(kind)
    ]


@router.post("/love-languages", response={201: LoveLanguagesOut})
def love_languages_submit(
    request: HttpRequest, payload: LoveLanguagesIn
) -> tuple[int, dict[str, Any]]:
    result = services.love_languages_submit(
        user=request.user,  # type: ignore[arg-type]
        bond=bond_or_none(request, payload.bond_id),
        kind=payload.kind or "",
        answers=payload.answers,
        share=payload.share,
    )
    return 201, love_out(result)


@router.get("/love-languages", response=LoveLanguagesOverviewOut)
def love_languages_overview(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    views = bonds_for(user=user)  # type: ignore[arg-type]
    yours = [selectors.latest_love_languages(user=user, bond=v.bond) for v in views]  # type: ignore[arg-type]
    yours.append(selectors.latest_love_languages(user=user, bond=None))  # type: ignore[arg-type]
    theirs = [selectors.shared_love_languages(view=v) for v in views]
    return {
        "yours": [love_out(r) for r in yours if r is not None],
        "shared_with_you": [love_out(r) for r in theirs if r is not None],
    }


@router.post("/love-languages/{int:result_id}/share", response=LoveLanguagesOut)
def love_languages_share(request: HttpRequest, result_id: int, payload: ShareIn) -> dict[str, Any]:
    result = services.love_languages_share(
        user=request.user,  # type: ignore[arg-type]
        result_id=result_id,
        shared=payload.shared,
    )
    return love_out(result)


# --------------------------------------------------------------------------- appreciation


@router.get("/appreciation", response=list[AppreciationOut])
def appreciation_list(request: HttpRequest, bond_id: int) -> list[dict[str, Any]]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    notes = selectors.appreciations_for(user=request.user, view=view)  # type: ignore[arg-type]
    both = sorted(notes["received"] + notes["sent"], key=lambda n: n.created_at, reverse=True)
    return [appreciation_out(n, request.user) for n in both]


@router.post("/appreciation", response={201: AppreciationOut, 409: dict[str, str]})
def appreciation_send(request: HttpRequest, payload: AppreciationIn) -> tuple[int, Any]:
    view = bond_for_member(user=request.user, bond_id=payload.bond_id)  # type: ignore[arg-type]
    joint_exercise_require(user=request.user, bond=view.bond)  # type: ignore[arg-type]
    note, check = services.appreciation_send(
        user=request.user,  # type: ignore[arg-type]
        bond_id=payload.bond_id,
        text=payload.text,
        idea_id=payload.idea_id,
        submission_key=payload.submission_key,
    )
    return 201, appreciation_out(note, request.user, check)


@router.post("/appreciation/{int:note_id}/decide", response=AppreciationOut)
def appreciation_decide(request: HttpRequest, note_id: int, payload: DecideIn) -> dict[str, Any]:
    note = services.appreciation_decide(
        user=request.user,  # type: ignore[arg-type]
        appreciation_id=note_id,
        choice=payload.choice,
    )
    return appreciation_out(note, request.user)


@router.get("/appreciation/suggestions", response=HintOut)
def appreciation_suggestions(request: HttpRequest, bond_id: int, more: int = 0) -> dict[str, Any]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    hint = selectors.appreciation_hint(user=request.user, view=view, turn=min(max(more, 0), 999))  # type: ignore[arg-type]
    return {
        "suggestion": hint.suggestion.text if hint.suggestion else None,
        "ideas": [
            i.model_dump(include={"id", "text", "language", "effort", "cost"}) for i in hint.ideas
        ],
        "from_profile": hint.from_profile,
        "languages": hint.languages,
    }
