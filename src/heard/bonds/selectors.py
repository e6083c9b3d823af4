from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond, Invite, Membership
from heard.core.errors import NotFound


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


def _with_members(qs: QuerySet[Bond]) -> QuerySet[Bond]:
    return qs.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user"))
    )


def _other(bond: Bond, user: User) -> User:
    for membership in bond.memberships.all():
        if membership.user_id != user.pk:
            return membership.user
    raise NotFound("That bond doesn't exist.")


def bonds_for(*, user: User) -> list[BondView]:
    """The person's active bonds, oldest first, each with the other person."""
    bonds = _with_members(
        Bond.objects.filter(memberships__user=user, ended_at__isnull=True).order_by("created_at")
    )
    return [BondView(bond=b, other=_other(b, user)) for b in bonds]


def bond_for_member(*, user: User, bond_id: int) -> BondView:
    """An active bond the person belongs to. Anyone else, an ex included, gets NotFound (404)."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound("That bond doesn't exist.")
    bond = _with_members(
        Bond.objects.filter(pk=bond_id, memberships__user=user, ended_at__isnull=True)
    ).first()
    if bond is None:
        raise NotFound("That bond doesn't exist.")
    return BondView(bond=bond, other=_other(bond, user))


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
