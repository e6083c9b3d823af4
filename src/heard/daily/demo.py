"""Sample check-ins for `heard demo`, so the Progress page has something to show."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from heard.daily.models import CheckIn, ConnectionRating

DEMO_FEELINGS = ["calm", "hopeful", "tired", "content", "grateful", "stressed", "relieved"]


def add_demo_checkins(bond: Any, first: Any, second: Any) -> None:
    if CheckIn.objects.filter(user=first).exists():
        return  # already added; `heard demo` can be run again safely
    rng = random.Random(bond.pk)  # the same sample every time, no real randomness needed
    today = timezone.localdate()
    for person, base in ((first, 6), (second, 7)):
        for back in range(40, -1, -1):
            if rng.random() < 0.35:
                continue  # missed days are normal and cost nothing
            checkin = CheckIn.objects.create(
                user=person,
                day=today - datetime.timedelta(days=back),
                feeling=rng.choice(DEMO_FEELINGS),
            )
            rating = max(1, min(10, base + rng.choice([-2, -1, 0, 0, 1, 1, 2]) + (40 - back) // 20))
            ConnectionRating.objects.create(checkin=checkin, bond=bond, rating=rating)
