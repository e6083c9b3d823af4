"""The coach, as the dialogue, practice and the API use it: switched off by a setting, rate
limited per person, and shaped per step (strengths first, then one thing to try)."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from heard import nlp
from heard.accounts.models import User
from heard.core import ratelimit
from heard.core.errors import DomainError, TooManyRequests
from heard.dialogue.models import Step

COACH_LIMIT_PER_MINUTE = 60  # the default of settings.COACH_LIMIT_PER_MINUTE
logger = logging.getLogger(__name__)

# At each listener step, the skill that step is about.
STEP_SKILLS: dict[str, tuple[str, ...]] = {
    Step.MIRROR: ("reflection", "feeling"),
    Step.VALIDATE: ("validation",),
    Step.EMPATHIZE: ("feeling",),
}
STEP_TIPS: dict[str, str] = {
    Step.MIRROR: "Say back what you heard in your own words: 'What I heard is… Did I get it? "
    "Is there more?'",
    Step.VALIDATE: "Say why it makes sense from where they stand: 'That makes sense, because…'",
    Step.EMPATHIZE: "Name a feeling you imagine they have: 'I imagine you might feel…'",
}
STEP_PRAISE: dict[str, str] = {
    Step.MIRROR: "This is a mirror: they can check whether you heard them right.",
    Step.VALIDATE: "This tells them their feelings make sense.",
    Step.EMPATHIZE: "You named a feeling. That's the heart of empathy.",
}


class CoachOff(DomainError):
    status = 503


def coach_enabled() -> bool:
    return bool(getattr(settings, "COACH_ENABLED", True))


def coach_throttle(*, user: User) -> None:
    """At most COACH_LIMIT_PER_MINUTE analyses per person per minute (the coach is CPU work),
    counted across every app process."""
    # Counted where every app process sees it: Redis, or else the database.
    count = ratelimit.hit(f"coach:{user.pk}", window_seconds=60)
    if count > getattr(settings, "COACH_LIMIT_PER_MINUTE", COACH_LIMIT_PER_MINUTE):
        raise TooManyRequests("The coach needs a short breather. Try again in a minute.")


# The coach's threads run at this much lower CPU priority than the pages' threads.
LANGUAGE_NICENESS = 10
# Requests that may wait for a coach thread in one process; more get "busy, try again".
# Each waiting request holds one of the server's threads, so an unbounded queue of long texts
# would leave no thread for anyone's pages.
COACH_QUEUE = 2
_pool_lock = threading.Lock()
_pools: dict[int, ThreadPoolExecutor] = {}
_room: dict[int, threading.BoundedSemaphore] = {}


def _lower_priority() -> None:
    """Run in each coach thread once, when it starts: Linux schedules threads on their own,
    so this thread yields the CPU to the pages' threads (and other processes) when both
    want it. It is never raised again, which needs no privilege."""
    # Not Linux: the turns below still bound the work.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LANGUAGE_NICENESS)


def _coach_threads() -> int:
    return max(1, int(getattr(settings, "COACH_CONCURRENCY", 1)))


def coach_pool() -> ThreadPoolExecutor:
    """HEARD_COACH_CONCURRENCY threads per process (1 by default) that run the coach, at low
    CPU priority. The coach's word and character features are Python holding the GIL (the
    encoder's own gate covers only the model): run in every request thread, eight long texts
    at once would take the GIL and the cores from everyone else's pages. Here they take
    turns, and a request waits for its turn asleep."""
    size = _coach_threads()
    with _pool_lock:
        if size not in _pools:
            _pools[size] = ThreadPoolExecutor(
                max_workers=size, thread_name_prefix="heard-coach", initializer=_lower_priority
            )
            _room.setdefault(size, threading.BoundedSemaphore(size + COACH_QUEUE))
        return _pools[size]


_processes: dict[int, ProcessPoolExecutor] = {}


def _coach_in_processes() -> bool:
    return bool(getattr(settings, "COACH_PROCESS", False))


def coach_processes() -> ProcessPoolExecutor:
    """HEARD_COACH_CONCURRENCY coach processes (1 by default) for this app process, started
    fresh (spawn: no copy of this process's connections or threads), at low CPU priority,
    without Django. A thread of lower priority still holds this process's GIL while the
    coach's Python runs, so eight long texts cut /healthz to a quarter of its throughput; in
    its own process the coach only competes for a core, and loses to the pages."""
    import multiprocessing

    from heard import nlp
    from heard.coach import worker

    size = _coach_threads()
    with _pool_lock:
        if size not in _processes:
            _processes[size] = ProcessPoolExecutor(
                max_workers=size,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=worker.start,
                initargs=(nlp.enabled(), int(getattr(settings, "NLP_CONCURRENCY", 2))),
            )
            _room.setdefault(size, threading.BoundedSemaphore(size + COACH_QUEUE))
        return _processes[size]


def _forget_processes(pool: Executor) -> None:
    with _pool_lock:
        for size, found in list(_processes.items()):
            if found is pool:
                del _processes[size]
    pool.shutdown(wait=False, cancel_futures=True)


def _room_for(size: int) -> threading.BoundedSemaphore:
    with _pool_lock:
        return _room.setdefault(size, threading.BoundedSemaphore(size + COACH_QUEUE))


def coach_run(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``func`` on a coach thread, waiting for it; TooManyRequests when this process already
    has as many coach requests running and waiting as it takes."""
    pool = coach_pool()
    room = _room_for(_coach_threads())
    if not room.acquire(blocking=False):
        raise TooManyRequests("The coach is busy right now. Try again in a moment.")
    try:
        return pool.submit(func, *args, **kwargs).result()
    finally:
        room.release()


def coach_analyze(reply: str, *, share: str | None, need: str | None) -> Any:
    """The coach's analysis, in a coach process (HEARD_COACH_PROCESS, the default) or else
    on a coach thread; the same room either way: TooManyRequests when this process already
    has as many coach requests running and waiting as it takes."""
    if not _coach_in_processes():
        from heard.coach import analyze

        return coach_run(analyze, reply, share=share, need=need)
    from heard.coach import worker

    pool = coach_processes()
    room = _room_for(_coach_threads())
    if not room.acquire(blocking=False):
        raise TooManyRequests("The coach is busy right now. Try again in a moment.")
    try:
        # Each side hands the other the vectors it already has for these texts, so a text
        # that both the coach and the crisis screen read is encoded once.
        texts = [reply] if share is None else [reply, share]
        feedback, vectors = pool.submit(
            worker.analyze, reply, share, need, nlp.known(texts)
        ).result()
        nlp.absorb(vectors)
        return feedback
    except BrokenProcessPool:
        # The coach process died (killed, out of memory): the next request starts a new one.
        _forget_processes(pool)
        raise
    finally:
        room.release()


def analyze_for(
    *, user: User, reply: str, share: str | None = None, need: str | None = None
) -> Any:
    """Run the coach for ``user``; raises CoachOff, TooManyRequests or DomainError (bad input)."""
    if not coach_enabled():
        raise CoachOff("The coach is switched off on this server.")
    from heard.coach import CoachInputError

    coach_throttle(user=user)
    try:
        return coach_analyze(reply, share=share or None, need=need or None)
    except CoachInputError as exc:
        raise DomainError(str(exc)) from exc
    except RuntimeError as exc:  # the model file is missing or stale: the coach can't run
        logger.warning("The coach could not run: %s", type(exc).__name__)
        raise CoachOff(
            "The coach isn't available right now. Your words can still be sent."
        ) from exc


@dataclass
class Coaching:
    """Feedback ready to show: what went well, then one thing to try."""

    strengths: list[dict[str, Any]] = field(default_factory=list)
    try_this: dict[str, Any] | None = None
    on_step: bool = False
    step_note: str = ""
    notes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    score: int = 0

    @property
    def summary(self) -> dict[str, Any]:
        return {"labels": self.labels, "score": self.score}

    def to_dict(self) -> dict[str, Any]:
        return {
            "strengths": self.strengths,
            "try_this": self.try_this,
            "on_step": self.on_step,
            "step_note": self.step_note,
            "notes": self.notes,
            "labels": self.labels,
            "score": self.score,
        }


def _tip(label: str, suggestion: str) -> dict[str, Any]:
    return {"label": label, "message": "", "span": None, "suggestion": suggestion, "kind": "tip"}


def shape(feedback: Any, *, step: str | None = None) -> Coaching:
    """Strengths first (the step's own skill leading), then the one habit worth trying to change."""
    messages = [m.to_dict() for m in feedback.messages]
    strengths = [m for m in messages if m["kind"] == "strength"]
    habits = [m for m in messages if m["kind"] == "habit"]
    tips = [m for m in messages if m["kind"] not in {"strength", "habit"}]
    wanted = STEP_SKILLS.get(step or "", ())
    on_step = any(label in feedback.labels for label in wanted)
    strengths.sort(key=lambda m: 0 if m["label"] in wanted else 1)
    coaching = Coaching(
        strengths=strengths,
        on_step=on_step,
        notes=list(feedback.notes),
        labels=list(feedback.labels),
        score=int(feedback.score),
    )
    if habits:
        coaching.try_this = habits[0]
    elif step in STEP_TIPS and not on_step:
        coaching.try_this = _tip("step", STEP_TIPS[step])
    elif strengths:
        coaching.try_this = _tip(strengths[0]["label"], strengths[0]["suggestion"])
    elif tips:
        coaching.try_this = tips[0]
    from heard.coach.analyze import HURTFUL

    if on_step and step and not any(label in HURTFUL for label in feedback.labels):
        coaching.step_note = STEP_PRAISE[step]  # never praise a reply that hurts
    return coaching


def coach_step(*, user: User, text: str, share: str, need: str, step: str | None) -> Coaching:
    return shape(analyze_for(user=user, reply=text, share=share, need=need), step=step)


def summary_quietly(*, user: User, text: str, share: str, need: str, step: str) -> dict[str, Any]:
    """The coach's labels and score to keep with a sent turn. Sending never depends on the
    coach: when it is off, busy or can't read the text, the turn goes without."""
    try:
        return coach_step(user=user, text=text, share=share, need=need, step=step).summary
    except DomainError:
        return {}
