"""Writes for progress: milestones, recorded once and celebrated once."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.core.progress import on_progress
from heard.progress.models import Milestone
from heard.progress.selectors import milestones_reached

# --------------------------------------------------------------------------- milestones


@on_progress
def milestones_refresh(*, user: User) -> list[Milestone]:
    """Record every milestone the person has newly reached. Each is recorded once."""
    have = set(Milestone.objects.filter(user=user).values_list("key", flat=True))
    new = []
    for key in milestones_reached(user=user):
        if key in have:
            continue
        try:
            with transaction.atomic():
                new.append(Milestone.objects.create(user=user, key=key))
        except IntegrityError:  # reached in a parallel request; still only once
            continue
    return new


def milestones_celebrate(*, user: User) -> list[Milestone]:
    """Milestones not celebrated yet. They are marked seen now, so each shows once. (They are
    recorded by the services that record the activity: see milestones_refresh.)"""
    unseen = list(Milestone.objects.filter(user=user, seen_at__isnull=True))
    if unseen:
        Milestone.objects.filter(pk__in=[m.pk for m in unseen]).update(seen_at=timezone.now())
    return unseen
