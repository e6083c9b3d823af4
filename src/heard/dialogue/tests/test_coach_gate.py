"""Long coach requests take turns in each process, so they can't take everyone's CPU."""

from __future__ import annotations

import threading
import time

import pytest

from heard.dialogue import coaching


@pytest.mark.parametrize("limit", [1, 2])
def test_coach_analyses_wait_for_the_gate(settings, limit):
    settings.COACH_CONCURRENCY = limit
    active = 0
    peak = 0
    lock = threading.Lock()

    def analysis() -> None:
        nonlocal active, peak
        with coaching.coach_gate():
            with lock:
                active += 1
                peak = max(peak, active)
            time.sleep(0.02)
            with lock:
                active -= 1

    threads = [threading.Thread(target=analysis) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak == limit


def test_the_coach_runs_inside_the_gate(settings, monkeypatch, db, alice):
    settings.COACH_CONCURRENCY = 1
    gate = coaching.coach_gate()
    seen: list[bool] = []
    from heard import coach

    real = coach.analyze

    def watched(*args, **kwargs):
        # The gate is taken: nobody else may enter now.
        seen.append(not gate.acquire(blocking=False))
        return real(*args, **kwargs)

    monkeypatch.setattr(coach, "analyze", watched)
    coaching.analyze_for(user=alice, reply="That sounds hard. What happened next?")
    assert seen == [True]
