"""The fixed cost of a request (issue 18): the middleware, health checks, the session stamp,
today's question on a GET and milestones recorded by writes, not by page views."""

from __future__ import annotations

import logging
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from heard.accounts.middleware import SEEN_AT, STAMP_EVERY_SECONDS


def _sql(client: Client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.django_db
def test_it_costs_an_authenticated_request_at_most_two_queries_before_the_view(alice_client):
    alice_client.get("/manifest.webmanifest")
    # The manifest itself reads nothing: all of this is the session and the user.
    assert len(_sql(alice_client, "/manifest.webmanifest")) <= 2


@pytest.mark.django_db
def test_the_liveness_check_touches_no_database_even_with_a_session(alice_client):
    assert _sql(alice_client, "/healthz") == []
    assert alice_client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_the_readiness_check_asks_the_database(alice_client):
    assert "SELECT 1" in _sql(Client(), "/readyz")
    assert Client().get("/readyz").json() == {"status": "ok", "database": "ok"}


def _session_writes(queries: list[str]) -> list[str]:
    return [q for q in queries if q.startswith("UPDATE") and "django_session" in q]


@pytest.mark.django_db
def test_it_stamps_the_last_seen_time_at_most_once_a_minute(alice_client):
    alice_client.get("/manifest.webmanifest")
    first_seen = alice_client.session[SEEN_AT]
    assert _session_writes(_sql(alice_client, "/manifest.webmanifest")) == []
    assert alice_client.session[SEEN_AT] == first_seen
    # A minute later the next request stamps it again (once).
    session = alice_client.session
    session[SEEN_AT] = time.time() - STAMP_EVERY_SECONDS - 1
    session.save()
    assert len(_session_writes(_sql(alice_client, "/manifest.webmanifest"))) == 1
    assert alice_client.session[SEEN_AT] > first_seen
    assert _session_writes(_sql(alice_client, "/manifest.webmanifest")) == []


@pytest.mark.django_db
def test_a_get_of_todays_question_draws_it_once_and_then_only_reads(
    ready_bond, alice_client, bob_client
):
    from heard.prompts.models import Exchange

    alice_client.get(f"/prompts/{ready_bond.pk}/")
    bob_client.get(f"/api/v1/prompts/today?bond_id={ready_bond.pk}")
    assert Exchange.objects.filter(bond=ready_bond).count() == 1
    for client, path in [
        (alice_client, f"/prompts/{ready_bond.pk}/"),
        (bob_client, f"/api/v1/prompts/today?bond_id={ready_bond.pk}"),
    ]:
        queries = _sql(client, path)
        assert not [q for q in queries if "FOR UPDATE" in q.upper()], path
        assert not [q for q in queries if q.split(" ", 1)[0] in {"SAVEPOINT", "BEGIN"}], path
    assert Exchange.objects.filter(bond=ready_bond).count() == 1


@pytest.mark.django_db
def test_milestones_are_recorded_by_the_activity_not_by_viewing_a_page(alice, alice_client):
    from heard.accounts.selectors import local_today
    from heard.daily.models import CheckIn
    from heard.daily.services import checkin_submit
    from heard.progress.models import Milestone

    # A check-in that reached the database some other way: a page view does not go looking.
    CheckIn.objects.create(user=alice, day=local_today(alice), feeling="calm")
    alice_client.get("/")
    alice_client.get("/progress/")
    alice_client.get("/api/v1/progress")
    assert not Milestone.objects.filter(user=alice).exists()
    checkin_submit(user=alice, feeling="calm", ratings={})
    assert list(Milestone.objects.filter(user=alice).values_list("key", flat=True)) == [
        "first_checkin"
    ]
    page = alice_client.get("/").content.decode()
    assert "Your first check-in" in page
    assert "Your first check-in" not in alice_client.get("/").content.decode()


def test_waitress_queue_warnings_come_at_most_once_a_minute():
    from heard.core.logs import AtMostOncePerMinute

    only = AtMostOncePerMinute(every=60)
    records = [
        logging.LogRecord(
            "waitress.queue", logging.WARNING, "", 0, "Task queue depth is %d", (n,), None
        )
        for n in range(500)
    ]
    passed = [r for r in records if only.filter(r)]
    assert len(passed) == 1
    only._last -= 61  # a minute later
    later = logging.LogRecord(
        "waitress.queue", logging.WARNING, "", 0, "Task queue depth is 3", (), None
    )
    assert only.filter(later)
    assert "499 more like this" in later.getMessage()


def test_waitress_queue_logger_is_filtered_in_settings(settings):
    assert settings.LOGGING["loggers"]["waitress.queue"]["filters"] == ["once_a_minute"]


def test_sqlite_keeps_its_connections_for_a_minute(settings):
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 60
