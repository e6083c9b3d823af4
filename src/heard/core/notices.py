"""In-app notices: the only way Heard nudges anyone (no e-mail, no push, no content)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.core.models import Notice


def notice_send(
    *, user: User, kind: str, text: str, url: str = "", bond: Bond | None = None, key: str = ""
) -> Notice:
    """Send a notice; with ``key``, an unseen notice with the same key is replaced, not repeated."""
    if key:
        Notice.objects.filter(user=user, key=key, seen_at__isnull=True).delete()
    return Notice.objects.create(user=user, bond=bond, kind=kind, text=text[:200], url=url, key=key)


def notice_withdraw(*, user: User, key: str) -> None:
    Notice.objects.filter(user=user, key=key, seen_at__isnull=True).delete()


def notices_for(*, user: User) -> QuerySet[Notice]:
    """Unseen notices, for active bonds only (a notice from an ended bond disappears)."""
    return Notice.objects.filter(user=user, seen_at__isnull=True).filter(
        Q(bond__isnull=True) | Q(bond__ended_at__isnull=True)
    )


def notice_dismiss(*, user: User, notice_id: int) -> None:
    Notice.objects.filter(user=user, pk=notice_id).update(seen_at=timezone.now())


def notices_erase_for_bonds(*, bond_ids: list[int]) -> None:
    """Every notice in these bonds, anyone's (when a person's account is erased)."""
    Notice.objects.filter(bond_id__in=bond_ids).delete()
