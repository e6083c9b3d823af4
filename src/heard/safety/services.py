"""Safety actions. Every feature where people write calls `safety_check_text` when text is
saved; joint exercises call `selectors.joint_exercise_block` before they start."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.safety.models import BondPause, SafetyEvent, Screening

SCREENING_QUESTIONS = [
    ("afraid", "Do you ever feel afraid of this person?"),
    ("threatened", "Has this person threatened you, or someone or something you care about?"),
    ("controlled", "Does this person control where you go, who you see, your money or your phone?"),
    ("hurt", "Has this person hurt you, pushed you, or forced you to do something?"),
]


@dataclass(frozen=True)
class TextCheck:
    label: str  # "self_harm", "harm_to_others", "abuse" or "none"
    # On a screen the other person may be looking at (together mode): show only a discreet
    # "keep this just for you?" and a quiet Help link; the full panel waits for later.
    discreet: bool = False
    unjudged: bool = False  # another language: the writer still gets a quiet Help link

    @property
    def is_risk(self) -> bool:
        return self.label != "none"


def classify(text: str, *, shared_screen: bool = False) -> TextCheck:
    from heard.safety.detector import check

    found = check(text or "")
    return TextCheck(
        label=found.label, discreet=shared_screen and found.is_risk, unjudged=found.unjudged
    )


def safety_check_text(
    *, user: User, text: str, source: str, shared_screen: bool = False
) -> TextCheck:
    """Check what someone wrote. On a detection, record only its type and time for them.

    ``shared_screen``: the text was written where the other person may see the screen, so
    the full resources are kept for the writer's own next visit (``seen_in_full`` false)."""
    result = classify(text, shared_screen=shared_screen)
    if result.is_risk:
        SafetyEvent.objects.create(
            user=user, kind=result.label, source=source[:40], seen_in_full=not shared_screen
        )
    return result


def event_delete(*, user: User, event_id: int) -> bool:
    """The writer removes a detection from their own record. Only their own; silent otherwise."""
    deleted, _ = SafetyEvent.objects.filter(user=user, pk=event_id).delete()
    return bool(deleted)


def events_mark_seen_in_full(*, user: User) -> int:
    return SafetyEvent.objects.filter(user=user, seen_in_full=False).update(seen_in_full=True)


@transaction.atomic
def screening_submit(*, user: User, bond: Bond, answers: dict[str, bool]) -> Screening:
    positive = any(bool(answers.get(key)) for key, _ in SCREENING_QUESTIONS)
    screening = Screening.objects.create(user=user, bond=bond, positive=positive)
    # Each reporter has their own pause, so each sees their resources and lifts only their own.
    if (
        positive
        and not BondPause.objects.filter(bond=bond, reporter=user, lifted_at__isnull=True).exists()
    ):
        BondPause.objects.create(bond=bond, reporter=user)
    return screening


def pause_lift(*, user: User, bond: Bond) -> int:
    """Only the person who reported can lift the pause they caused."""
    return BondPause.objects.filter(bond=bond, reporter=user, lifted_at__isnull=True).update(
        lifted_at=timezone.now()
    )


def event_share_with_counsellor(*, user: User, event_id: int, shared: bool) -> int:
    """Share (or stop sharing) one of the writer's own detections with their counsellor(s):
    one share per item, through counsel. Returns how many counsellors now see it (0 when
    the event isn't theirs or they have no counsellor)."""
    from heard.core.errors import NotFound
    from heard.core.shareables import share_with_counsellors

    if not SafetyEvent.objects.filter(user=user, pk=event_id).exists():
        return 0
    try:
        return share_with_counsellors(
            user=user, kind="safety_detection", item_id=event_id, shared=shared
        )
    except NotFound:
        return 0  # older than counsel's sharing window
