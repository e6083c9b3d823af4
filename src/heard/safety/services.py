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

    @property
    def is_risk(self) -> bool:
        return self.label != "none"


def classify(text: str) -> TextCheck:
    from heard.safety.detector import check

    return TextCheck(label=check(text or "").label)


def safety_check_text(*, user: User, text: str, source: str) -> TextCheck:
    """Check what someone wrote. On a detection, record only its type and time for them."""
    result = classify(text)
    if result.is_risk:
        SafetyEvent.objects.create(user=user, kind=result.label, source=source[:40])
    return result


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


def event_share_with_counsellor(*, user: User, event_id: int, shared: bool) -> None:
    SafetyEvent.objects.filter(user=user, pk=event_id).update(shared_with_counsellor=shared)
