"""Reads worth doing once per page: several parts of one page ask for the same thing (the
person's bonds, which of them are paused, a series for two charts). Inside a GET or HEAD request
the answer is kept for the rest of that request; anywhere else (a POST, a test, the CLI, a
worker) nothing is kept, so a write is always followed by a fresh read."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_store: ContextVar[dict[Hashable, Any] | None] = ContextVar("heard_request_memo", default=None)
SAFE_METHODS = frozenset({"GET", "HEAD"})


def once_per_request(key: Hashable, compute: Callable[[], T]) -> T:
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]  # type: ignore[no-any-return]


def forget() -> None:
    """Drop what this request kept (a service that changed it calls this)."""
    store = _store.get()
    if store is not None:
        store.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        token = _store.set({})
        try:
            return self.get_response(request)
        finally:
            _store.reset(token)
