"""Health checks. /healthz says the process is up and answers without touching the database
(a load balancer can call it every second for free); /readyz also asks the database."""

from django.db import connection


def alive() -> tuple[int, dict[str, str]]:
    return 200, {"status": "ok"}


def health() -> tuple[int, dict[str, str]]:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return 503, {"status": "error", "database": "unavailable"}
    return 200, {"status": "ok", "database": "ok"}
