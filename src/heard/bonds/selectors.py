from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond, Invite, Membership
from heard.core.errors import NotFound
from heard.core.memo import once_per_request


@dataclass(frozen=True)
class BondView:
    bond: Bond
    other: User

    @property
    def id(self) -> int:
        return self.bond.pk

    @property
    def kind(self) -> str:
        return self.bond.kind


def bonds_for(*, user: User) -> list[BondView]:
    """The person's active bonds, oldest first, each with the other person: one query, and
    within a page (GET) once, however many of its parts ask."""
    return list(once_per_request(("bonds_for", user.pk), lambda: _bonds_for(user)))


def _bonds_for(user: User) -> list[BondView]:
    mine = Bond.objects.filter(memberships__user=user, ended_at__isnull=True)
    others = (
        Membership.objects.filter(bond__in=mine)
        .exclude(user=user)
        .select_related("bond", "user")
        .order_by("bond__created_at", "bond_id")
    )
    return [BondView(bond=m.bond, other=m.user) for m in others]


def bond_for_member(*, user: User, bond_id: int) -> BondView:
    """An active bond the person belongs to. Anyone else, an ex included, gets NotFound (404)."""
    if not getattr(user, "is_authenticated", False) or not 0 < bond_id < 2**63:
        raise NotFound("That bond doesn't exist.")
    other = (
        Membership.objects.filter(
            bond_id=bond_id, bond__ended_at__isnull=True, bond__memberships__user=user
        )
        .exclude(user=user)
        .select_related("bond", "user")
        .first()
    )
    if other is None:
        raise NotFound("That bond doesn't exist.")
    return BondView(bond=other.bond, other=other.user)


def ended_bonds_unseen(*, user: User) -> QuerySet[Bond]:
    """Bonds that ended which this person has not acknowledged. Says nothing about who left."""
    return Bond.objects.filter(
        memberships__user=user, memberships__end_seen=False, ended_at__isnull=False
    ).order_by("-ended_at")


def open_invites_for(*, user: User) -> QuerySet[Invite]:
    return Invite.objects.filter(
        inviter=user,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def open_invite_of(*, user: User, invite_id: int) -> Invite | None:
    """One of this person's invites that can still be used, or None."""
    return open_invites_for(user=user).filter(pk=invite_id).first()
