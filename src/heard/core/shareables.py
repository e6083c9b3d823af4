"""The things a person may share with their counsellor, one by one, without counsel
importing any feature app's models.

Each app that owns such items registers a kind in its AppConfig.ready():

    register_shareable("prompt_answer", "An answer to a question",
                       list_own=answers_own, get_own=answer_own)

``list_own(user, since)`` returns the person's own items written since ``since`` (newest
first) and ``get_own(user, item_id)`` one of them, or None when the id is not theirs (or no
longer exists). Both must return only the person's *own* words: never the other person's,
never something they were sent."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ShareableItem:
    kind: str
    id: int
    created_at: datetime.datetime
    title: str  # a short label the person recognises, e.g. "Your answer to: What ...?"
    text: str  # the person's own words, shown to the counsellor only while shared
    bond_id: int | None = None


ListOwn = Callable[[Any, datetime.datetime], list[ShareableItem]]
GetOwn = Callable[[Any, int], "ShareableItem | None"]


@dataclass(frozen=True)
class ShareableKind:
    kind: str
    label: str
    list_own: ListOwn
    get_own: GetOwn


_KINDS: dict[str, ShareableKind] = {}


def register_shareable(kind: str, label: str, *, list_own: ListOwn, get_own: GetOwn) -> None:
    """Register (or, on a second ready(), replace) the functions for one kind."""
    _KINDS[kind] = ShareableKind(kind=kind, label=label, list_own=list_own, get_own=get_own)


def shareable_kinds() -> list[ShareableKind]:
    return list(_KINDS.values())


def shareable_kind(kind: str) -> ShareableKind | None:
    return _KINDS.get(kind)


def list_own(kind: str, user: Any, since: datetime.datetime) -> list[ShareableItem]:
    found = _KINDS.get(kind)
    return found.list_own(user, since) if found else []


def get_own(kind: str, user: Any, item_id: int) -> ShareableItem | None:
    found = _KINDS.get(kind)
    if found is None or not 0 < item_id < 2**63:
        return None
    return found.get_own(user, item_id)


# --------------------------------------------------------------------------- the sharer
# An app offering "share with my counsellor" beside one of its items (the safety history)
# calls these; counsel registers the functions behind them, so the app needn't import it.

_SHARER: dict[str, Callable[..., Any]] = {}


def register_sharer(
    *,
    share: Callable[..., int],
    shared_ids: Callable[..., set[int]],
    has_counsellor: Callable[..., bool],
) -> None:
    _SHARER.update(share=share, shared_ids=shared_ids, has_counsellor=has_counsellor)


def share_with_counsellors(*, user: Any, kind: str, item_id: int, shared: bool) -> int:
    """Share (or stop sharing) one of the person's own items with each counsellor they are
    connected to. Returns how many connections it now applies to."""
    share = _SHARER.get("share")
    return int(share(user=user, kind=kind, item_id=item_id, shared=shared)) if share else 0


def shared_with_counsellors(*, user: Any, kind: str) -> set[int]:
    """Ids of the person's items of one kind shared with a counsellor now."""
    found = _SHARER.get("shared_ids")
    return set(found(user=user, kind=kind)) if found else set()


def has_counsellor(*, user: Any) -> bool:
    found = _SHARER.get("has_counsellor")
    return bool(found(user=user)) if found else False
