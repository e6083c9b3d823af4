"""Reads for Learn: lessons with each person's private read marks, where a practice link goes,
what a bond marked to read together, and a person's own exercise entries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView, bonds_for
from heard.core.errors import NotFound
from heard.learn.content import (
    TOPIC_NAMES,
    TOPICS,
    Lesson,
    LightPrompt,
    Practice,
    lesson_index,
    lessons,
    light_prompt_for,
)
from heard.learn.content import suggested_path as _path
from heard.learn.exercises import EXERCISES, Exercise
from heard.learn.models import ExerciseEntry, LessonRead, TogetherMark

# Practice kinds that happen with someone, and the page for each, per bond.
BOND_PRACTICE = {
    "prompt": "prompts:today",
    "depth": "prompts:depth",
    "dialogue": "dialogue:start",
    "comfort": "dialogue:comfort_send",
}
SOLO_PRACTICE = {
    "practice": "dialogue:practice",
    "say_it": "dialogue:say_it",
    "checkin": "daily:checkin",
    "appreciation": "together:appreciation",
    "love_languages": "together:love_languages",
    "checkup": "checkup:home",
    "help": "core:help",
}


def lesson_get(*, lesson_id: str) -> Lesson:
    lesson = lesson_index().get(lesson_id)
    if lesson is None:
        raise NotFound("There is no such lesson.")
    return lesson


def exercise_get(*, exercise_id: str) -> Exercise:
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        raise NotFound("There is no such exercise.")
    return exercise


# --- read marks ----------------------------------------------------------------------------


def read_ids(*, user: User) -> set[str]:
    return set(LessonRead.objects.filter(user=user).values_list("lesson_id", flat=True))


def read_count(*, user: User) -> int:
    """Lessons read that still exist."""
    return len(read_ids(user=user) & set(lesson_index()))


def is_read(*, user: User, lesson_id: str) -> bool:
    return LessonRead.objects.filter(user=user, lesson_id=lesson_id).exists()


@dataclass(frozen=True)
class TopicGroup:
    topic: str
    name: str
    lessons: list[Lesson]


def by_topic() -> list[TopicGroup]:
    return [TopicGroup(t, TOPIC_NAMES[t], [x for x in lessons() if x.topic == t]) for t in TOPICS]


def suggested_path() -> list[Lesson]:
    return _path()


def next_lesson(*, user: User) -> Lesson | None:
    """The first unread lesson on the suggested path, then any unread one; None when all read."""
    done = read_ids(user=user)
    for lesson in [*_path(), *lessons()]:
        if lesson.id not in done:
            return lesson
    return None


# --- practice links ------------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeLink:
    """Where a practice goes for this person: one ``url``, or one per bond to choose from
    (``choices``), or nowhere yet because it needs someone (``needs_bond``)."""

    url: str | None
    choices: list[tuple[BondView, str]]
    needs_bond: bool


def practice_url(kind: str, target: str | None = None) -> str | None:
    """The page for a practice that needs nobody else; None for one done with someone."""
    if kind == "scenario":
        return reverse("dialogue:practice_scenario", args=[target])
    if kind == "exercise":
        return reverse("learn:exercise", args=[target])
    if kind == "idea":
        return reverse("quality:idea", args=[target])
    if kind.startswith("lesson:"):
        return reverse("learn:lesson", args=[kind.removeprefix("lesson:")])
    if kind in SOLO_PRACTICE:
        return reverse(SOLO_PRACTICE[kind])
    return None


def practice_link(*, user: User, practice: Practice | str) -> PracticeLink:
    kind, target = (
        (practice, None) if isinstance(practice, str) else (practice.kind, practice.target)
    )
    url = practice_url(kind, target)
    if url is not None or kind not in BOND_PRACTICE:
        return PracticeLink(url=url, choices=[], needs_bond=False)
    choices = [(b, reverse(BOND_PRACTICE[kind], args=[b.id])) for b in bonds_for(user=user)]
    if len(choices) == 1:
        return PracticeLink(url=choices[0][1], choices=choices, needs_bond=True)
    return PracticeLink(url=None, choices=choices, needs_bond=True)


def practice_href(*, user: User, lesson: Lesson) -> str:
    """The practice link on a lesson page: straight there when there is one place to go."""
    found = practice_link(user=user, practice=lesson.practice)
    return found.url or reverse("learn:practice", args=[lesson.id])


def light_prompt(*, user: User, day: datetime.date) -> LightPrompt | None:
    """A light (depth 1) question to start from, for the kind of the person's first bond (a
    friend's, for someone not in one yet): the same one all day, a different one the next."""
    bonds = bonds_for(user=user)
    kind = bonds[0].bond.kind if bonds else "friend"
    return light_prompt_for(kind, day.toordinal() + user.pk)


# --- read together -------------------------------------------------------------------------


@dataclass(frozen=True)
class TogetherRow:
    lesson: Lesson
    mine: bool
    theirs: bool
    exchange_id: int | None

    @property
    def both(self) -> bool:
        return self.mine and self.theirs


def together_for_bond(*, bond: Bond, user: User) -> list[TogetherRow]:
    """Lessons marked in this bond, newest first, with who marked them."""
    index = lesson_index()
    rows: dict[str, dict[str, object]] = {}
    for mark in TogetherMark.objects.filter(bond=bond).order_by("-created_at", "-id"):
        if mark.lesson_id not in index:
            continue
        row = rows.setdefault(mark.lesson_id, {"mine": False, "theirs": False, "exchange": None})
        row["mine" if mark.user_id == user.pk else "theirs"] = True
        row["exchange"] = row["exchange"] or mark.exchange_id
    return [
        TogetherRow(
            lesson=index[lesson_id],
            mine=bool(row["mine"]),
            theirs=bool(row["theirs"]),
            exchange_id=row["exchange"],  # type: ignore[arg-type]
        )
        for lesson_id, row in rows.items()
    ]


def together_row(*, bond: Bond, user: User, lesson_id: str) -> TogetherRow:
    for row in together_for_bond(bond=bond, user=user):
        if row.lesson.id == lesson_id:
            return row
    return TogetherRow(
        lesson=lesson_get(lesson_id=lesson_id), mine=False, theirs=False, exchange_id=None
    )


# --- exercises -----------------------------------------------------------------------------


def exercise_entries(*, user: User, exercise_id: str | None = None) -> QuerySet[ExerciseEntry]:
    qs = ExerciseEntry.objects.filter(user=user)
    if exercise_id is not None:
        qs = qs.filter(exercise=exercise_id)
    return qs


def exercise_entry(*, user: User, exercise_id: str, entry_id: int) -> ExerciseEntry:
    """One of the person's own entries; anyone else's is NotFound, the same as none at all."""
    entry = ExerciseEntry.objects.filter(user=user, exercise=exercise_id, pk=entry_id).first()
    if entry is None:
        raise NotFound("There is no such entry.")
    return entry
