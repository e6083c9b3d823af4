"""Counsellor invites: hashed link tokens and codes, and the one neutral answer for every
invite that can't be used. Below both services and selectors (the consent page previews an
invite; consenting uses it)."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.selectors import BondView
from heard.core.errors import DomainError, TooManyRequests
from heard.counsel.models import CounselInvite, CounsellorProfile, InviteKind, InviteUse

# The one answer for every invite that can't be used: expired, revoked, used, for another
# bond, the counsellor's own, or tried by a counsellor. It says nothing about which.
INVITE_UNUSABLE = "This invite can't be used. Ask your counsellor for a new one."
INVITE_TTL_DAYS = 7
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _active_counsellor(user_id: int) -> bool:
    return CounsellorProfile.objects.filter(user_id=user_id, active=True).exists()


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def find_invite(*, token: str, code: str) -> CounselInvite | None:
    if token:
        return (
            CounselInvite.objects.select_related("counsellor", "bond")
            .filter(token_hash=digest(token))
            .first()
        )
    if normalise_code(code):
        return (
            CounselInvite.objects.select_related("counsellor", "bond")
            .filter(code_hash=digest(normalise_code(code)))
            .first()
        )
    raise DomainError("Enter the code your counsellor gave you, like ABCD-2345.")


def usable_invite(
    *, user: User, token: str = "", code: str = "", ip: str = ""
) -> tuple[CounselInvite, list[BondView]]:
    """The invite and the bonds it can be for, or the one neutral error. Throttled: after
    too many links or codes that match nothing, every try is refused the same way."""
    from heard.bonds import services as bond_services
    from heard.bonds.selectors import bonds_for

    person: User | None = user if getattr(user, "is_authenticated", False) else None
    ip = ip or "127.0.0.1"  # logged out, callers pass the client's address
    locked = bond_services.invite_seconds_locked(user=person, ip=ip)
    if locked:
        minutes = max(1, round(locked / 60))
        raise TooManyRequests(
            "Too many invite codes or links that didn't match. Please wait about "
            f"{minutes} minute{'s' if minutes != 1 else ''}, then try again."
        )
    invite = find_invite(token=token, code=code)
    if invite is None:
        bond_services.invite_guess_record(user=person, ip=ip)
        raise DomainError(INVITE_UNUSABLE)
    unusable = DomainError(INVITE_UNUSABLE)
    now = timezone.now()
    if (
        invite.revoked_at is not None
        or invite.expires_at <= now
        or not _active_counsellor(invite.counsellor_id)
    ):
        raise unusable
    if person is not None and (
        invite.counsellor_id == person.pk
        or _active_counsellor(person.pk)
        or InviteUse.objects.filter(invite=invite, user=person).exists()
    ):
        raise unusable
    uses = InviteUse.objects.filter(invite=invite).count()
    if invite.kind == InviteKind.PERSON:
        if uses:
            raise unusable
        return invite, []
    if uses >= 2:
        raise unusable
    if person is None:
        return invite, []  # logged out: the page asks them to log in first
    choices = bonds_for(user=person)
    if invite.bond_id is not None:
        choices = [b for b in choices if b.id == invite.bond_id]
        if not choices:
            raise unusable  # meant for another bond (or that bond ended)
    elif not choices:
        raise DomainError(
            "This invite is for two people in a bond. Connect with the other person in "
            "Heard first (Together), then use the invite again."
        )
    return invite, choices
