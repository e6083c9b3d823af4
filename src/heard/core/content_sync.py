"""Apps that keep content in the database register a sync function here; `heard loadcontent`
runs them all, after every content file passed its schema check."""

from __future__ import annotations

from collections.abc import Callable

SYNCS: dict[str, Callable[[], int]] = {}


def register_sync(name: str) -> Callable[[Callable[[], int]], Callable[[], int]]:
    def wrap(func: Callable[[], int]) -> Callable[[], int]:
        SYNCS[name] = func
        return func

    return wrap


def sync_all() -> list[tuple[str, int]]:
    return [(name, SYNCS[name]()) for name in sorted(SYNCS)]
