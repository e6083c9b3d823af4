"""Logging helpers."""

from __future__ import annotations

import logging
import threading
import time


class AtMostOncePerMinute(logging.Filter):
    """Lets one record through per minute and counts the rest into it.

    Waitress warns "Task queue depth is N" for every request that has to wait for a thread:
    under load that is one line per request (over 100,000 in two hours). Once a minute, with
    how many were left out, still tells the host the server is busy."""

    def __init__(self, name: str = "", every: float = 60.0) -> None:
        super().__init__(name)
        self.every = every
        self._lock = threading.Lock()
        self._last = 0.0
        self._dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._last and now - self._last < self.every:
                self._dropped += 1
                return False
            dropped, self._dropped, self._last = self._dropped, 0, now
        if dropped:
            record.msg = f"{record.msg} ({dropped} more like this in the last minute)"
        return True
