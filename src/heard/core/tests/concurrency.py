"""Run a few calls at the same moment, each in its own thread and database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest


def needs_concurrent_writers() -> None:
    """SQLite takes one writer at a time (BEGIN IMMEDIATE) and its in-memory test database
    cannot be shared by threads: races are tested in the PostgreSQL run."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a race needs concurrent writers (the PostgreSQL run)")


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Each call's result, or the exception it raised, in order."""
    from django.db import connection

    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # handed back to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
