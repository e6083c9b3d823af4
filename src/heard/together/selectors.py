"""Reads for love languages and appreciation notes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from heard.accounts.models import User
from heard.accounts.selectors import local_today
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView
from heard.core.errors import NotFound
from heard.together.content import (
    LANGUAGES,
    AppreciationIdea,
    AppreciationSuggestion,
    appreciation_suggestions,
    ideas_for,
)
from heard.together.models import Appreciation, AppreciationStatus, LoveLanguageResult

LANGUAGE_NAMES = {
    "words": "Kind words",
    "quality_time": "Time together",
    "gifts": "Thoughtful gifts",
    "acts_of_service": "Helpful acts",
    "physical_touch": "Warm touch",
}


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


# --------------------------------------------------------------------------- for progress and the export


def appreciation_sent_any(*, user: User) -> bool:
    return Appreciation.objects.filter(sender=user, status=AppreciationStatus.SENT).exists()


def appreciations_sent(*, user: User) -> list[tuple[datetime.datetime | None, int]]:
    """(sent at, bond id) for every note the person sent."""
    sent = Appreciation.objects.filter(sender=user, status=AppreciationStatus.SENT)
    return list(sent.values_list("sent_at", "bond_id"))


def appreciation_delivered() -> Q:
    """The notes that reached their recipient: sent, in a bond that is still active."""
    return Q(status=AppreciationStatus.SENT, bond__ended_at__isnull=True)
