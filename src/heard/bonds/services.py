from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond, BondKind, Invite, InviteGuesses, Membership
from heard.core.errors import Conflict, DomainError, Gone, NotFound, TooManyRequests

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
MAX_OPEN_INVITES = 10


@dataclass(frozen=True)
class NewInvite:
    invite: Invite
    token: str
    code: str

    @property
    def path(self) -> str:
        return f"/join/{self.token}/"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def bond_invite(*, inviter: User, kind: str) -> NewInvite:
    if kind not in BondKind.values:
        raise DomainError("Choose who this is for: partner, friend or family.")
    if _is_counsellor(inviter):
        raise DomainError(COUNSELLOR_NO_BONDS)
    now = timezone.now()
    open_count = Invite.objects.filter(
        inviter=inviter, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).count()
    if open_count >= MAX_OPEN_INVITES:
        raise Conflict("You have many open invites. Cancel one you no longer need first.")
    token = secrets.token_urlsafe(24)
    code = _new_code()
    invite = Invite.objects.create(
        inviter=inviter,
        kind=kind,
        token_hash=_digest(token),
        code_hash=_digest(normalise_code(code)),
        expires_at=now + timedelta(hours=settings.INVITE_TTL_HOURS),
    )
    return NewInvite(invite=invite, token=token, code=code)


def invite_find(*, token: str = "", code: str = "") -> Invite:
    """The invite for a link token or a short code, whatever its state."""
    if token:
        found = Invite.objects.select_related("inviter").filter(token_hash=_digest(token)).first()
    elif normalise_code(code):
        found = (
            Invite.objects.select_related("inviter")
            .filter(code_hash=_digest(normalise_code(code)))
            .first()
        )
    else:
        raise DomainError("Enter the invite code you were given, like ABCD-2345.")
    if found is None:
        raise NotFound("We couldn't find that invite. Check the link or code and try again.")
    return found


def _guesses(*, user: User | None, ip: str) -> QuerySet[InviteGuesses]:
    if user is not None:
        return InviteGuesses.objects.filter(user=user)
    return InviteGuesses.objects.filter(user__isnull=True, ip=ip)


def invite_seconds_locked(*, user: User | None, ip: str) -> int:
    """Seconds before this person (or, logged out, this IP) may try another link or code."""
    row = _guesses(user=user, ip=ip).first()
    if row is None or row.locked_until is None:
        return 0
    return max(0, math.ceil((row.locked_until - timezone.now()).total_seconds()))


@transaction.atomic
def _record_wrong_guess(*, user: User | None, ip: str) -> None:
    now = timezone.now()
    if user is not None:
        row, _ = InviteGuesses.objects.select_for_update().get_or_create(user=user)
    else:
        row, _ = InviteGuesses.objects.select_for_update().get_or_create(user=None, ip=ip)
    window = timedelta(seconds=settings.INVITE_COOLOFF_SECONDS)
    if (row.locked_until and row.locked_until <= now) or (
        not row.locked_until and now - row.updated_at > window
    ):
        row.failures = 0  # the cool-off is over, or the last miss was long ago
        row.locked_until = None
    row.failures += 1
    if row.failures >= settings.INVITE_FAILURE_LIMIT:
        row.locked_until = now + window
    row.save(update_fields=["failures", "locked_until", "updated_at"])


def invite_guess_record(*, user: User | None, ip: str) -> None:
    """Count a link or code that matched nothing (for other invites, e.g. a counsellor's,
    which share this throttle)."""
    _record_wrong_guess(user=user, ip=ip)


COUNSELLOR_NO_BONDS = (
    "Counsellor accounts are for working with clients, not for bonds. Use a personal "
    "account to connect with a partner, friend or family member."
)


def _is_counsellor(user: User | None) -> bool:
    from heard.counsel.roles import is_counsellor

    return user is not None and is_counsellor(user)


def invite_lookup(*, user: User | None, ip: str, token: str = "", code: str = "") -> Invite:
    """invite_find, throttled: after too many links or codes that match nothing, every try
    is refused the same way, before any look-up, so the answer never says whether a code
    exists."""
    locked = invite_seconds_locked(user=user, ip=ip)
    if locked:
        minutes = max(1, round(locked / 60))
        raise TooManyRequests(
            "Too many invite codes or links that didn't match. Please wait about "
            f"{minutes} minute{'s' if minutes != 1 else ''}, then check the code and try again."
        )
    try:
        return invite_find(token=token, code=code)
    except NotFound:
        _record_wrong_guess(user=user, ip=ip)
        raise


def invite_problem(*, invite: Invite, user: User | None) -> DomainError | None:
    """Why this invite can't be accepted (by this user), or None if it can."""
    if user is not None and _is_counsellor(user):
        return DomainError(COUNSELLOR_NO_BONDS)
    if invite.revoked_at is not None:
        return Gone("This invite was cancelled. Ask them to send a new one.")
    if invite.accepted_at is not None:
        return Conflict(
            "This invite has already been used. Each invite works once; ask for a new one."
        )
    if invite.expires_at <= timezone.now():
        return Gone("This invite has expired. Ask them to send a new one.")
    if user is not None and invite.inviter_id == user.pk:
        return DomainError(
            "This is your own invite. Send the link or code to the person you want to connect with."
        )
    if _is_counsellor(invite.inviter):
        return Gone("This invite can't be used any more. Ask them to send a new one.")
    if user is not None and _active_bond_between(invite.inviter, user):
        return Conflict("You're already connected with this person.")
    return None


def _active_bond_between(a: User, b: User) -> bool:
    return (
        Bond.objects.filter(ended_at__isnull=True, memberships__user=a)
        .filter(memberships__user=b)
        .exists()
    )


@transaction.atomic
def invite_accept(*, invite: Invite, user: User) -> Bond:
    """The second consent: the invitee accepts, and only now does the bond exist."""
    invite = Invite.objects.select_for_update().select_related("inviter").get(pk=invite.pk)
    problem = invite_problem(invite=invite, user=user)
    if problem:
        raise problem
    bond = Bond.objects.create(kind=invite.kind)
    Membership.objects.bulk_create(
        [Membership(bond=bond, user=invite.inviter), Membership(bond=bond, user=user)]
    )
    invite.accepted_at = timezone.now()
    invite.bond = bond
    invite.save(update_fields=["accepted_at", "bond"])
    return bond


def invite_revoke(*, invite_id: int, user: User) -> None:
    updated = Invite.objects.filter(
        pk=invite_id, inviter=user, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise NotFound("That invite doesn't exist or can't be cancelled any more.")


@transaction.atomic
def bond_leave(*, bond: Bond, user: User) -> None:
    """End the bond at once. Nobody is told who left or why; both lose access to its contents."""
    bond = Bond.objects.select_for_update().get(pk=bond.pk)
    if not bond.memberships.filter(user=user).exists() or bond.ended_at is not None:
        raise NotFound("That bond doesn't exist.")
    bond.ended_at = timezone.now()
    bond.save(update_fields=["ended_at"])
    Membership.objects.filter(bond=bond, user=user).update(end_seen=True)


def bond_end_acknowledge(*, bond_id: int, user: User) -> None:
    Membership.objects.filter(bond_id=bond_id, user=user, bond__ended_at__isnull=False).update(
        end_seen=True
    )
