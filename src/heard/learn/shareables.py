"""Lesson exercises a person may share with their counsellor, one by one (their own only)."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.shareables import ShareableItem, register_shareable
from heard.learn.exercises import EXERCISES, exercise_text
from heard.learn.models import ExerciseEntry


def _item(entry: ExerciseEntry) -> ShareableItem | None:
    exercise = EXERCISES.get(entry.exercise)
    if exercise is None:
        return None
    text = exercise_text(exercise, entry.answers)
    if not text:
        return None
    return ShareableItem(
        kind="lesson_exercise",
        id=entry.pk,
        created_at=entry.created_at,
        title=f"Your exercise: {exercise.title}",
        text=text,
    )


def list_own(user: Any, since: datetime.datetime) -> list[ShareableItem]:
    rows = ExerciseEntry.objects.filter(user=user, updated_at__gte=since)[:200]
    return [item for item in (_item(e) for e in rows) if item is not None]


def get_own(user: Any, item_id: int) -> ShareableItem | None:
    found = ExerciseEntry.objects.filter(user=user, pk=item_id).first()
    return _item(found) if found else None


def register() -> None:
    register_shareable("lesson_exercise", "A lesson exercise", list_own=list_own, get_own=get_own)
