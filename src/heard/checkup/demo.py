"""Sample check-ups for `heard demo`, so the Progress page has something to show."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from heard.checkup.content import checkup_items_for
from heard.checkup.models import CheckupResult
from heard.checkup.scoring import score_answers


def add_demo_activity(bond: Any, first: Any, second: Any) -> None:
    if CheckupResult.objects.filter(user=first).exists():
        return  # already added; `heard demo` can be run again safely
    rng = random.Random(bond.pk)  # the same sample every time, no real randomness needed
    for person in (first, second):
        items = checkup_items_for(bond.kind)
        for months_ago in (2, 1, 0):
            answers = {i.id: rng.choice([2, 3, 4, 4, 5]) for i in items}
            result = CheckupResult.objects.create(
                user=person,
                bond=bond,
                kind=bond.kind,
                answers=answers,
                scores={k: v.score for k, v in score_answers(items, answers).items()},
                closeness=rng.randint(3, 6),
                shared=True,
            )
            when = timezone.now() - datetime.timedelta(days=30 * months_ago)
            CheckupResult.objects.filter(pk=result.pk).update(created_at=when)
