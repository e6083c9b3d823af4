"""Practice alone with the coach, and the progress series the dialogue and practice feed."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.coach import SKILLS
from heard.core.errors import DomainError, NotFound
from heard.core.progress import register_series
from heard.dialogue.coaching import Coaching, analyze_for, shape
from heard.dialogue.content import Scenario, scenario, scenarios_for
from heard.dialogue.models import PracticeAttempt, Rating, Turn
from heard.safety.services import TextCheck, safety_check_text

MAX_REPLY = 2000


def practice_scenario(scenario_id: str) -> Scenario:
    try:
        return scenario(scenario_id)
    except KeyError:
        raise NotFound("That practice scenario doesn't exist.") from None


def practice_pick(*, user: User, relation: str | None = None, need: str | None = None) -> Scenario:
    """A scenario the person hasn't tried yet if there is one (otherwise any), at random."""
    pool = scenarios_for(relation or None, need or None)
    if not pool:
        raise DomainError("No practice scenarios match that choice.")
    tried = set(PracticeAttempt.objects.filter(user=user).values_list("scenario_id", flat=True))
    fresh = [s for s in pool if s.id not in tried]
    return random.choice(fresh or list(pool))


@dataclass(frozen=True)
class AttemptResult:
    attempt: PracticeAttempt
    coaching: Coaching | None
    check: TextCheck


@transaction.atomic
def practice_attempt(*, user: User, scenario_id: str, reply: str) -> AttemptResult:
    """Keep the reply (private to the person), with the coach's labels and score."""
    found = practice_scenario(scenario_id)
    text = (reply or "").strip()
    if not text:
        raise DomainError("Write your reply first. There's no wrong answer here.")
    if len(text) > MAX_REPLY:
        raise DomainError(f"Keep your reply under {MAX_REPLY} characters.")
    check = safety_check_text(user=user, text=text, source="dialogue_practice")
    coaching: Coaching | None = None
    try:
        coaching = shape(analyze_for(user=user, reply=text, share=found.share, need=found.need))
    except DomainError as exc:
        if exc.status == 400:
            raise
    attempt = PracticeAttempt.objects.create(
        user=user,
        scenario_id=found.id,
        reply=text,
        labels=coaching.labels if coaching else [],
        score=coaching.score if coaching else 0,
    )
    return AttemptResult(attempt=attempt, coaching=coaching, check=check)


def attempts_for(*, user: User, limit: int = 20) -> list[PracticeAttempt]:
    return list(PracticeAttempt.objects.filter(user=user)[:limit])


# --------------------------------------------------------------------------- progress series


def _week(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@register_series("practice_skills", "Listening skills used in practice", "skills")
def practice_skills_series(
    *, user: User, bond: Bond | None = None
) -> list[tuple[datetime.date, float]]:
    """How many listening skills the person's practice replies showed, per week."""
    weeks: Counter[datetime.date] = Counter()
    for created, labels in PracticeAttempt.objects.filter(user=user).values_list(
        "created_at", "labels"
    ):
        weeks[_week(created.date())] += sum(1 for label in labels if label in SKILLS)
    return sorted((week, float(n)) for week, n in weeks.items())


def _dialogues(user: User, bond: Bond | None) -> Q:
    scope = Q(dialogue__bond__memberships__user=user, dialogue__bond__ended_at__isnull=True)
    if bond is not None:
        scope &= Q(dialogue__bond=bond)
    return scope


@register_series("dialogues_done", "Listening rounds finished", "rounds")
def dialogues_done_series(
    *, user: User, bond: Bond | None = None
) -> list[tuple[datetime.date, float]]:
    """Finished rounds (one per rating) in the person's bonds, per week."""
    weeks: Counter[datetime.date] = Counter()
    for created in Rating.objects.filter(_dialogues(user, bond)).values_list(
        "created_at", flat=True
    ):
        weeks[_week(created.date())] += 1
    return sorted((week, float(n)) for week, n in weeks.items())


@register_series("felt_heard", "How heard people felt (1 to 5)", "out of 5")
def felt_heard_series(*, user: User, bond: Bond | None = None) -> list[tuple[datetime.date, float]]:
    """Every 'I felt heard' rating in the person's dialogues, as speaker or listener."""
    rows = Rating.objects.filter(_dialogues(user, bond)).order_by("created_at")
    return [(r.created_at.date(), float(r.felt_heard)) for r in rows]


# How each of the coach's skill labels reads to a person.
SKILL_NAMES: dict[str, str] = {
    "reflection": "Reflecting back",
    "feeling": "Naming a feeling",
    "validation": "Validating",
    "question": "Asking an open question",
    "support": "Offering support",
    "self_disclosure": "Sharing your own experience",
}


def skill_counts(*, user: User) -> dict[str, int]:
    """How often each listening skill showed, in practice and in the person's dialogue turns."""
    counts: Counter[str] = Counter()
    for labels in PracticeAttempt.objects.filter(user=user).values_list("labels", flat=True):
        counts.update(label for label in labels if label in SKILLS)
    for summary in Turn.objects.filter(author=user).values_list("coach_summary", flat=True):
        counts.update(label for label in (summary or {}).get("labels", []) if label in SKILLS)
    return {
        SKILL_NAMES.get(skill, skill.replace("_", " ").capitalize()): counts[skill]
        for skill in SKILLS
    }
