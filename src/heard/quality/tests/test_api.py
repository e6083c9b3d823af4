"""Quality time over the API: the same rules as the web, and every operation closed to
outsiders, ex-partners and anonymous callers."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _send(client, method, url, body=None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def _day(days=3):
    return (timezone.now().date() + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def plan_id(alice_client, bob_client, screened):
    made = _send(alice_client, "post", "/api/v1/quality/plans", {"bond_id": screened.pk, "activity_id": "video-dinner", "day": _day(), "time": "19:00"})  # fmt: skip
    assert made.status_code == 201, made.content
    return made.json()["id"]


def test_ideas_and_surprise(alice_client):
    ideas = alice_client.get("/api/v1/quality/ideas?place=call&energy=tired").json()
    assert ideas and all(i["place"] == "call" and i["phones"] and i["starter"] for i in ideas)
    assert alice_client.get("/api/v1/quality/ideas?place=moon").status_code == 422
    assert alice_client.get("/api/v1/quality/ideas/surprise?kind=friend").json()["id"]
    nothing = alice_client.get("/api/v1/quality/ideas/surprise?kind=friend&theme=care&place=apart")
    assert nothing.status_code == 404


def test_propose_answer_and_rate_over_the_api(alice_client, bob_client, plan_id):
    waiting = bob_client.get("/api/v1/quality/plans").json()["proposals"]
    assert waiting[0]["yours_to_answer"] is True
    assert waiting[0]["starts_local"].endswith(("EST", "EDT"))  # bob's own zone
    answered = _send(bob_client, "post", f"/api/v1/quality/plans/{plan_id}/response", {"answer": "accept"})  # fmt: skip
    assert answered.json()["status"] == "accepted"
    assert alice_client.get("/api/v1/quality/plans").json()["upcoming"][0]["id"] == plan_id
    early = _send(alice_client, "post", f"/api/v1/quality/plans/{plan_id}/rating", {"rating": 7})
    assert early.status_code == 409  # it hasn't happened yet


def test_bad_times_are_clear_4xx(alice_client, screened):
    url = "/api/v1/quality/plans"
    base = {"bond_id": screened.pk, "activity_id": "video-dinner", "time": "19:00"}
    assert _send(alice_client, "post", url, {**base, "day": "2027-02-30"}).status_code == 422
    past = _send(alice_client, "post", url, {**base, "day": "2020-01-01"})
    assert past.status_code == 400 and "already passed" in past.json()["detail"]
    gap = _send(alice_client, "post", url, {**base, "day": "2027-03-28", "time": "01:30"})
    assert gap.status_code == 400 and "clocks change" in gap.json()["detail"]
    unknown = _send(alice_client, "post", url, {**base, "day": _day(), "activity_id": "nope"})
    assert unknown.status_code == 422  # the schema lists the ideas


def test_reminder_settings_and_feed(alice_client, carol_client):
    saved = _send(alice_client, "put", "/api/v1/quality/reminders", {"daily": True, "daily_time": "08:00", "quiet_start": "22:00", "quiet_end": "07:00"})  # fmt: skip
    assert saved.status_code == 200 and saved.json()["daily"] is True
    half = _send(alice_client, "put", "/api/v1/quality/reminders", {"quiet_start": "22:00"})
    assert half.status_code == 422 and "both ends" in half.json()["detail"]
    no_mail = _send(carol_client, "put", "/api/v1/quality/reminders", {"email": True})
    assert no_mail.status_code == 409 and "e-mail address" in no_mail.json()["detail"]
    url = _send(alice_client, "post", "/api/v1/quality/calendar-feed").json()["url"]
    path = url.replace("http://testserver", "")
    assert Client().get(path).status_code == 200
    assert _send(alice_client, "delete", "/api/v1/quality/calendar-feed").status_code == 204
    assert Client().get(path).status_code == 404


def test_every_operation_is_in_the_openapi_schema(alice_client):
    paths = alice_client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/quality/ideas",
        "/api/v1/quality/ideas/surprise",
        "/api/v1/quality/plans",
        "/api/v1/quality/plans/{plan_id}",
        "/api/v1/quality/plans/{plan_id}/response",
        "/api/v1/quality/plans/{plan_id}/outcome",
        "/api/v1/quality/plans/{plan_id}/reschedule",
        "/api/v1/quality/plans/{plan_id}/rating",
        "/api/v1/quality/reminders",
        "/api/v1/quality/calendar-feed",
    ]:
        assert path in paths, path


PLAN_OPERATIONS = [
    ("get", "/api/v1/quality/plans/{id}", None),
    ("post", "/api/v1/quality/plans/{id}/response", {"answer": "accept"}),
    ("post", "/api/v1/quality/plans/{id}/outcome", {"outcome": "done"}),
    ("post", "/api/v1/quality/plans/{id}/rating", {"rating": 5}),
    ("post", "/api/v1/quality/plans/{id}/reschedule", {"day": "2030-01-01", "time": "10:00"}),
]
PERSONAL_OPERATIONS = [
    ("get", "/api/v1/quality/ideas", None),
    ("get", "/api/v1/quality/ideas/surprise", None),
    ("get", "/api/v1/quality/plans", None),
    ("post", "/api/v1/quality/plans", {"bond_id": 1, "activity_id": "video-dinner", "day": "2030-01-01", "time": "10:00"}),
    ("get", "/api/v1/quality/reminders", None),
    ("put", "/api/v1/quality/reminders", {"daily": True}),
    ("post", "/api/v1/quality/calendar-feed", None),
    ("delete", "/api/v1/quality/calendar-feed", None),
]  # fmt: skip


@pytest.mark.parametrize(("method", "route", "body"), PLAN_OPERATIONS)
def test_outsiders_exes_and_anonymous_get_nothing_of_a_plan(method, route, body, plan_id, screened, bob, carol, login_client):  # fmt: skip
    from heard.bonds.services import bond_leave

    url = route.format(id=plan_id)
    assert _send(login_client(carol), method, url, body).status_code == 404
    assert _send(Client(), method, url, body).status_code == 401
    bond_leave(bond=screened, user=bob)
    ex = _send(login_client(bob), method, url, body)
    assert ex.status_code == 404 and "alice" not in ex.content.decode()


@pytest.mark.parametrize(("method", "route", "body"), PERSONAL_OPERATIONS)
def test_anonymous_callers_get_401_everywhere(method, route, body):
    assert _send(Client(), method, route, body).status_code == 401


def test_an_outsider_cannot_plan_in_someone_elses_bond(carol_client, screened):
    body = {"bond_id": screened.pk, "activity_id": "video-dinner", "day": _day(), "time": "10:00"}
    answer = _send(carol_client, "post", "/api/v1/quality/plans", body)
    assert answer.status_code == 404 and answer.json()["detail"] == "Plans can't be made there."


def test_a_paused_bond_is_a_409_for_plans(alice, bob_client, plan_id):
    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=alice.bonds.first(), answers={"afraid": True})
    assert bob_client.get(f"/api/v1/quality/plans/{plan_id}").status_code == 409
    assert bob_client.get("/api/v1/quality/plans").json() == {"proposals": [], "upcoming": []}


def test_a_missed_plan_is_rescheduled_over_the_api(alice_client, bob_client, plan_id):
    from heard.quality.models import Plan

    _send(bob_client, "post", f"/api/v1/quality/plans/{plan_id}/response", {"answer": "accept"})
    Plan.objects.filter(pk=plan_id).update(starts_at=timezone.now() - dt.timedelta(hours=4))
    missed = _send(bob_client, "post", f"/api/v1/quality/plans/{plan_id}/outcome", {"outcome": "missed"})  # fmt: skip
    assert missed.json()["reschedule_url"].endswith("#another-time")
    url = f"/api/v1/quality/plans/{plan_id}/reschedule"
    past = _send(bob_client, "post", url, {"day": "2020-01-01", "time": "10:00"})
    assert past.status_code == 400 and "already passed" in past.json()["detail"]
    again = _send(bob_client, "post", url, {"day": _day(4), "time": "10:00"})
    assert again.status_code == 201, again.content
    fresh = again.json()
    assert fresh["id"] != plan_id and fresh["status"] == "proposed"
    waiting = alice_client.get("/api/v1/quality/plans").json()["proposals"]
    assert [p["id"] for p in waiting] == [fresh["id"]] and waiting[0]["yours_to_answer"]
    # A suggestion still waiting is answered, not rescheduled.
    assert _send(alice_client, "post", f"/api/v1/quality/plans/{fresh['id']}/reschedule", {"day": _day(5), "time": "10:00"}).status_code == 409  # fmt: skip


def test_each_person_reads_back_only_their_own_ratings(alice_client, bob_client, plan_id):
    from heard.quality.models import Plan

    _send(bob_client, "post", f"/api/v1/quality/plans/{plan_id}/response", {"answer": "accept"})
    Plan.objects.filter(pk=plan_id).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    assert _send(alice_client, "post", f"/api/v1/quality/plans/{plan_id}/rating", {"rating": 7}).status_code == 200  # fmt: skip
    mine = alice_client.get("/api/v1/quality/ratings")
    assert mine.status_code == 200
    [row] = mine.json()
    assert row["plan_id"] == plan_id and row["rating"] == 7 and row["day"]
    assert bob_client.get("/api/v1/quality/ratings").json() == []
    assert Client().get("/api/v1/quality/ratings").status_code == 401
    assert "/api/v1/quality/ratings" in alice_client.get("/api/v1/openapi.json").json()["paths"]


def test_ideas_filter_by_what_they_build(alice_client):
    found = alice_client.get("/api/v1/quality/ideas?builds=empathy").json()
    assert found and all("empathy" in i["builds"] for i in found)
    assert len(found) < len(alice_client.get("/api/v1/quality/ideas").json())
    assert alice_client.get("/api/v1/quality/ideas?builds=money").status_code == 422
