"""Rate limits that hold across processes: in the database without Redis, in Redis with it."""

from __future__ import annotations

import os
import socket
import threading

import pytest
from django.core.cache import caches
from django.db import connection, connections

from heard.core import ratelimit
from heard.core.models import RateCount


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.django_db
def test_it_counts_each_key_in_its_own_window_in_the_database():
    assert [ratelimit.hit("a", window_seconds=60, now=120.0) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("b", window_seconds=60, now=120.0) == 1
    # The next window starts again at 1 and drops the old window's row.
    assert ratelimit.hit("a", window_seconds=60, now=185.0) == 1
    assert list(RateCount.objects.filter(key="a").values_list("window", "count")) == [(3, 1)]


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_each_counted_once():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("threads can't share an in-memory SQLite test database")
    counts: list[int] = []

    def hit() -> None:
        try:
            for _ in range(10):
                counts.append(ratelimit.hit("together", window_seconds=3600, now=7200.0))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 41))


@pytest.mark.django_db
def test_it_counts_in_redis_when_redis_is_the_cache(settings):
    if not _redis_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is required in CI")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("HEARD_TEST_REDIS_URL", "redis://127.0.0.1:6379/12"),
            "KEY_PREFIX": f"heard-test-{os.getpid()}",
        }
    }
    caches["default"].clear()
    try:
        assert [ratelimit.hit("r", window_seconds=60, now=60.0) for _ in range(3)] == [1, 2, 3]
        assert not RateCount.objects.exists()
        assert caches["default"].get("heard:rate:r:1") == 3
    finally:
        caches["default"].clear()


def test_the_cache_is_the_database_unless_redis_is_asked_for(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
