"""Password hashing runs at most HEARD_PASSWORD_HASH_CONCURRENCY at a time per process, so a
burst of logins can exhaust neither memory (Argon2id takes 100 MiB per check) nor the cores."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password

from heard.accounts.hashers import BoundedHashingMixin


class _Counting(Argon2PasswordHasher):
    """The real Argon2id (small cost), noting how many checks run at the same moment."""

    time_cost = 2
    memory_cost = 4096
    parallelism = 1
    lock = threading.Lock()
    active = 0
    peak = 0

    def verify(self, password: str, encoded: str) -> bool:
        cls = type(self)
        with cls.lock:
            _Counting.active += 1
            _Counting.peak = max(_Counting.peak, _Counting.active)
        try:
            time.sleep(0.02)  # long enough for the others to pile up behind the gate
            return super().verify(password, encoded)
        finally:
            with cls.lock:
                _Counting.active -= 1


class GatedCounting(BoundedHashingMixin, _Counting):
    pass


@pytest.mark.parametrize("limit", [1, 2])
def test_concurrent_password_checks_wait_for_the_gate(settings, limit):
    settings.PASSWORD_HASHERS = [f"{__name__}.GatedCounting"]
    settings.PASSWORD_HASH_CONCURRENCY = limit
    encoded = make_password("correct horse battery")
    _Counting.peak = 0
    results: list[bool] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(check_password("correct horse battery", encoded))
        )
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 8
    assert _Counting.peak == limit


def test_production_hashes_with_django_argon2id_parameters_through_the_gate():
    from django.conf import settings as real

    from heard.accounts.hashers import BoundedArgon2PasswordHasher

    assert real.PASSWORD_HASH_CONCURRENCY == 1
    hasher = BoundedArgon2PasswordHasher()
    assert (hasher.algorithm, hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        "argon2",
        2,
        102400,
        8,
    )
