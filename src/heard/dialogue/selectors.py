"""Reads for the dialogue. Every lookup is scoped to the two members of an active bond."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView, bond_for_member
from heard.core.errors import NotFound
from heard.dialogue.models import ComfortRequest, Dialogue, Draft, Mode, Rating, State, Step, Turn
from heard.dialogue.services import DOING, DOING_YOU, STEP_FOR_STATE, turn_user

TYPING_WINDOW = timedelta(seconds=8)


def dialogue_for_member(*, user: User, dialogue_id: int) -> tuple[Dialogue, BondView]:
    """A dialogue in an active bond the person belongs to; anyone else gets NotFound (404)."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound("That dialogue doesn't exist.")
    dialogue = Dialogue.objects.filter(
        pk=dialogue_id, bond__memberships__user=user, bond__ended_at__isnull=True
    ).first()
    if dialogue is None:
        raise NotFound("That dialogue doesn't exist.")
    view = bond_for_member(user=user, bond_id=dialogue.bond_id)
    # The bond and its two people are read once, by bond_for_member; joining them again here
    # (two users and a bond) was half of the dialogue page's CPU, in compiling the query.
    dialogue.bond = view.bond
    people = {user.pk: user, view.other.pk: view.other}
    if dialogue.speaker_id in people:
        dialogue.speaker = people[dialogue.speaker_id]
    if dialogue.listener_id in people:
        dialogue.listener = people[dialogue.listener_id]
    return dialogue, view


def open_dialogue(*, bond: Bond) -> Dialogue | None:
    return (
        Dialogue.objects.select_related("speaker", "listener")
        .filter(bond=bond)
        .exclude(state=State.DONE)
        .first()
    )


def latest_dialogue(*, bond: Bond) -> Dialogue | None:
    return Dialogue.objects.select_related("speaker", "listener").filter(bond=bond).first()


def open_dialogues_query(*, user: User) -> QuerySet[Dialogue]:
    """Open, unpaused dialogues in this person's active bonds."""
    return Dialogue.objects.filter(
        bond__memberships__user=user, bond__ended_at__isnull=True, paused_at__isnull=True
    ).exclude(state=State.DONE)


def your_turn_dialogues(*, user: User) -> list[Dialogue]:
    """Open, unpaused apart-mode dialogues (in active bonds) waiting on this person."""
    found = open_dialogues_query(user=user).select_related("speaker", "listener", "bond")
    return [d for d in found if (who := turn_user(d)) is not None and who.pk == user.pk]


def turns_for(*, dialogue: Dialogue, round: int | None = None) -> list[Turn]:
    qs = Turn.objects.filter(dialogue=dialogue).select_related("author")
    if round is not None:
        qs = qs.filter(round=round)
    return list(qs)


def shared_text(*, dialogue: Dialogue) -> str:
    """Everything the speaker has shared this round (shares and corrections), as one text."""
    turns = Turn.objects.filter(
        dialogue=dialogue, round=dialogue.round, step__in=[Step.SHARE, Step.CORRECT]
    )
    return "\n".join(t.text for t in turns)


def draft_for(*, dialogue: Dialogue, author: User) -> Draft | None:
    """The author's own draft. Never call this with anyone but the author (or, on a shared
    device in together mode, the person whose turn it is)."""
    return Draft.objects.filter(dialogue=dialogue, author=author).first()


def is_typing(*, dialogue: Dialogue, user: User) -> bool:
    """Whether ``user`` changed their draft in the last few seconds (says nothing of its text)."""
    since = timezone.now() - TYPING_WINDOW
    return Draft.objects.filter(dialogue=dialogue, author=user, updated_at__gte=since).exists()


def rating_for(*, dialogue: Dialogue, round: int) -> Rating | None:
    return Rating.objects.filter(dialogue=dialogue, round=round).first()


@dataclass(frozen=True)
class Status:
    """What the page says about whose turn it is, seen by ``viewer``."""

    yours: bool
    text: str
    typing: bool
    version: int


def status_for(*, dialogue: Dialogue, viewer: User) -> Status:
    other = dialogue.listener if viewer.pk == dialogue.speaker_id else dialogue.speaker
    if dialogue.is_paused:
        return Status(
            False, "Paused. Pick it up again whenever you're both ready.", False, dialogue.version
        )
    who = turn_user(dialogue)
    if who is None:
        if dialogue.ended_at is not None:
            ender = "You" if dialogue.ended_by_id == viewer.pk else other.username
            return Status(False, f"{ender} ended this dialogue.", False, dialogue.version)
        return Status(False, "This round is done.", False, dialogue.version)
    doing = DOING[dialogue.state]
    if dialogue.mode == Mode.TOGETHER:
        return Status(True, f"{who.username}'s turn to {doing}.", False, dialogue.version)
    if who.pk == viewer.pk:
        return Status(True, f"Your turn to {DOING_YOU[dialogue.state]}.", False, dialogue.version)
    typing = is_typing(dialogue=dialogue, user=other)
    text = f"{other.username} is typing…" if typing else f"Waiting for {other.username} to {doing}."
    return Status(False, text, typing, dialogue.version)


def writing_step(dialogue: Dialogue) -> str | None:
    return STEP_FOR_STATE[dialogue.state]


def comfort_for_member(*, user: User, request_id: int) -> tuple[ComfortRequest, BondView]:
    found = (
        ComfortRequest.objects.select_related("sender", "bond")
        .filter(pk=request_id, bond__memberships__user=user, bond__ended_at__isnull=True)
        .first()
    )
    if found is None:
        raise NotFound("That request doesn't exist.")
    return found, bond_for_member(user=user, bond_id=found.bond_id)


def comfort_waiting_query(*, user: User) -> QuerySet[ComfortRequest]:
    """Unanswered requests for comfort sent to this person in the last two days."""
    since = timezone.now() - timedelta(days=2)
    return ComfortRequest.objects.filter(
        bond__memberships__user=user,
        bond__ended_at__isnull=True,
        answered_at__isnull=True,
        created_at__gte=since,
    ).exclude(sender=user)


def comfort_waiting(*, user: User) -> list[ComfortRequest]:
    """Unanswered requests for comfort sent to this person in the last two days."""
    return list(comfort_waiting_query(user=user).select_related("sender", "bond"))
