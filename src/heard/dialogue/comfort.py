"""Ask for comfort: one tap sends "I could use some support"; one tap answers "I'm here".

Either can come with a line of one's own: the sender's line and the reply are shown on the
request's page, to the two of them only. Notices stay in our own words; the only thing of the
sender's in them is the feeling word they chose from our vocabulary. A line with crisis language
is kept for its writer, who sees the help lines and chooses whether to send it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.selectors import BondView
from heard.coach.feelings import all_words
from heard.core.errors import Conflict, DomainError, TooManyRequests
from heard.core.forms import over_limit_message
from heard.core.notices import notice_send, notice_withdraw
from heard.dialogue.models import ComfortReply, ComfortRequest
from heard.safety.services import TextCheck, safety_check_text

REPEAT_AFTER = timedelta(minutes=10)
MAX_LINE = 280


@dataclass(frozen=True)
class ComfortSent:
    """Sent (``request``), or kept for the writer after a safety detection (``request`` None)."""

    request: ComfortRequest | None
    check: TextCheck


def _line(text: str, *, writer: User, source: str) -> tuple[str, TextCheck]:
    line = (text or "").strip()
    if len(line) > MAX_LINE:
        raise DomainError(over_limit_message(length=len(line), limit=MAX_LINE))
    check = TextCheck(label="none")
    if line:
        check = safety_check_text(user=writer, text=line, source=source)
    return line, check


def clean_feeling(word: str | None) -> str:
    word = " ".join((word or "").lower().split())
    if word and word not in set(all_words()):
        raise DomainError("Pick a feeling word from the list, or leave it empty.")
    return word


@transaction.atomic
def comfort_send(
    *,
    sender: User,
    bond: BondView,
    feeling_word: str = "",
    message: str = "",
    share_anyway: bool = False,
) -> ComfortSent:
    """Callers check joint-exercise safety for the bond first."""
    word = clean_feeling(feeling_word)
    line, check = _line(message, writer=sender, source="comfort")
    if check.is_risk and not share_anyway:
        return ComfortSent(request=None, check=check)
    recent = ComfortRequest.objects.filter(
        bond=bond.bond,
        sender=sender,
        answered_at__isnull=True,
        created_at__gte=timezone.now() - REPEAT_AFTER,
    ).exists()
    if recent:
        raise TooManyRequests(
            f"Your request is on its way to {bond.other.username}. Give them a little time."
        )
    request = ComfortRequest.objects.create(
        bond=bond.bond, sender=sender, feeling_word=word, message=line
    )
    feeling = f" They're feeling {word}." if word else ""
    notice_send(
        user=bond.other,
        kind="comfort_request",
        text=f"{sender.username} could use some support.{feeling}",
        url=reverse("dialogue:comfort", args=[request.pk]),
        bond=bond.bond,
        key=f"comfort-{bond.id}-{sender.pk}",
    )
    return ComfortSent(request=request, check=check)


@transaction.atomic
def comfort_respond(
    *, request: ComfortRequest, responder: User, reply: str = "", share_anyway: bool = False
) -> ComfortSent:
    if request.sender_id == responder.pk:
        raise DomainError("This is your own request. The other person can answer it.")
    if request.answered_at is not None:
        raise Conflict("You've already let them know you're here.")
    line, check = _line(reply, writer=responder, source="comfort_reply")
    if check.is_risk and not share_anyway:
        return ComfortSent(request=None, check=check)
    request.answered_at = timezone.now()
    request.save(update_fields=["answered_at"])
    if line:
        ComfortReply.objects.create(request=request, author=responder, text=line)
    notice_send(
        user=request.sender,
        kind="comfort_here",
        text=f"{responder.username} wrote back: they're here for you."
        if line
        else f"{responder.username} says: I'm here.",
        url=reverse("dialogue:comfort", args=[request.pk]),
        bond=request.bond,
        key=f"comfort-here-{request.bond_id}-{responder.pk}",
    )
    notice_withdraw(user=responder, key=f"comfort-{request.bond_id}-{request.sender_id}")
    return ComfortSent(request=request, check=check)
