"""Writes for love languages and appreciation notes."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import bond_for_member
from heard.checkup.services import clean_answers, kind_for
from heard.core import once
from heard.core.errors import Conflict, DomainError, NotFound
from heard.core.notices import notice_send
from heard.core.progress import progress_recorded
from heard.safety.selectors import PAUSED_MESSAGE, bond_is_paused
from heard.safety.services import TextCheck, classify, safety_check_text
from heard.together import selectors
from heard.together.content import love_language_items_for
from heard.together.models import Appreciation, AppreciationStatus, LoveLanguageResult
from heard.together.scoring import love_language_profile

APPRECIATION_MAX = 1000


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
    kind = kind_for(bond, kind)
    items = love_language_items_for(kind)
    clean = clean_answers(answers, {i.id for i in items})
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
