"""Fixed-window rate limits that hold across every app process.

With Redis as the cache (HEARD_CACHE=redis) the count is Redis's atomic INCR. Without it, the
count is a row in the database, incremented in one atomic statement (INSERT ... ON CONFLICT DO
UPDATE ... RETURNING, on SQLite and PostgreSQL alike): so two processes on one machine, or two
app hosts on one PostgreSQL, count together, and no two requests can both read the same count."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from heard.core.models import RateCount


def _redis_cache() -> bool:
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    return backend.endswith("RedisCache")


def hit(key: str, *, window_seconds: int, now: float | None = None) -> int:
    """Count one more for ``key`` in the current window; returns the count so far."""
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    if _redis_cache():
        cache_key = f"heard:rate:{key}:{window}"
        cache.add(cache_key, 0, timeout=window_seconds + 1)
        try:
            return int(cache.incr(cache_key))
        except ValueError:  # the key expired between add and incr
            cache.set(cache_key, 1, timeout=window_seconds + 1)
            return 1
    q = connection.ops.quote_name
    table, k, w, c = q(RateCount._meta.db_table), q("key"), q("window"), q("count")
    # Only our own table and column names go into the text; the values are parameters.
    upsert = (
        f"INSERT INTO {table} ({k}, {w}, {c}) VALUES (%s, %s, 1) "  # noqa: S608  # nosec B608
        f"ON CONFLICT ({k}, {w}) DO UPDATE SET {c} = {table}.{c} + 1 RETURNING {c}"
    )
    with connection.cursor() as cursor:
        cursor.execute(upsert, [key, window])
        count = int(cursor.fetchone()[0])
    if count == 1:
        # The first hit of a new window clears the old ones for this key.
        RateCount.objects.filter(key=key, window__lt=window).delete()
    return count
