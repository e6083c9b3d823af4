"""Writes for the check-up, and the answer checks every 1-5 questionnaire shares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import bond_for_member
from heard.checkup import selectors
from heard.checkup.content import (
    ANSWER_MAX,
    ANSWER_MIN,
    CLOSENESS_STEPS,
    KINDS,
    checkup_items_for,
)
from heard.checkup.models import CheckupResult
from heard.checkup.scoring import score_answers
from heard.core.errors import DomainError
from heard.core.progress import progress_recorded


def kind_for(bond: Bond | None, kind: str) -> str:
    """The kind of bond a questionnaire is about: the bond's, or the one chosen alone."""
    if bond is not None:
        return bond.kind
    if kind not in KINDS:
        raise DomainError("Choose who you have in mind: a partner, a friend or family.")
    return kind


def clean_answers(answers: Mapping[str, Any], known: set[str]) -> dict[str, int]:
    """Answers as {item id: 1-5}; skipped items (None or "") are left out."""
    clean: dict[str, int] = {}
    for item_id, value in answers.items():
        if item_id not in known:
            raise DomainError(f"There is no statement called {item_id!r}.")
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise DomainError(f"Answer {item_id} with a whole number from 1 to 5.")
        if not ANSWER_MIN <= value <= ANSWER_MAX:
            raise DomainError(f"Answer {item_id} with a number from 1 to 5.")
        clean[item_id] = value
    return clean


# --------------------------------------------------------------------------- check-up


@transaction.atomic
def checkup_submit(
    *,
    user: User,
    bond: Bond | None,
    kind: str = "",
    answers: Mapping[str, Any],
    closeness: int | None = None,
    share: bool = False,
) -> CheckupResult:
    """Score and keep one check-up. Earlier results stay; this becomes the latest."""
    kind = kind_for(bond, kind)
    items = checkup_items_for(kind)
    clean = clean_answers(answers, {i.id for i in items})
    if closeness is not None and not 1 <= closeness <= CLOSENESS_STEPS:
        raise DomainError(f"Choose one of the {CLOSENESS_STEPS} closeness pictures.")
    scores = {scale: s.score for scale, s in score_answers(items, clean).items()}
    if not any(value is not None for value in scores.values()):
        raise DomainError(
            "Answer a few more statements (at least three in one part) so we can show you "
            "something useful. Your answers are kept on this page."
        )
    result = CheckupResult.objects.create(
        user=user,
        bond=bond,
        kind=kind,
        answers=clean,
        scores=scores,
        closeness=closeness,
        shared=bool(share and bond is not None),
    )
    progress_recorded(users=[user])
    return result


def checkup_share(*, user: User, result_id: int, shared: bool) -> CheckupResult:
    """Share (or stop sharing) one of your check-ups with the bond it is about."""
    result = selectors.checkup_result_own(user=user, result_id=result_id)
    if result.bond_id is None:
        raise DomainError(
            "This check-up was done on your own, so there is nobody to share it with."
        )
    bond_for_member(user=user, bond_id=result.bond_id)  # ended bonds can't be shared with
    result.shared = shared
    result.save(update_fields=["shared"])
    return result
