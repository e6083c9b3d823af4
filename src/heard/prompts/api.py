"""The JSON API for daily exchanges. Every operation uses the same services and selectors as
the web pages, so the reveal rule and bond access are the same everywhere."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from heard.bonds.selectors import BondView, bond_for_member
from heard.core.schemas import InputSchema, written
from heard.prompts import selectors, services
from heard.prompts.models import Exchange
from heard.safety.api import SafetyOut
from heard.safety.selectors import joint_exercise_require, safety_json

router = Router(tags=["prompts"])


# --- schemas -------------------------------------------------------------------------------


class PromptOut(Schema):
    id: str
    text: str
    depth: int
    follow_up: str | None


class MineOut(Schema):
    text: str
    private: bool
    submitted: bool
    updated_at: datetime
    written_for_another_prompt: bool
    reactions: list[str]


class TheirsOut(Schema):
    answered: bool
    skipped: bool
    text: str | None = Field(description="Only present once you've both shared your answers.")
    private: bool
    my_reactions: list[str]


class ReplyOut(Schema):
    id: int
    mine: bool
    text: str
    shared: bool
    created_at: datetime


class ExchangeOut(Schema):
    id: int
    bond_id: int
    day: date
    prompt: PromptOut
    status: str
    swaps_left: int
    mine: MineOut | None
    i_skipped: bool
    theirs: TheirsOut
    replies: list[ReplyOut]


class DepthOut(Schema):
    current: int
    current_name: str
    earned: int
    mine: int
    needed_for_next: int
    unlock_after: int


class TodayOut(Schema):
    exchange: ExchangeOut
    depth: DepthOut


class SavedOut(Schema):
    exchange: ExchangeOut
    shared: bool = Field(description="False when nothing was shared (a draft, or held back).")
    safety: SafetyOut | None = None


class HistoryOut(Schema):
    page: int
    pages: int
    count: int
    items: list[ExchangeOut]


class ExportOut(Schema):
    bond_id: int
    exchanges: list[ExchangeOut]


class BondIn(Schema):
    bond_id: int = Field(ge=1, le=2**31 - 1)


class AnswerDraftIn(InputSchema):
    text: str = Field(max_length=20_000)
    private: bool | None = None


class SubmitIn(InputSchema):
    text: str = written(services.ANSWER_MAX)
    private: bool = False
    share_anyway: bool = Field(
        False, description="Share even though the safety check asked you to pause first."
    )


class ReactIn(InputSchema):
    kind: Literal["thanks", "heart"]


class ReplyIn(InputSchema):
    text: str = written(services.REPLY_MAX)
    share_anyway: bool = False
    submission_key: UUID | None = Field(
        None,
        strict=False,
        description="Any random UUID; the same one again stores no second reply.",
    )


class DepthIn(BondIn):
    model_config = InputSchema.model_config

    depth: int = Field(ge=1, le=3)


# --- helpers -------------------------------------------------------------------------------


def _bond(request: HttpRequest, bond_id: int) -> BondView:
    """The bond, for members only (404 otherwise), after the joint-exercise gate (409)."""
    bond = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    joint_exercise_require(user=request.user, bond=bond.bond)  # type: ignore[arg-type]
    return bond


def _exchange(request: HttpRequest, exchange_id: int) -> tuple[BondView, Exchange]:
    bond_id = selectors.exchange_bond_id(exchange_id=exchange_id)
    bond = _bond(request, bond_id)
    return bond, selectors.exchange_for_bond(bond=bond, exchange_id=exchange_id)


def _out(request: HttpRequest, bond: BondView, exchange_id: int) -> dict[str, Any]:
    exchange = selectors.exchange_for_bond(bond=bond, exchange_id=exchange_id)
    return selectors.exchange_view(
        exchange=exchange,
        bond=bond,
        viewer=request.user,  # type: ignore[arg-type]
    ).to_dict()


def _saved(
    request: HttpRequest, bond: BondView, exchange_id: int, saved: services.Saved, shared: bool
) -> dict[str, Any]:
    return {
        "exchange": _out(request, bond, exchange_id),
        "shared": shared and not saved.held,
        "safety": safety_json(saved.check),
    }


# --- operations ----------------------------------------------------------------------------


@router.get("/prompts/today", response=TodayOut)
def today(request: HttpRequest, params: Query[BondIn]) -> dict[str, Any]:
    """Today's question for a bond (drawn now if it's a new day for you)."""
    bond = _bond(request, params.bond_id)
    exchange = services.exchange_today(bond=bond.bond, user=request.user)  # type: ignore[arg-type]
    depth = selectors.bond_depth(bond=bond.bond, user=request.user)  # type: ignore[arg-type]
    return {"exchange": _out(request, bond, exchange.pk), "depth": depth.as_dict()}


@router.get("/prompts/exchanges/{int:exchange_id}", response=ExchangeOut)
def exchange_detail(request: HttpRequest, exchange_id: int) -> dict[str, Any]:
    bond, exchange = _exchange(request, exchange_id)
    return _out(request, bond, exchange.pk)


@router.put("/prompts/exchanges/{int:exchange_id}/draft", response=SavedOut)
def draft(request: HttpRequest, exchange_id: int, payload: AnswerDraftIn) -> dict[str, Any]:
    """Keep a draft. Nothing is shared."""
    bond, exchange = _exchange(request, exchange_id)
    saved = services.answer_save_draft(
        exchange=exchange,
        author=request.user,  # type: ignore[arg-type]
        text=payload.text,
        private=payload.private,
    )
    return _saved(request, bond, exchange_id, saved, shared=False)


@router.post("/prompts/exchanges/{int:exchange_id}/submit", response=SavedOut)
def submit(request: HttpRequest, exchange_id: int, payload: SubmitIn) -> dict[str, Any]:
    """Answer, or change your answer until you've both answered."""
    bond, exchange = _exchange(request, exchange_id)
    saved = services.answer_submit(
        exchange=exchange,
        author=request.user,  # type: ignore[arg-type]
        text=payload.text,
        private=payload.private,
        share_anyway=payload.share_anyway,
    )
    return _saved(request, bond, exchange_id, saved, shared=not payload.private)


@router.post("/prompts/exchanges/{int:exchange_id}/swap", response=ExchangeOut)
def swap(request: HttpRequest, exchange_id: int) -> dict[str, Any]:
    bond, exchange = _exchange(request, exchange_id)
    services.exchange_swap(exchange=exchange, user=request.user)  # type: ignore[arg-type]
    return _out(request, bond, exchange_id)


@router.post("/prompts/exchanges/{int:exchange_id}/not-today", response=ExchangeOut)
def not_today(request: HttpRequest, exchange_id: int) -> dict[str, Any]:
    bond, exchange = _exchange(request, exchange_id)
    services.exchange_skip(exchange=exchange, user=request.user)  # type: ignore[arg-type]
    return _out(request, bond, exchange_id)


@router.post("/prompts/exchanges/{int:exchange_id}/react", response=ExchangeOut)
def react(request: HttpRequest, exchange_id: int, payload: ReactIn) -> dict[str, Any]:
    """Send (or, sent again, take back) a reaction to their answer."""
    bond, exchange = _exchange(request, exchange_id)
    services.reaction_toggle(exchange=exchange, user=request.user, kind=payload.kind)  # type: ignore[arg-type]
    return _out(request, bond, exchange_id)


@router.post("/prompts/exchanges/{int:exchange_id}/replies", response={201: SavedOut})
def reply(request: HttpRequest, exchange_id: int, payload: ReplyIn) -> tuple[int, dict[str, Any]]:
    bond, exchange = _exchange(request, exchange_id)
    saved = services.reply_add(
        exchange=exchange,
        author=request.user,  # type: ignore[arg-type]
        text=payload.text,
        share_anyway=payload.share_anyway,
        submission_key=payload.submission_key,
    )
    return 201, _saved(request, bond, exchange_id, saved, shared=True)


@router.post(
    "/prompts/exchanges/{int:exchange_id}/replies/{int:reply_id}/share", response=ExchangeOut
)
def reply_share(request: HttpRequest, exchange_id: int, reply_id: int) -> dict[str, Any]:
    bond, exchange = _exchange(request, exchange_id)
    services.reply_share(exchange=exchange, author=request.user, reply_id=reply_id)  # type: ignore[arg-type]
    return _out(request, bond, exchange_id)


class HistoryIn(BondIn):
    page: int = Field(1, ge=1, le=1_000_000)


class HistorySearchIn(HistoryIn):
    model_config = InputSchema.model_config

    q: str = Field("", max_length=200)


@router.get("/prompts/history", response=HistoryOut)
def history(request: HttpRequest, params: Query[HistoryIn]) -> dict[str, Any]:
    """Past questions, newest first, 20 a page."""
    return _history(request, params.bond_id, "", params.page)


@router.post("/prompts/history/search", response=HistoryOut)
def history_search(request: HttpRequest, payload: HistorySearchIn) -> dict[str, Any]:
    """Past questions whose answer by you mentions ``q``. A POST, so the words stay out of
    URLs (and so out of proxy and server logs)."""
    return _history(request, payload.bond_id, payload.q, payload.page)


def _history(request: HttpRequest, bond_id: int, q: str, page_number: int) -> dict[str, Any]:
    bond = _bond(request, bond_id)
    page, views = selectors.history_page(
        bond=bond,
        viewer=request.user,  # type: ignore[arg-type]
        q=q,
        page=page_number,
    )
    return {
        "page": page.number,
        "pages": page.paginator.num_pages,
        "count": page.paginator.count,
        "items": [v.to_dict() for v in views],
    }


@router.get("/prompts/depth", response=DepthOut)
def depth_get(request: HttpRequest, params: Query[BondIn]) -> dict[str, Any]:
    bond = _bond(request, params.bond_id)
    return selectors.bond_depth(bond=bond.bond, user=request.user).as_dict()  # type: ignore[arg-type]


@router.post("/prompts/depth", response=DepthOut)
def depth_set(request: HttpRequest, payload: DepthIn) -> dict[str, Any]:
    """Say how deep you're comfortable going (opt in to go deeper, or step back)."""
    bond = _bond(request, payload.bond_id)
    status = services.depth_choose(bond=bond.bond, user=request.user, depth=payload.depth)  # type: ignore[arg-type]
    return status.as_dict()


@router.get("/prompts/export", response=ExportOut)
def export(request: HttpRequest, params: Query[BondIn]) -> dict[str, Any]:
    """Every question of this bond as you may see it: their answers only where revealed."""
    bond = bond_for_member(user=request.user, bond_id=params.bond_id)  # type: ignore[arg-type]
    return {"bond_id": bond.id, "exchanges": selectors.export_for(bond=bond, viewer=request.user)}  # type: ignore[arg-type]
