from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.accounts.models import User
from heard.bonds.models import Bond, BondKind
from heard.core.memo import once_per_request
from heard.safety.models import BondPause, SafetyEvent, Screening

SCREENED_KINDS = {BondKind.PARTNER, BondKind.FAMILY}


def bond_is_paused(*, bond: Bond) -> bool:
    return BondPause.objects.filter(bond=bond, lifted_at__isnull=True).exists()


def paused_bond_ids(*, bond_ids: list[int]) -> set[int]:
    """Which of these bonds have joint exercises paused (one query, for lists like Today; once
    per page however many of its parts ask)."""
    wanted = tuple(sorted(set(bond_ids)))
    if not wanted:
        return set()

    def query() -> set[int]:
        return set(
            BondPause.objects.filter(bond_id__in=wanted, lifted_at__isnull=True).values_list(
                "bond_id", flat=True
            )
        )

    return set(once_per_request(("paused_bond_ids", wanted), query))


def pause_reported_by(*, bond: Bond, user: User) -> bool:
    return BondPause.objects.filter(bond=bond, reporter=user, lifted_at__isnull=True).exists()


def pause_started_at(*, bond: Bond) -> Any:
    """When the bond's earliest pause still in force began, or None (for counsel, which
    hides activity since then from a counsellor unless the reporter consented)."""
    row = (
        BondPause.objects.filter(bond=bond, lifted_at__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return row


def screening_needed(*, user: User, bond: Bond) -> bool:
    return (
        bond.kind in SCREENED_KINDS and not Screening.objects.filter(user=user, bond=bond).exists()
    )


def joint_exercise_block(*, user: User, bond: Bond) -> str | None:
    """Why a joint exercise can't start for this person now: "paused", "screening" or None.

    The reason for a pause is never given here; callers show the neutral paused page."""
    if bond_is_paused(bond=bond):
        return "paused"
    if screening_needed(user=user, bond=bond):
        return "screening"
    return None


PAUSED_MESSAGE = "Shared exercises for this bond are paused for now."
SCREENING_MESSAGE = "Please answer the short private safety question first."


def joint_exercise_require(*, user: User, bond: Bond) -> None:
    """For the API: raise a 409 Conflict (with ``screening_url`` when the screening is due)
    when a joint exercise can't go ahead for this person now."""
    from django.urls import reverse

    from heard.core.errors import Conflict

    block = joint_exercise_block(user=user, bond=bond)
    if block == "paused":
        raise Conflict(PAUSED_MESSAGE)
    if block == "screening":
        raise Conflict(SCREENING_MESSAGE, screening_url=reverse("safety:screening", args=[bond.pk]))


def safety_json(check: Any) -> dict[str, str] | None:
    """What the API tells the writer (only) about a detection in what they wrote."""
    from django.urls import reverse

    if check is None or not check.is_risk:
        return None
    return {"label": check.label, "resources_url": reverse("core:help")}


def events_for(*, user: User) -> QuerySet[SafetyEvent]:
    return SafetyEvent.objects.filter(user=user)


def events_for_history(*, user: User) -> tuple[list[SafetyEvent], bool]:
    """The writer's detections, each with ``shared_with_counsellor`` (shared, item by item,
    with an active counsellor connection), and whether they have a counsellor to share with."""
    from heard.core.shareables import has_counsellor, shared_with_counsellors

    shared = shared_with_counsellors(user=user, kind="safety_detection")
    events = list(events_for(user=user))
    for event in events:
        setattr(event, "shared_with_counsellor", event.pk in shared)  # noqa: B010
    return events, has_counsellor(user=user)


def waiting_full_panel(*, user: User, before: float | None = None) -> str | None:
    """The kind of the newest detection whose full resources the writer has not seen yet
    (it happened on a shared screen), or None. ``before``: only detections older than this
    timestamp (the start of the current login), so the panel never appears on the same shared
    screen straight after."""
    events = SafetyEvent.objects.filter(user=user, seen_in_full=False)
    if before is not None:
        from datetime import UTC, datetime

        events = events.filter(created_at__lt=datetime.fromtimestamp(before, tz=UTC))
    return events.values_list("kind", flat=True).first()


def help_lines(*, country: str, kind: str) -> list[Any]:
    """Crisis or domestic-violence lines for a country, the host practice's own first."""
    from django.conf import settings

    from heard.safety.resources import resources_for

    return resources_for(country, kind, settings.EXTRA_RESOURCES_FILE or None)
