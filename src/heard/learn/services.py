"""Writes for Learn: read marks, reading together in a bond, and the private solo exercises.
Views, the API and the CLI call these."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond, Membership
from heard.core.errors import Conflict, DomainError
from heard.core.notices import notice_send, notice_withdraw
from heard.learn import selectors
from heard.learn.exercises import STEP_MAX, exercise_text
from heard.learn.models import ExerciseEntry, LessonRead, TogetherMark
from heard.prompts.services import exchange_on_theme, exchange_url
from heard.safety.services import TextCheck, safety_check_text


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


# --- read marks ----------------------------------------------------------------------------


def lesson_mark_read(
    *, user: User, lesson_id: str, now: datetime.datetime | None = None
) -> LessonRead:
    """Mark a lesson read (again is fine: the first time is kept)."""
    selectors.lesson_get(lesson_id=lesson_id)
    try:
        with transaction.atomic():
            read, _ = LessonRead.objects.get_or_create(
                user=user, lesson_id=lesson_id, defaults={"read_at": _now(now)}
            )
    except IntegrityError:  # two clicks at once
        read = LessonRead.objects.get(user=user, lesson_id=lesson_id)
    return read


def lesson_mark_unread(*, user: User, lesson_id: str) -> None:
    selectors.lesson_get(lesson_id=lesson_id)
    LessonRead.objects.filter(user=user, lesson_id=lesson_id).delete()


# --- read together -------------------------------------------------------------------------


def _other(bond: Bond, user: User) -> User | None:
    membership = (
        Membership.objects.select_related("user").filter(bond=bond).exclude(user=user).first()
    )
    return membership.user if membership else None


def _key(bond: Bond, lesson_id: str) -> str:
    return f"learn-together-{bond.pk}-{lesson_id}"[:80]


@transaction.atomic
def together_mark(
    *, bond: Bond, user: User, lesson_id: str, now: datetime.datetime | None = None
) -> selectors.TogetherRow:
    """Mark a lesson to read and talk about together. The other person is told, in Heard's
    own words, with the lesson's title (our writing, never theirs)."""
    lesson = selectors.lesson_get(lesson_id=lesson_id)
    _, created = TogetherMark.objects.get_or_create(
        bond=bond, user=user, lesson_id=lesson_id, defaults={"created_at": _now(now)}
    )
    row = selectors.together_row(bond=bond, user=user, lesson_id=lesson_id)
    other = _other(bond, user)
    if created and other is not None:
        notice_withdraw(user=user, key=_key(bond, lesson_id))
        text = (
            f"{user.username} read “{lesson.title}” too. There's a question on it for you both."
            if row.both
            else f"{user.username} would like to read “{lesson.title}” together."
        )
        notice_send(
            user=other,
            kind="learn_together",
            text=text,
            url=reverse("learn:lesson", args=[lesson.id]),
            bond=bond,
            key=_key(bond, lesson_id),
        )
    return row


@transaction.atomic
def together_unmark(*, bond: Bond, user: User, lesson_id: str) -> None:
    selectors.lesson_get(lesson_id=lesson_id)
    TogetherMark.objects.filter(bond=bond, user=user, lesson_id=lesson_id).delete()
    other = _other(bond, user)
    if other is not None:
        notice_withdraw(user=other, key=_key(bond, lesson_id))


@transaction.atomic
def together_prompt(
    *, bond: Bond, user: User, lesson_id: str, now: datetime.datetime | None = None
) -> str:
    """Once both have marked a lesson, today's question becomes one on its theme, for both to
    answer with the usual reveal. Returns the question's address."""
    lesson = selectors.lesson_get(lesson_id=lesson_id)
    row = selectors.together_row(bond=bond, user=user, lesson_id=lesson_id)
    if not row.both:
        raise Conflict("The question opens once you've both marked this lesson to read together.")
    exchange = exchange_on_theme(bond=bond, user=user, theme=lesson.theme, now=now)
    TogetherMark.objects.filter(bond=bond, lesson_id=lesson_id).update(exchange=exchange)
    return exchange_url(exchange)


# --- private solo exercises ----------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    entry: ExerciseEntry
    check: TextCheck


def _clean(exercise_id: str, answers: dict[str, str]) -> dict[str, str]:
    exercise = selectors.exercise_get(exercise_id=exercise_id)
    keys = {step.key for step in exercise.steps}
    cleaned: dict[str, str] = {}
    for key, value in answers.items():
        if key not in keys:
            continue
        text = (value or "").replace("\r\n", "\n").strip()
        if len(text) > STEP_MAX:
            raise DomainError(
                f"One answer is {len(text):,} characters; please keep each under {STEP_MAX:,}. "
                "Nothing you wrote was lost."
            )
        if text:
            cleaned[key] = text
    if not cleaned:
        raise DomainError("Write a few words in at least one step first.")
    return cleaned


@transaction.atomic
def exercise_save(
    *,
    user: User,
    exercise_id: str,
    answers: dict[str, str],
    entry: ExerciseEntry | None = None,
    now: datetime.datetime | None = None,
) -> Saved:
    """Save a new entry, or change one of the writer's own. The crisis detector reads new
    text like any other; only the fact of a detection is logged, never the text."""
    exercise = selectors.exercise_get(exercise_id=exercise_id)
    cleaned = _clean(exercise_id, answers)
    now = _now(now)
    if entry is None:
        entry = ExerciseEntry(user=user, exercise=exercise.id, created_at=now)
    elif entry.user_id != user.pk or entry.exercise != exercise.id:
        raise DomainError("That entry isn't yours to change.")
    text = exercise_text(exercise, cleaned)
    if entry.pk and text == exercise_text(exercise, entry.answers):
        check = TextCheck(label=entry.risk_label)
    else:
        check = safety_check_text(user=user, text=text, source=exercise.source)
    entry.answers_json = json.dumps(cleaned, ensure_ascii=False)
    entry.risk_label = check.label
    entry.updated_at = now
    entry.save()
    return Saved(entry=entry, check=check)


def exercise_delete(*, user: User, exercise_id: str, entry_id: int) -> None:
    selectors.exercise_entry(user=user, exercise_id=exercise_id, entry_id=entry_id).delete()
