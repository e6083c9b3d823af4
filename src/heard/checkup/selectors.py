"""Reads for the check-up, love languages, daily check-ins and appreciation.

Every bond-scoped read goes through ``bond_for_member``; a person's own rows are filtered by
the person, so nobody else's result can be named by id."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView, bonds_for
from heard.checkup.content import (
    CHECKUP_ITEMS_FILE,
    COMPONENTS,
    LANGUAGES,
    ROADBLOCKS,
    AppreciationIdea,
    AppreciationSuggestion,
    appreciation_suggestions,
    closeness_steps,
    ideas_for,
)
from heard.checkup.models import (
    Appreciation,
    AppreciationStatus,
    CheckIn,
    CheckupResult,
    LoveLanguageResult,
)
from heard.checkup.scoring import Difference, FocusSuggestion, band_for, compare, focus_plan
from heard.content import content_files, read_yaml
from heard.core.errors import NotFound
from heard.core.memo import once_per_request
from heard.safety.selectors import bond_is_paused

RETAKE_DAYS = 30

SCALE_NAMES = {
    "vulnerability": "Opening up",
    "empathy": "Feeling understood",
    "trust": "Trust",
    "authenticity": "Being yourself",
    "acceptance": "Feeling accepted",
    "time": "Too little time",
    "fear": "Fear of opening up",
    "weakness_belief": "Seeing openness as weakness",
    "communication": "Talks that go sideways",
    "old_hurts": "Old hurts",
}
LANGUAGE_NAMES = {
    "words": "Kind words",
    "quality_time": "Time together",
    "gifts": "Thoughtful gifts",
    "acts_of_service": "Helpful acts",
    "physical_touch": "Warm touch",
}
# Where each focus target is practised: (url, link text).
TARGET_LINKS = {
    "quality_time": ("/together/", "Plan a little time together"),
    "start_small": ("/", "Try today's light prompt"),
    "listening_dialogue": ("/talk/", "Start a listening dialogue"),
    "i_statement": ("/talk/", "Try the I-statement builder"),
    "help": ("/help/", "Open the help page"),
    "appreciation": ("/checkup/appreciation/", "Send a note of appreciation"),
    "love_languages": ("/checkup/love-languages/", "Explore love languages"),
    "practice": ("/talk/", "Practise listening with the coach"),
}


def local_today(user: User) -> datetime.date:
    try:
        zone = zoneinfo.ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.now().astimezone(zone).date()


# --------------------------------------------------------------------------- vocabulary


def feeling_groups() -> list[tuple[str, list[str]]]:
    """The shared feelings vocabulary as (family name, words), for the picker."""
    from heard.coach.feelings import families

    return [(family.name, list(family.words)) for family in families()]


def feeling_word(text: str) -> str | None:
    """The vocabulary word ``text`` names, or None."""
    from heard.coach.feelings import all_words

    wanted = " ".join((text or "").lower().split())
    return wanted if wanted in set(all_words()) else None


@cache
def answer_labels() -> dict[int, str]:
    data = read_yaml(content_files(CHECKUP_ITEMS_FILE)[0])
    labels = (data.get("answer_scale") or {}).get("labels") or {}
    return {int(k): str(v) for k, v in labels.items()}


# --------------------------------------------------------------------------- check-up


@dataclass(frozen=True)
class ScaleRow:
    scale: str
    name: str
    group: str  # "component" or "roadblock"
    score: int | None
    band: str
    meaning: str


def scale_rows(scores: dict[str, int | None]) -> list[ScaleRow]:
    rows = []
    for group, scales in (("component", COMPONENTS), ("roadblock", ROADBLOCKS)):
        for scale in scales:
            if scale not in scores:
                continue
            score = scores[scale]
            band = band_for(scale, score) if score is not None else None
            rows.append(
                ScaleRow(
                    scale=scale,
                    name=SCALE_NAMES.get(scale, scale),
                    group=group,
                    score=score,
                    band=band.label if band else "Not enough answers",
                    meaning=band.meaning
                    if band
                    else "You skipped most of these statements, so there is no score this time.",
                )
            )
    return rows


def closeness_label(step: int | None) -> str:
    for item in closeness_steps():
        if item.step == step:
            return item.label
    return ""


def checkup_result_own(*, user: User, result_id: int) -> CheckupResult:
    """One of the person's own check-ups; anyone else's is NotFound."""
    result = CheckupResult.objects.filter(pk=result_id, user=user).select_related("bond").first()
    if result is None:
        raise NotFound("That check-up doesn't exist.")
    return result


def checkup_results(*, user: User) -> list[CheckupResult]:
    """All of a person's check-ups, newest first, with their bonds: one query, once per page.
    The overview, the focus and the score charts all read from it (a check-up a month keeps
    the list short)."""

    def query() -> list[CheckupResult]:
        return list(CheckupResult.objects.filter(user=user).select_related("bond"))

    return once_per_request(("checkup_results", user.pk), query)


def latest_checkup(*, user: User, bond: Bond | None) -> CheckupResult | None:
    wanted = bond.pk if bond is not None else None
    return next((r for r in checkup_results(user=user) if r.bond_id == wanted), None)


def days_since(result: CheckupResult | None) -> int | None:
    if result is None:
        return None
    return (timezone.now() - result.created_at).days


@dataclass(frozen=True)
class CheckupRow:
    """One line of the check-up overview: a bond (or on your own) and its latest result."""

    bond: BondView | None
    latest: CheckupResult | None
    days: int | None

    @property
    def retake_due(self) -> bool:
        return self.days is not None and self.days >= RETAKE_DAYS


def checkup_overview(*, user: User) -> list[CheckupRow]:
    rows = [
        CheckupRow(view, latest := latest_checkup(user=user, bond=view.bond), days_since(latest))
        for view in bonds_for(user=user)
    ]
    solo = latest_checkup(user=user, bond=None)
    rows.append(CheckupRow(None, solo, days_since(solo)))
    return rows


@dataclass(frozen=True)
class SideBySide:
    """Both people's latest check-ups for a bond. ``available`` only when both shared theirs."""

    available: bool
    mine: CheckupResult | None
    theirs: CheckupResult | None
    differences: list[Difference]

    @property
    def talk_about(self) -> list[Difference]:
        return sorted((d for d in self.differences if d.talk_about), key=lambda d: -d.gap)


def side_by_side(*, user: User, view: BondView) -> SideBySide:
    mine = latest_checkup(user=user, bond=view.bond)
    theirs = latest_checkup(user=view.other, bond=view.bond)
    if mine is None or theirs is None or not (mine.shared and theirs.shared):
        # Nothing about the other person's check-up (not even whether it exists) leaks here.
        return SideBySide(False, mine, None, [])
    return SideBySide(True, mine, theirs, list(compare(mine.scores, theirs.scores).values()))


@dataclass(frozen=True)
class Focus:
    suggestion: FocusSuggestion
    result: CheckupResult | None
    url: str
    link_text: str
    also: list[tuple[str, str]]


def focus_for(*, user: User) -> Focus:
    """One focus for the week, from the person's most recent check-up (any bond or alone)."""
    result = next(
        (r for r in checkup_results(user=user) if r.bond is None or r.bond.ended_at is None),
        None,
    )
    suggestion = focus_plan(result.scores if result else {})
    url, text = TARGET_LINKS[suggestion.target]
    also = [TARGET_LINKS[t] for t in suggestion.also if t in TARGET_LINKS]
    return Focus(suggestion, result, url, text, [a for a in also if a[0] != url])


# --------------------------------------------------------------------------- love languages


def love_language_result_own(*, user: User, result_id: int) -> LoveLanguageResult:
    result = LoveLanguageResult.objects.filter(pk=result_id, user=user).first()
    if result is None:
        raise NotFound("That profile doesn't exist.")
    return result


def latest_love_languages(*, user: User, bond: Bond | None) -> LoveLanguageResult | None:
    return LoveLanguageResult.objects.filter(user=user, bond=bond).first()


def shared_love_languages(*, view: BondView) -> LoveLanguageResult | None:
    """The other person's latest profile for this bond, only if they shared it."""
    latest = latest_love_languages(user=view.other, bond=view.bond)
    return latest if latest is not None and latest.shared else None


def language_rows(scores: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(lang, LANGUAGE_NAMES[lang], scores[lang]) for lang in LANGUAGES if lang in scores]


@dataclass(frozen=True)
class AppreciationHint:
    suggestion: AppreciationSuggestion | None
    ideas: list[AppreciationIdea]
    languages: list[str]  # names of the languages it leans on; empty = general ideas
    from_profile: bool


def _rotate(items: list, start: int, count: int) -> list:
    if not items:
        return []
    return [items[(start + i) % len(items)] for i in range(min(count, len(items)))]


def appreciation_hint(
    *, user: User, view: BondView, turn: int = 0, count: int = 3
) -> AppreciationHint:
    """A gentle suggestion and a few ideas for appreciating the other person, shaped by their
    love-language profile if they shared it with this bond, else general ideas for the kind
    of bond. ``turn`` moves to other ideas ("show me others"); the day changes them too."""
    start = local_today(user).toordinal() + max(0, turn) * count
    profile = shared_love_languages(view=view)
    kind = view.bond.kind
    if profile and profile.scores:
        top = max(profile.scores.values())
        langs = [lang for lang in LANGUAGES if profile.scores.get(lang, -1) >= top - 10]
        ideas = [i for lang in langs for i in ideas_for(kind, language=lang)]
        nudges = [s for s in appreciation_suggestions() if s.language in langs and kind in s.kinds]
        names = [LANGUAGE_NAMES[lang] for lang in langs]
    else:
        ideas = list(ideas_for(kind))
        nudges = [s for s in appreciation_suggestions() if kind in s.kinds]
        names = []
    picked = _rotate(nudges, start, 1)
    return AppreciationHint(
        suggestion=picked[0] if picked else None,
        ideas=_rotate(ideas, start * 7, count),
        languages=names,
        from_profile=bool(names),
    )


def appreciation_own(*, user: User, appreciation_id: int) -> Appreciation:
    """A note you wrote, in a bond that is still active; anything else is NotFound."""
    note = Appreciation.objects.filter(
        pk=appreciation_id, sender=user, bond__ended_at__isnull=True
    ).first()
    if note is None:
        raise NotFound("That note doesn't exist.")
    return note


def appreciations_for(*, user: User, view: BondView) -> dict[str, list[Appreciation]]:
    """Notes in this bond: received (sent to you) and your own (any state)."""
    received = Appreciation.objects.filter(
        bond=view.bond, recipient=user, status=AppreciationStatus.SENT
    ).select_related("sender")
    mine = Appreciation.objects.filter(bond=view.bond, sender=user)
    return {"received": list(received[:50]), "sent": list(mine[:50])}


# --------------------------------------------------------------------------- check-ins


def checkin_today(*, user: User) -> CheckIn | None:
    return (
        CheckIn.objects.filter(user=user, day=local_today(user)).prefetch_related("ratings").first()
    )


def checkins_for(*, user: User, limit: int = 30) -> list[CheckIn]:
    return list(CheckIn.objects.filter(user=user).prefetch_related("ratings")[:limit])


def other_can_see_ratings(*, view: BondView) -> bool:
    """Connection ratings are seen by both people, except while the bond is paused."""
    return not bond_is_paused(bond=view.bond)
