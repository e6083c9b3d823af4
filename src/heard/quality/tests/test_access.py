"""Every quality-time page and API operation, for the three people who must get nothing: an
outsider, an ex-partner (after the bond ended) and an anonymous visitor. Plan routes are
also checked one by one in test_views and test_api; here are the rest."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from heard.quality import services
from heard.quality.models import CalendarFeed, Plan, ReminderSettings

pytestmark = pytest.mark.django_db

PERSONAL_PAGES = [
    ("get", "/together/time/", {}),
    ("get", "/together/time/ideas/", {}),
    ("get", "/together/time/ideas/surprise/", {}),
    ("get", "/together/time/ideas/weekly-coffee/", {}),
    ("post", "/together/time/ideas/weekly-coffee/", {"bond_id": "1", "day": "2030-01-01", "time": "10:00"}),
    ("get", "/together/time/calendar/", {}),
    ("post", "/together/time/calendar/", {"action": "create"}),
    ("get", "/together/time/reminders/", {}),
    ("post", "/together/time/reminders/", {"daily": "on", "daily_time": "08:00"}),
]  # fmt: skip


@pytest.fixture
def plan(alice, bob, screened):
    day = timezone.now().date() + dt.timedelta(days=3)
    made = services.plan_propose(
        user=alice, bond_id=screened.pk, activity_id="weekly-coffee", day=day, time=dt.time(9, 0)
    )  # fmt: skip
    return services.plan_respond(user=bob, plan_id=made.pk, answer="accept")


@pytest.mark.parametrize(("method", "url", "data"), PERSONAL_PAGES)
def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(method, url, data, plan):
    response = getattr(Client(), method)(url, data)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert Plan.objects.count() == 1
    assert not CalendarFeed.objects.exists() and not ReminderSettings.objects.exists()


def _proposal(client, bond_id):
    day = (timezone.now().date() + dt.timedelta(days=4)).isoformat()
    return client.post(
        "/together/time/ideas/weekly-coffee/", {"bond_id": bond_id, "day": day, "time": "10:00"}
    )


def test_an_outsider_cannot_propose_in_someone_elses_bond_from_the_page(carol_client, plan):
    page = _proposal(carol_client, plan.bond_id)
    assert page.status_code == 400
    assert "alice" not in page.content.decode() and "bob" not in page.content.decode()
    assert Plan.objects.count() == 1


def test_an_outsider_sees_none_of_their_plans_anywhere(carol, carol_client, plan, login_client):
    for url in ("/", "/together/time/", "/progress/"):
        body = carol_client.get(url).content.decode()
        assert "coffee" not in body.lower() and "bob" not in body, url
    api = carol_client.get("/api/v1/quality/plans").json()
    assert api == {"proposals": [], "upcoming": []}
    token = services.feed_create(user=carol)
    feed = Client().get(f"/together/time/calendar/{token}.ics")
    assert feed.status_code == 200 and b"VEVENT" not in feed.content


def test_an_ex_partner_loses_every_view_of_the_plans(alice, bob, bob_client, plan):
    from heard.bonds.services import bond_leave

    token = services.feed_create(user=bob)
    feed_url = f"/together/time/calendar/{token}.ics"
    assert b"VEVENT" in Client().get(feed_url).content
    bond_leave(bond=plan.bond, user=bob)
    for url in ("/", "/together/time/"):
        body = bob_client.get(url).content.decode()
        assert "coffee" not in body.lower() and "alice" not in body, url
    assert bob_client.get("/api/v1/quality/plans").json() == {"proposals": [], "upcoming": []}
    assert b"VEVENT" not in Client().get(feed_url).content
    page = _proposal(bob_client, plan.bond_id)
    assert page.status_code == 400 and "alice" not in page.content.decode()
    api = bob_client.post(
        "/api/v1/quality/plans",
        json.dumps({"bond_id": plan.bond_id, "activity_id": "weekly-coffee", "day": "2030-01-01", "time": "10:00"}),
        content_type="application/json",
    )  # fmt: skip
    assert api.status_code == 404 and api.json()["detail"] == services.ENDED_MESSAGE
    assert Plan.objects.count() == 1
    # alice's own feed drops the plan too: the bond has ended for both.
    alice_token = services.feed_create(user=alice)
    assert b"VEVENT" not in Client().get(f"/together/time/calendar/{alice_token}.ics").content


def test_a_paused_bond_leaves_the_calendar_feed(alice, bob, plan):
    from heard.safety.services import screening_submit

    token = services.feed_create(user=bob)
    assert b"VEVENT" in Client().get(f"/together/time/calendar/{token}.ics").content
    screening_submit(user=alice, bond=plan.bond, answers={"afraid": True})
    feed = Client().get(f"/together/time/calendar/{token}.ics")
    assert feed.status_code == 200 and b"VEVENT" not in feed.content


def test_a_tampered_unsubscribe_link_changes_nothing(alice, carol):
    from heard.quality import reminders

    ReminderSettings.objects.create(user=alice, daily=True)
    token = reminders.unsubscribe_token(carol, "daily")
    forged = token.replace(token.split(":")[0], token.split(":")[0][:-2] + "AA")
    assert Client().post(f"/together/time/unsubscribe/{forged}/").status_code == 404
    assert ReminderSettings.objects.get(user=alice).daily is True
