"""The coach in a process of its own (no Django in it): the app's request threads hand it a
reply and wait asleep, so the coach's Python word features hold this process's GIL and not
the pages'. heard.dialogue.coaching starts these processes (HEARD_COACH_PROCESS)."""

from __future__ import annotations

import contextlib
import os
from typing import Any

NICENESS = 10


def start(nlp_enabled: bool, nlp_concurrency: int) -> None:
    """Run once in each coach process as it starts: low CPU priority for the whole process
    (the pages' processes come first on a busy core), the app's encoder settings, and the
    model loaded before the first request arrives."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, 0, NICENESS)
    from heard import nlp

    nlp.configure(enabled=nlp_enabled, concurrency=nlp_concurrency)
    with contextlib.suppress(Exception):  # a missing model is reported by the first analysis
        from heard.coach.model import get_model

        get_model()


def analyze(
    reply: str, share: str | None, need: str | None, known: dict[bytes, Any] | None = None
) -> tuple[Any, dict[bytes, Any]]:
    """The feedback, and the encoder vectors this process holds for the reply and the share
    (keyed by digest, never text), so the app's process need not encode them again when it
    screens them. ``known``: the vectors the app's process already had for them."""
    from heard import nlp
    from heard.coach import analyze as run

    encoder = nlp.get_encoder()
    if encoder is not None and known:
        encoder.absorb(known)
    feedback = run(reply, share=share, need=need)
    if encoder is None:
        return feedback, {}
    found = encoder.known([reply] if share is None else [reply, share])
    return feedback, {key: vector for key, vector in found.items() if key not in (known or {})}


def where() -> tuple[int, int]:
    """This process's id and niceness (for the tests)."""
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)
