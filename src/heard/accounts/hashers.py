"""Password hashing: Argon2id with Django's parameters, and at most a few hashes at a time.

Django's Argon2id (time_cost 2, memory_cost 102,400 KiB = 100 MiB, parallelism 8) is stronger
than OWASP's minimum (19 MiB, t=2, p=1), and each check takes that 100 MiB for its duration.
A burst of logins, or of wrong passwords, would otherwise take 100 MiB per concurrent check
(8 at once took a process from 92 MiB to a 916 MiB peak) and every core. So each process runs
at most HEARD_PASSWORD_HASH_CONCURRENCY checks at once (1 by default); the others wait their
turn. Hashing runs in C without the GIL, so pages keep being served meanwhile."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

_gate_lock = threading.Lock()
_gate: threading.BoundedSemaphore | None = None
_gate_size = 0


def hashing_gate() -> threading.BoundedSemaphore:
    """The process's semaphore for password hashing (made on first use, sized by settings)."""
    global _gate, _gate_size
    size = max(1, int(getattr(settings, "PASSWORD_HASH_CONCURRENCY", 1)))
    with _gate_lock:
        if _gate is None or _gate_size != size:
            _gate, _gate_size = threading.BoundedSemaphore(size), size
        return _gate


class BoundedHashingMixin:
    """Runs encode and verify through the process's hashing gate."""

    def encode(self, password: str, salt: str) -> str:
        with hashing_gate():
            return super().encode(password, salt)  # type: ignore[misc, no-any-return]

    def verify(self, password: str, encoded: str) -> bool:
        with hashing_gate():
            return super().verify(password, encoded)  # type: ignore[misc, no-any-return]

    def harden_runtime(self, password: str, encoded: str) -> Any:
        with hashing_gate():
            return super().harden_runtime(password, encoded)  # type: ignore[misc]


class BoundedArgon2PasswordHasher(BoundedHashingMixin, Argon2PasswordHasher):
    """Django's Argon2id, at most PASSWORD_HASH_CONCURRENCY at a time per process. The
    algorithm name stays "argon2", so stored hashes are the same as Django's own."""
