"""Writes for the check-up, love languages, daily check-ins, appreciation and milestones."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import bond_for_member, bonds_for
from heard.checkup import selectors
from heard.checkup.content import (
    ANSWER_MAX,
    ANSWER_MIN,
    CLOSENESS_STEPS,
    KINDS,
    checkup_items_for,
    love_language_items_for,
)
from heard.checkup.models import (
    Appreciation,
    AppreciationStatus,
    CheckIn,
    CheckupResult,
    ConnectionRating,
    LoveLanguageResult,
    Milestone,
)
from heard.checkup.scoring import love_language_profile, score_answers
from heard.core import once
from heard.core.errors import Conflict, DomainError, NotFound
from heard.core.notices import notice_send
from heard.core.progress import on_progress, progress_recorded
from heard.safety.selectors import PAUSED_MESSAGE, bond_is_paused
from heard.safety.services import TextCheck, classify, safety_check_text

NOTE_MAX = 2000
APPRECIATION_MAX = 1000


def _kind_for(bond: Bond | None, kind: str) -> str:
    if bond is not None:
        return bond.kind
    if kind not in KINDS:
        raise DomainError("Choose who you have in mind: a partner, a friend or family.")
    return kind


def _clean_answers(answers: Mapping[str, Any], known: set[str]) -> dict[str, int]:
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
    kind = _kind_for(bond, kind)
    items = checkup_items_for(kind)
    clean = _clean_answers(answers, {i.id for i in items})
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


# --------------------------------------------------------------------------- love languages


@transaction.atomic
def love_languages_submit(
    *,
    user: User,
    bond: Bond | None,
    kind: str = "",
    answers: Mapping[str, Any],
    share: bool = False,
) -> LoveLanguageResult:
    kind = _kind_for(bond, kind)
    items = love_language_items_for(kind)
    clean = _clean_answers(answers, {i.id for i in items})
    profile = love_language_profile(items, clean)
    if not profile:
        raise DomainError(
            "Answer a few more statements (at least three for one way of being cared for) "
            "so we can show your profile."
        )
    return LoveLanguageResult.objects.create(
        user=user,
        bond=bond,
        kind=kind,
        answers=clean,
        scores=profile,
        shared=bool(share and bond is not None),
    )


def love_languages_share(*, user: User, result_id: int, shared: bool) -> LoveLanguageResult:
    result = selectors.love_language_result_own(user=user, result_id=result_id)
    if result.bond_id is None:
        raise DomainError("This profile was made on your own, so there is nobody to share it with.")
    bond_for_member(user=user, bond_id=result.bond_id)
    result.shared = shared
    result.save(update_fields=["shared"])
    return result


# --------------------------------------------------------------------------- daily check-in


@transaction.atomic
def checkin_submit(
    *, user: User, feeling: str, ratings: Mapping[int, int | None], note: str = ""
) -> tuple[CheckIn, TextCheck | None]:
    """Record today's check-in (again today: it is updated). Ratings are for active bonds."""
    word = selectors.feeling_word(feeling)
    if word is None:
        raise DomainError("Choose a feeling word from the list.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(f"Keep the note under {NOTE_MAX} characters.")
    active = {view.bond.pk: view.bond for view in bonds_for(user=user)}
    clean: dict[int, int] = {}
    for bond_id, rating in ratings.items():
        if bond_id not in active:
            raise NotFound("That bond doesn't exist.")
        if rating is None:
            continue
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 10:
            raise DomainError("Rate the connection with a whole number from 1 to 10.")
        clean[bond_id] = rating
    checkin, _ = CheckIn.objects.update_or_create(
        user=user,
        day=selectors.local_today(user),
        defaults={"feeling": word, "note": note},
    )
    for bond_id, rating in clean.items():
        ConnectionRating.objects.update_or_create(
            checkin=checkin, bond=active[bond_id], defaults={"rating": rating}
        )
    check = safety_check_text(user=user, text=note, source="checkup_checkin") if note else None
    progress_recorded(users=[user])
    return checkin, check


# --------------------------------------------------------------------------- appreciation


def _deliver(appreciation: Appreciation) -> None:
    appreciation.status = AppreciationStatus.SENT
    appreciation.sent_at = timezone.now()
    appreciation.save(update_fields=["status", "sent_at"])
    progress_recorded(users=[appreciation.sender])
    notice_send(
        user=appreciation.recipient,
        kind="appreciation",
        text=f"{appreciation.sender.username} sent you a note of appreciation.",
        url=f"/checkup/appreciation/{appreciation.bond_id}/",
        bond=appreciation.bond,
        key=f"appreciation-{appreciation.bond_id}",
    )


@transaction.atomic
def appreciation_send(
    *,
    user: User,
    bond_id: int,
    text: str,
    idea_id: str = "",
    submission_key: uuid.UUID | None = None,
) -> tuple[Appreciation, TextCheck]:
    """Send a note to the other person. If the safety check notices something, the note is
    kept back and the writer chooses: send it, keep it private, or get help first.

    The same ``submission_key`` again (a double click, a retry) hands back the first note."""
    view = bond_for_member(user=user, bond_id=bond_id)
    sent_before = once.existing(Appreciation, key=submission_key, sender=user)
    if sent_before is not None:
        return sent_before, _check_again(sent_before)
    if bond_is_paused(bond=view.bond):
        raise Conflict(PAUSED_MESSAGE)
    text = (text or "").strip()
    if not text:
        raise DomainError("Write a few words to send.")
    if len(text) > APPRECIATION_MAX:
        raise DomainError(f"Keep the note under {APPRECIATION_MAX} characters.")
    check = safety_check_text(user=user, text=text, source="checkup_appreciation")
    appreciation, created = once.create_once(
        Appreciation,
        key=submission_key,
        sender=user,
        create=lambda: Appreciation.objects.create(
            bond=view.bond,
            sender=user,
            recipient=view.other,
            text=text,
            idea_id=idea_id[:60],
            status=AppreciationStatus.HELD if check.is_risk else AppreciationStatus.SENT,
            submission_key=submission_key,
        ),
    )
    if not created:
        return appreciation, _check_again(appreciation)
    if not check.is_risk:
        _deliver(appreciation)
    return appreciation, check


def _check_again(appreciation: Appreciation) -> TextCheck:
    """The check for a note sent before, without logging the detection twice."""
    if appreciation.status == AppreciationStatus.SENT:
        return TextCheck(label="none")
    return classify(appreciation.text)


@transaction.atomic
def appreciation_decide(*, user: User, appreciation_id: int, choice: str) -> Appreciation:
    """The writer's choice about a note that was held back: "send" or "private"."""
    appreciation = (
        Appreciation.objects.select_for_update()
        .filter(pk=appreciation_id, sender=user, bond__ended_at__isnull=True)
        .first()
    )
    if appreciation is None:
        raise NotFound("That note doesn't exist.")
    if choice not in {"send", "private"}:
        raise DomainError("Choose whether to send the note or keep it private.")
    if appreciation.status == AppreciationStatus.SENT:
        raise Conflict("This note has already been sent.")
    if choice == "private":
        appreciation.status = AppreciationStatus.PRIVATE
        appreciation.save(update_fields=["status"])
        return appreciation
    if bond_is_paused(bond=appreciation.bond):
        raise Conflict(PAUSED_MESSAGE)
    _deliver(appreciation)
    return appreciation


# --------------------------------------------------------------------------- milestones


@on_progress
def milestones_refresh(*, user: User) -> list[Milestone]:
    """Record every milestone the person has newly reached. Each is recorded once."""
    from heard.checkup.progress import milestones_reached

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
