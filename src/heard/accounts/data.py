"""Export all of a person's own data, and erase their account leaving nothing of theirs behind.

The export holds what the person wrote, plus what someone else actually delivered to them in a
bond that is still active: the same things the app shows them. A note held back by the safety
check, or kept private, stays with its writer; after a bond ends neither person gets the
other's words (both lose access to its contents)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from heard.accounts.models import User

# Fields that are secrets or hashes rather than someone's data.
SKIP_FIELDS = {"password", "token_hash", "code_hash", "session_key", "secret"}

# Links that make the row the person's own: they wrote it, or it is about them alone.
OWN_LINKS = {
    "core.notice.user",
    "accounts.apitoken.user",
    "accounts.devicesession.user",
    "bonds.membership.user",
    "bonds.invite.inviter",
    "bonds.inviteguesses.user",
    "safety.safetyevent.user",
    "safety.screening.user",
    "safety.bondpause.reporter",
    "prompts.answer.author",
    "prompts.skip.user",
    "prompts.reaction.author",
    "prompts.reply.author",
    "prompts.depthchoice.user",
    "dialogue.dialogue.speaker",
    "dialogue.dialogue.listener",
    "dialogue.turn.author",
    "dialogue.draft.author",
    "dialogue.rating.rater",
    "dialogue.practiceattempt.user",
    "dialogue.comfortrequest.sender",
    "checkup.checkupresult.user",
    "together.lovelanguageresult.user",
    "daily.checkin.user",
    "together.appreciation.sender",
    "progress.milestone.user",
    "dialogue.comfortreply.author",
    "dialogue.dialogue.ended_by",
    "learn.exerciseentry.user",
    "learn.lessonread.user",
    "learn.togethermark.user",
    "quality.calendarfeed.user",
    "quality.plan.proposed_by",
    "quality.reminder.user",
    "quality.remindersettings.user",
    "quality.togetherrating.user",
    "twostep.totpdevice.user",
    "twostep.recoverycode.user",
    # Counsellor mode: a counsellor's own notes, templates, assignments and invites; a
    # client's own consent (connection), progress and reflections, and invites they used.
    "counsel.counsellorprofile.user",
    "counsel.counselinvite.counsellor",
    "counsel.inviteuse.user",
    "counsel.connection.client",
    "counsel.assignment.counsellor",
    "counsel.assignmentprogress.person",
    "counsel.template.counsellor",
    "counsel.counsellornote.counsellor",
}


def _delivered_note() -> Q:
    from heard.together.selectors import appreciation_delivered

    return appreciation_delivered()


# Links to what someone else wrote *to* the person: only the rows that reached them count.
RECEIVED_LINKS: dict[str, Callable[[], Q]] = {
    "together.appreciation.recipient": _delivered_note,
    # A rating exists only once it was sent; it stays readable while the bond lasts.
    "dialogue.rating.listener": lambda: Q(dialogue__bond__ended_at__isnull=True),
    # Practice a counsellor set for the person alone, while not withdrawn.
    "counsel.assignment.client": lambda: Q(withdrawn_at__isnull=True),
}

# Django's own bookkeeping, not anyone's data.
NOT_EXPORTED = {
    "admin.logentry.user",
    # A counsellor's notes about a client are never shown to that client (counsel).
    "counsel.counsellornote.client",
    # The client's record of consent and of views: theirs (client links above), shown to
    # them on "My counsellor"; a counsellor's own export holds only their own work.
    "counsel.connection.counsellor",
    "counsel.viewlog.counsellor",
}


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | bool | str) or value is None:
        return value
    return str(value)


def _row(obj: models.Model) -> dict[str, Any]:
    row = {}
    for field in obj._meta.fields:
        if field.name in SKIP_FIELDS:
            continue
        row[field.name if not field.is_relation else field.attname] = _value(
            getattr(obj, field.attname)
        )
    return row


def _owned_rows(user: User) -> dict[str, list[dict[str, Any]]]:
    """The person's own rows, and what was delivered to them, through each link to the user."""
    found: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        for field in model._meta.fields:
            if not (isinstance(field, models.ForeignKey) and field.related_model is User):
                continue
            link = f"{model._meta.label_lower}.{field.name}"
            if link in OWN_LINKS:
                rows = model._default_manager.filter(**{field.name: user})
            elif link in RECEIVED_LINKS:
                rows = model._default_manager.filter(RECEIVED_LINKS[link](), **{field.name: user})
            else:
                # Unknown links export nothing; a test makes every new one choose a side.
                continue
            exported = [_row(obj) for obj in rows]
            if exported:
                found[link] = exported
    return found


def user_export(*, user: User) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "time_zone": user.time_zone,
            "country": user.country,
            "date_joined": user.date_joined.isoformat(),
        },
        "data": _owned_rows(user),
    }


@transaction.atomic
def user_erase(*, user: User) -> None:
    """End the person's bonds silently, then delete them and everything that is theirs.

    Every notice in any bond they were ever in goes too, the other person's included: those
    name the person and link to what is being erased."""
    from heard.bonds.models import Bond
    from heard.core.notices import notices_erase_for_bonds
    from heard.counsel.services import counsel_erase_for

    bonds = list(Bond.objects.filter(memberships__user=user).values_list("pk", flat=True))
    Bond.objects.filter(pk__in=bonds, ended_at__isnull=True).update(ended_at=timezone.now())
    notices_erase_for_bonds(bond_ids=bonds)
    # Everything of theirs a counsellor could see goes; counsellors' notes about them are
    # kept or erased by HEARD_COUNSEL_KEEP_NOTES_ON_ERASE.
    counsel_erase_for(user=user)
    user.delete()
