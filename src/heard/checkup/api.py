"""JSON API for the check-up. Same services and selectors as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict, Field, model_validator

from heard.bonds.selectors import bond_for_member
from heard.checkup import selectors, services
from heard.checkup.content import (
    CLOSENESS_STEPS,
    KINDS,
    checkup_items_for,
    closeness_question,
    closeness_steps,
)
from heard.checkup.models import CheckupResult
from heard.core.schemas import InputSchema

router = Router(tags=["checkup"])

Kind = Literal["partner", "friend", "family"]


class ItemOut(Schema):
    id: str
    text: str
    group: str
    reverse: bool


class StepOut(Schema):
    step: int
    label: str
    description: str


class CheckupItemsOut(Schema):
    kind: str
    answer_labels: dict[int, str]
    items: list[ItemOut]
    closeness_question: str
    closeness_steps: list[StepOut]


class BondOrKind(InputSchema):
    """For one bond (bond_id), or on your own for a kind of bond (kind)."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["bond_id"], "properties": {"bond_id": {"type": "integer"}}},
                {"required": ["kind"], "properties": {"kind": {"type": "string"}}},
            ]
        }
    )

    bond_id: int | None = Field(None, ge=1)
    kind: Kind | None = Field(None, description="Needed only without a bond_id.")

    @model_validator(mode="after")
    def _bond_or_kind(self) -> BondOrKind:
        if self.bond_id is None and self.kind is None:
            raise ValueError("Choose who you have in mind: a bond_id, or a kind of bond.")
        return self


if TYPE_CHECKING:
    CheckupItem = str
else:
    CheckupItem = Literal[tuple(sorted({i.id for k in KINDS for i in checkup_items_for(k)}))]
# One answer: 1 to 5, or null to skip the statement.
Answer = Annotated[int, Field(ge=1, le=5)] | None


class CheckupIn(BondOrKind):
    answers: dict[CheckupItem, Answer] = Field(..., description="item id -> 1-5 (skip with null)")
    closeness: int | None = Field(None, ge=1, le=CLOSENESS_STEPS)
    share: bool = False


class ScaleOut(Schema):
    scale: str
    name: str
    group: str
    score: int | None
    band: str
    meaning: str


class CheckupOut(Schema):
    id: int
    bond_id: int | None
    kind: str
    created_at: datetime
    shared: bool
    closeness: int | None
    scales: list[ScaleOut]


class ShareIn(InputSchema):
    shared: bool


class DifferenceOut(Schema):
    scale: str
    name: str
    you: int
    them: int
    gap: int
    talk_about: bool
    prompt: str | None


class SideBySideOut(Schema):
    available: bool
    detail: str
    you: CheckupOut | None = None
    them: CheckupOut | None = None
    differences: list[DifferenceOut] = []


class FocusOut(Schema):
    scale: str | None
    kind: str
    title: str
    reason: str
    this_week: str
    target: str
    url: str
    link_text: str
    based_on_checkup_id: int | None


def bond_or_none(request: HttpRequest, bond_id: int | None) -> Any:
    """The bond a questionnaire is about (None alone); someone else's bond is a 404."""
    return bond_for_member(user=request.user, bond_id=bond_id).bond if bond_id else None  # type: ignore[arg-type]


def checkup_out(result: CheckupResult) -> dict[str, Any]:
    return {
        "id": result.pk,
        "bond_id": result.bond_id,
        "kind": result.kind,
        "created_at": result.created_at,
        "shared": result.shared,
        "closeness": result.closeness,
        "scales": [row.__dict__ for row in selectors.scale_rows(result.scores)],
    }


# --------------------------------------------------------------------------- check-up


@router.get("/checkup/items", response=CheckupItemsOut)
def checkup_items(request: HttpRequest, kind: Kind = "partner") -> dict[str, Any]:
    return {
        "kind": kind,
        "answer_labels": selectors.answer_labels(),
        "items": [
            {"id": i.id, "text": i.text, "group": i.scale, "reverse": i.reverse}
            for i in checkup_items_for(kind)
        ],
        "closeness_question": closeness_question(),
        "closeness_steps": [s.model_dump(exclude={"centre_distance"}) for s in closeness_steps()],
    }


@router.post("/checkup/results", response={201: CheckupOut})
def checkup_submit(request: HttpRequest, payload: CheckupIn) -> tuple[int, dict[str, Any]]:
    result = services.checkup_submit(
        user=request.user,  # type: ignore[arg-type]
        bond=bond_or_none(request, payload.bond_id),
        kind=payload.kind or "",
        answers=payload.answers,
        closeness=payload.closeness,
        share=payload.share,
    )
    return 201, checkup_out(result)


@router.get("/checkup/results", response=list[CheckupOut])
def checkup_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [checkup_out(r) for r in selectors.checkup_results(user=request.user)]  # type: ignore[arg-type]


@router.get("/checkup/results/{int:result_id}", response=CheckupOut)
def checkup_detail(request: HttpRequest, result_id: int) -> dict[str, Any]:
    return checkup_out(selectors.checkup_result_own(user=request.user, result_id=result_id))  # type: ignore[arg-type]


@router.post("/checkup/results/{int:result_id}/share", response=CheckupOut)
def checkup_share(request: HttpRequest, result_id: int, payload: ShareIn) -> dict[str, Any]:
    result = services.checkup_share(
        user=request.user,  # type: ignore[arg-type]
        result_id=result_id,
        shared=payload.shared,
    )
    return checkup_out(result)


@router.get("/checkup/bonds/{int:bond_id}/side-by-side", response=SideBySideOut)
def checkup_side_by_side(request: HttpRequest, bond_id: int) -> dict[str, Any]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    both = selectors.side_by_side(user=request.user, view=view)  # type: ignore[arg-type]
    if not both.available:
        return {
            "available": False,
            "detail": "This appears when you have both shared your latest check-up.",
        }
    return {
        "available": True,
        "detail": "Differences are things to talk about, not verdicts.",
        "you": checkup_out(both.mine),  # type: ignore[arg-type]
        "them": checkup_out(both.theirs),  # type: ignore[arg-type]
        "differences": [
            {
                "scale": d.scale,
                "name": selectors.SCALE_NAMES.get(d.scale, d.scale),
                "you": d.a,
                "them": d.b,
                "gap": d.gap,
                "talk_about": d.talk_about,
                "prompt": d.prompt,
            }
            for d in both.differences
        ],
    }


@router.get("/checkup/focus", response=FocusOut)
def checkup_focus(request: HttpRequest) -> dict[str, Any]:
    focus = selectors.focus_for(user=request.user)  # type: ignore[arg-type]
    s = focus.suggestion
    return {
        "scale": s.scale,
        "kind": s.kind,
        "title": s.title,
        "reason": s.reason,
        "this_week": s.this_week,
        "target": s.target,
        "url": focus.url,
        "link_text": focus.link_text,
        "based_on_checkup_id": focus.result.pk if focus.result else None,
    }
