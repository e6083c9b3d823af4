"""Long coach requests take turns in each process, in threads of low CPU priority, so one
person's long texts can't take everyone else's pages' CPU."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from heard.dialogue import coaching


@pytest.mark.parametrize("limit", [1, 2])
def test_coach_work_takes_turns(settings, limit):
    settings.COACH_CONCURRENCY = limit
    active = 0
    peak = 0
    lock = threading.Lock()

    def analysis() -> None:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.02)
        with lock:
            active -= 1

    pool = coaching.coach_pool()
    jobs = [pool.submit(analysis) for _ in range(8)]
    for job in jobs:
        job.result()
    assert peak == limit


def test_more_coach_requests_than_it_takes_are_told_it_is_busy(settings):
    from heard.core.errors import TooManyRequests

    settings.COACH_CONCURRENCY = 1
    release = threading.Event()
    started = threading.Barrier(1 + coaching.COACH_QUEUE + 1)
    outcomes: list[str] = []

    def request() -> None:
        started.wait()
        try:
            coaching.coach_run(release.wait, 10)
            outcomes.append("done")
        except TooManyRequests:
            outcomes.append("busy")

    # One running and COACH_QUEUE waiting fill this process; the next is turned away at once.
    threads = [threading.Thread(target=request) for _ in range(1 + coaching.COACH_QUEUE)]
    for thread in threads:
        thread.start()
    started.wait()
    time.sleep(0.2)
    try:
        coaching.coach_run(release.wait, 10)
        outcomes.append("done")
    except TooManyRequests:
        outcomes.append("busy")
    release.set()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["busy"] + ["done"] * (1 + coaching.COACH_QUEUE)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority is Linux")
def test_the_coach_runs_at_low_cpu_priority_in_its_own_thread(settings):
    settings.COACH_CONCURRENCY = 1

    def where() -> tuple[str, int]:
        return threading.current_thread().name, os.getpriority(
            os.PRIO_PROCESS, threading.get_native_id()
        )

    name, niceness = coaching.coach_pool().submit(where).result()
    assert name.startswith("heard-coach")
    assert niceness >= coaching.LANGUAGE_NICENESS
    # The request thread itself keeps its priority.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < niceness


@pytest.mark.django_db
def test_the_coach_answers_through_its_threads(alice):
    feedback = coaching.analyze_for(user=alice, reply="That sounds hard. What happened next?")
    assert isinstance(feedback.to_dict()["labels"], list)


@pytest.mark.django_db
def test_in_its_own_process_the_coach_answers_at_low_priority(settings, alice):
    """HEARD_COACH_PROCESS: the analysis runs in a coach process of low CPU priority, not in
    this process (whose GIL the pages need), and answers as the thread would."""
    from heard.coach import worker

    settings.COACH_PROCESS = True
    reply = "That sounds really hard. What happened next?"
    share = "Work has been a lot this week and I feel stretched thin."
    feedback = coaching.analyze_for(user=alice, reply=reply, share=share)
    pid, niceness = coaching.coach_processes().submit(worker.where).result()
    assert pid != os.getpid()
    assert niceness >= worker.NICENESS
    settings.COACH_PROCESS = False
    on_thread = coaching.analyze_for(user=alice, reply=reply, share=share)
    assert feedback.to_dict() == on_thread.to_dict()


@pytest.mark.django_db
def test_a_reply_the_coach_process_read_is_not_encoded_again_for_the_crisis_screen(settings, alice):
    """The coach's process hands back its vectors for the reply (by digest), so screening
    the same reply in the app's process runs no encoder (issue 10: one encoding per text)."""
    from heard import nlp
    from heard.nlp.tests.test_encoder import counted_runs
    from heard.safety import detector

    settings.COACH_PROCESS = True
    encoder = nlp.get_encoder()
    assert encoder is not None
    reply = "That sounds like such a long week. What was the hardest part of it?"
    with encoder._cache_lock:
        encoder._cache.clear()
    coaching.analyze_for(user=alice, reply=reply, share="This week at work wore me out.")
    with counted_runs() as runs:
        detection = detector.check(reply)
    settings.COACH_PROCESS = False
    assert detection.label == "none"
    assert runs == []


@pytest.mark.django_db
def test_a_coach_process_that_dies_is_replaced(settings, alice):
    from heard.coach import worker

    settings.COACH_PROCESS = True
    pid, _ = coaching.coach_processes().submit(worker.where).result()
    os.kill(pid, 9)
    time.sleep(0.5)
    with pytest.raises(coaching.CoachOff):  # this request is told the coach isn't available
        coaching.analyze_for(user=alice, reply="That sounds hard. What happened?")
    feedback = coaching.analyze_for(user=alice, reply="That sounds hard. What happened?")
    assert isinstance(feedback.to_dict()["labels"], list)
    new_pid, _ = coaching.coach_processes().submit(worker.where).result()
    assert new_pid != pid
