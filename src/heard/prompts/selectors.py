"""Reads for daily exchanges. The reveal rule lives here, once, and every output (pages, htmx
partials, the API, notices, export, history) builds what a person sees from ``exchange_view``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView
from heard.prompts.days import local_midnight
from heard.prompts.deck import DEPTH_NAMES, DEPTHS, Prompt, prompt_index
from heard.prompts.models import (
    Answer,
    DepthChoice,
    Exchange,
    ExchangeState,
    Reaction,
    Reply,
)

MAX_SWAPS = 2  # per exchange (services enforce it; here so reads need not import services)
UNLOCK_AFTER = 5  # exchanges both answered at one depth before the next depth can open
PER_PAGE = 20


# --- the reveal rule -----------------------------------------------------------------------


def exchange_is_revealed(*, answers: list[Answer]) -> bool:
    """Both people answered and both chose to share. Only then does either see the other's
    answer: you see theirs only once you've shared yours, and a "just for me" answer is never
    shown (so it doesn't unlock theirs either)."""
    shared = [a for a in answers if a.submitted_at is not None and not a.private]
    return len(shared) == 2 and shared[0].author_id != shared[1].author_id


def answer_visible_to(*, answer: Answer, viewer: User, answers: list[Answer]) -> bool:
    """The single test every output uses before it shows an answer's text."""
    return answer.author_id == viewer.pk or exchange_is_revealed(answers=answers)


# --- one exchange as one person sees it ----------------------------------------------------


@dataclass
class ReplyView:
    mine: bool
    author: str
    text: str
    shared: bool
    created_at: datetime.datetime
    id: int


@dataclass
class ExchangeView:
    exchange: Exchange
    prompt_text: str
    follow_up: str | None
    other_name: str
    mine: Answer | None
    i_skipped: bool
    they_answered: bool
    they_skipped: bool
    revealed: bool
    theirs_text: str | None
    theirs_private: bool
    reactions_given: set[str] = field(default_factory=set)
    reactions_received: set[str] = field(default_factory=set)
    replies: list[ReplyView] = field(default_factory=list)
    prompt_changed: bool = False

    @property
    def id(self) -> int:
        return self.exchange.pk

    @property
    def depth_name(self) -> str:
        return DEPTH_NAMES.get(self.exchange.depth, "")

    @property
    def i_answered(self) -> bool:
        return self.mine is not None and self.mine.is_submitted

    @property
    def status(self) -> str:
        """revealed | kept | set_aside | waiting | your_turn | ready | skipped"""
        if self.revealed:
            return "revealed"
        if self.exchange.state == ExchangeState.ANSWERED:
            return "kept"  # both answered, at least one kept it just for them
        if self.exchange.state == ExchangeState.SET_ASIDE:
            return "set_aside"
        if self.i_answered:
            return "waiting"
        if self.i_skipped:
            return "skipped"
        if self.they_answered:
            return "your_turn"
        return "ready"

    @property
    def can_edit(self) -> bool:
        return self.exchange.state == ExchangeState.OPEN

    @property
    def swaps_left(self) -> int:
        return max(0, MAX_SWAPS - self.exchange.swaps_used)

    @property
    def can_swap(self) -> bool:
        return (
            self.can_edit and self.swaps_left > 0 and not self.i_answered and not self.they_answered
        )

    def to_dict(self) -> dict[str, Any]:
        mine = self.mine
        return {
            "id": self.exchange.pk,
            "bond_id": self.exchange.bond_id,
            "day": self.exchange.day,
            "prompt": {
                "id": self.exchange.prompt_id,
                "text": self.prompt_text,
                "depth": self.exchange.depth,
                "follow_up": self.follow_up if self.revealed else None,
            },
            "status": self.status,
            "swaps_left": self.swaps_left if self.can_swap else 0,
            "mine": None
            if mine is None
            else {
                "text": mine.text,
                "private": mine.private,
                "submitted": mine.is_submitted,
                "updated_at": mine.updated_at,
                "written_for_another_prompt": self.prompt_changed,
                "reactions": sorted(self.reactions_received),
            },
            "i_skipped": self.i_skipped,
            "theirs": {
                "answered": self.they_answered,
                "skipped": self.they_skipped,
                "text": self.theirs_text,
                "private": self.theirs_private,
                "my_reactions": sorted(self.reactions_given),
            },
            "replies": [
                {
                    "id": r.id,
                    "mine": r.mine,
                    "text": r.text,
                    "shared": r.shared,
                    "created_at": r.created_at,
                }
                for r in self.replies
            ],
        }


def prompt_for(prompt_id: str) -> Prompt | None:
    return prompt_index().get(prompt_id)


def with_related(qs: QuerySet[Exchange]) -> QuerySet[Exchange]:
    """Everything ``exchange_view`` reads, in a fixed number of queries for any page size."""
    return qs.prefetch_related(
        Prefetch(
            "answers",
            queryset=Answer.objects.prefetch_related(
                Prefetch("reactions", queryset=Reaction.objects.all())
            ),
        ),
        "skips",
        Prefetch("replies", queryset=Reply.objects.order_by("created_at", "id")),
    )


def exchange_view(
    *, exchange: Exchange, bond: BondView, viewer: User, details: bool = True
) -> ExchangeView:
    """What ``viewer`` may see of an exchange (prefetch with ``with_related`` for lists).
    Without ``details``, reactions and replies are left out (and not queried)."""
    answers = list(exchange.answers.all())
    mine = next((a for a in answers if a.author_id == viewer.pk), None)
    theirs = next((a for a in answers if a.author_id != viewer.pk), None)
    skippers = {s.user_id for s in exchange.skips.all()}
    revealed = exchange_is_revealed(answers=answers)
    prompt = prompt_for(exchange.prompt_id)
    view = ExchangeView(
        exchange=exchange,
        prompt_text=prompt.text if prompt else "This question is no longer in the deck.",
        follow_up=prompt.follow_up if prompt else None,
        other_name=bond.other.username,
        mine=mine,
        i_skipped=viewer.pk in skippers,
        they_answered=theirs is not None and theirs.is_submitted,
        they_skipped=bond.other.pk in skippers,
        revealed=revealed,
        theirs_text=None,
        # Only said once both answered, so it reveals nothing early.
        theirs_private=bool(
            theirs and theirs.private and mine and mine.is_submitted and theirs.is_submitted
        ),
        prompt_changed=bool(
            mine and mine.text and mine.prompt_id and mine.prompt_id != exchange.prompt_id
        ),
    )
    if theirs is not None and answer_visible_to(answer=theirs, viewer=viewer, answers=answers):
        view.theirs_text = theirs.text
        if details:
            view.reactions_given = {
                r.kind for r in theirs.reactions.all() if r.author_id == viewer.pk
            }
    if details and revealed and mine is not None:
        view.reactions_received = {r.kind for r in mine.reactions.all()}
        view.replies = [
            ReplyView(
                mine=r.author_id == viewer.pk,
                author="You" if r.author_id == viewer.pk else bond.other.username,
                text=r.text,
                shared=r.shared,
                created_at=r.created_at,
                id=r.pk,
            )
            for r in exchange.replies.all()
            if r.shared or r.author_id == viewer.pk
        ]
    return view


def exchange_for_bond(*, bond: BondView, exchange_id: int) -> Exchange:
    """An exchange of this bond (the bond already checked with ``bond_for_member``)."""
    from heard.core.errors import NotFound

    found = with_related(Exchange.objects.filter(bond=bond.bond, pk=exchange_id)).first()
    if found is None:
        raise NotFound("That question doesn't exist.")
    return found


def exchange_bond_id(*, exchange_id: int) -> int:
    """The bond an exchange belongs to, for the API's lookups (0 when there is none)."""
    return Exchange.objects.filter(pk=exchange_id).values_list("bond_id", flat=True).first() or 0


def latest_exchange(*, bond: Bond) -> Exchange | None:
    return Exchange.objects.filter(bond=bond).order_by("-created_at", "-id").first()


# --- history -------------------------------------------------------------------------------


def history_page(
    *, bond: BondView, viewer: User, q: str = "", page: int | str = 1
) -> tuple[Page[Any], list[ExchangeView]]:
    """Past exchanges, newest first, 20 a page; ``q`` searches the viewer's own answers.

    Answers are encrypted, so search decrypts this person's answers for this bond in Python."""
    newest_first = Exchange.objects.filter(bond=bond.bond).order_by("-created_at", "-id")
    q = q.strip().casefold()
    source: Any
    if q:
        own = Answer.objects.filter(exchange__bond=bond.bond, author=viewer).order_by(
            "-exchange__created_at", "-exchange_id"
        )
        source = [
            exchange_id
            for exchange_id, text in own.values_list("exchange_id", "text")
            if q in text.casefold()
        ]
    else:
        source = newest_first.values_list("pk", flat=True)
    paginated = Paginator(source, PER_PAGE).get_page(page)
    ids = list(paginated.object_list)
    rows = {e.pk: e for e in with_related(Exchange.objects.filter(pk__in=ids))}
    views = [exchange_view(exchange=rows[i], bond=bond, viewer=viewer) for i in ids if i in rows]
    return paginated, views


def export_for(*, bond: BondView, viewer: User) -> list[dict[str, Any]]:
    """Every exchange of the bond as this person may see it (the reveal rule applies)."""
    exchanges = with_related(Exchange.objects.filter(bond=bond.bond).order_by("-created_at", "-id"))
    return [exchange_view(exchange=e, bond=bond, viewer=viewer).to_dict() for e in exchanges]


# --- depth ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DepthStatus:
    current: int  # what today's questions are drawn from
    earned: int  # opened by exchanges both answered
    mine: int  # how deep this person said they're comfortable going
    completed: dict[int, int]
    needed: int  # more exchanges both answered before the next depth can open (0 if none)

    @property
    def current_name(self) -> str:
        return DEPTH_NAMES[self.current]

    def as_dict(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "current_name": self.current_name,
            "earned": self.earned,
            "mine": self.mine,
            "needed_for_next": self.needed,
            "unlock_after": UNLOCK_AFTER,
        }


def bond_depth(*, bond: Bond, user: User) -> DepthStatus:
    """The bond's depth: the deepest level both chose and both have earned. What the other
    person chose is never part of it, so stepping back is never explained to anyone."""
    completed = dict.fromkeys(DEPTHS, 0)
    for depth, count in (
        Exchange.objects.filter(bond=bond, state=ExchangeState.ANSWERED)
        .values_list("depth")
        .annotate(n=Count("id"))
        .values_list("depth", "n")
    ):
        completed[depth] = count
    earned = 1
    while earned < max(DEPTHS) and completed[earned] >= UNLOCK_AFTER:
        earned += 1
    choices = dict(DepthChoice.objects.filter(bond=bond).values_list("user_id", "depth"))
    mine = choices.get(user.pk, 1)
    others = [d for uid, d in choices.items() if uid != user.pk]
    theirs = others[0] if others else 1
    needed = 0 if earned == max(DEPTHS) else max(0, UNLOCK_AFTER - completed[earned])
    return DepthStatus(
        current=min(earned, mine, theirs),
        earned=earned,
        mine=mine,
        completed=completed,
        needed=needed,
    )


# --- Today ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayStatus:
    bond: BondView
    status: str  # new | ready | your_turn | waiting | skipped | revealed | kept | set_aside


def today_statuses(
    *, user: User, bonds: list[BondView], now: datetime.datetime
) -> list[TodayStatus]:
    """Today's prompt status for each bond, in three queries whatever the number of bonds."""
    if not bonds:
        return []
    newest = Exchange.objects.filter(bond_id=OuterRef("pk")).order_by("-created_at", "-id")
    latest_ids = Bond.objects.filter(pk__in=[b.id for b in bonds]).values(
        latest=Subquery(newest.values("pk")[:1])
    )
    exchanges = {
        e.bond_id: e
        for e in Exchange.objects.filter(pk__in=latest_ids).prefetch_related("answers", "skips")
    }
    midnight = local_midnight(user, now)
    found = []
    for view in bonds:
        exchange = exchanges.get(view.id)
        if exchange is None or (
            exchange.is_finished
            and exchange.finished_at is not None
            and exchange.finished_at < midnight
        ):
            status = "new"
        else:
            status = _light_status(exchange, view, user)
        found.append(TodayStatus(bond=view, status=status))
    return found


def _light_status(exchange: Exchange, bond: BondView, user: User) -> str:
    return exchange_view(exchange=exchange, bond=bond, viewer=user, details=False).status
