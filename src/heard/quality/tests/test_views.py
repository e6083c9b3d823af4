"""The quality-time pages: ideas, a plan from proposal to rating, calendars, access."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from heard.quality import services
from heard.quality.models import PlanStatus, TogetherRating

pytestmark = pytest.mark.django_db


def _future(days: int = 3) -> dt.date:
    return timezone.now().date() + dt.timedelta(days=days)


@pytest.fixture
def plan(alice, bob, screened):
    plan = services.plan_propose(
        user=alice, bond_id=screened.pk, activity_id="after-dinner-walk", day=_future(), time=dt.time(19, 0)
    )  # fmt: skip
    return services.plan_respond(user=bob, plan_id=plan.pk, answer="accept")


def test_ideas_filter_and_surprise(alice_client):
    page = alice_client.get("/together/time/ideas/?place=call&energy=tired")
    assert page.status_code == 200
    assert "Have your morning coffee together over a call" in page.content.decode()
    assert "Hike a short trail" not in page.content.decode()
    bad = alice_client.get("/together/time/ideas/?duration=forever")
    assert bad.status_code == 400 and "duration must be one of" in bad.content.decode()
    surprise = alice_client.get("/together/time/ideas/surprise/?place=apart")
    assert surprise.status_code == 302 and surprise["Location"].startswith("/together/time/ideas/")
    assert "Together" in alice_client.get("/together/").content.decode()
    assert "Ideas for time together" in alice_client.get("/together/").content.decode()


def test_propose_accept_show_on_today_and_rate(alice_client, bob_client, screened):
    page = alice_client.post(
        "/together/time/ideas/weekly-coffee/",
        {"bond_id": screened.pk, "day": _future().isoformat(), "time": "09:30", "repeat": "weekly"},
    )
    assert page.status_code == 302
    plan_url = page["Location"]
    today = bob_client.get("/").content.decode()
    assert "alice suggested a weekly coffee" in today
    assert bob_client.post(plan_url + "respond/", {"answer": "accept"}).status_code == 302
    assert "A weekly coffee at the same place" in alice_client.get("/").content.decode()
    assert "Phones stay in bags" in alice_client.get(plan_url + "now/").content.decode()


def test_bad_dates_and_times_are_clear_errors(alice_client, screened):
    url = "/together/time/ideas/weekly-coffee/"
    impossible = alice_client.post(
        url, {"bond_id": screened.pk, "day": "2027-02-30", "time": "09:00"}
    )
    assert impossible.status_code == 400 and "valid date" in impossible.content.decode()
    past = alice_client.post(url, {"bond_id": screened.pk, "day": "2020-01-01", "time": "09:00"})
    assert past.status_code == 400 and "already passed" in past.content.decode()


def test_a_miss_offers_another_time_without_guilt(bob_client, plan):
    plan.starts_at = timezone.now() - dt.timedelta(hours=5)
    plan.save()
    response = bob_client.post(f"/together/time/plans/{plan.pk}/outcome/", {"outcome": "missed"})
    assert response["Location"].endswith("#another-time")
    page = bob_client.get(response["Location"]).content.decode()
    assert "Life gets busy" in page and "Suggest another time" in page
    assert "you missed" not in page.lower()


def test_rating_is_private_and_shows_on_progress(alice_client, bob_client, alice, plan):
    plan.starts_at = timezone.now() - dt.timedelta(hours=2)
    plan.save()
    assert (
        alice_client.post(f"/together/time/plans/{plan.pk}/rate/", {"rating": "9"}).status_code
        == 302
    )
    assert TogetherRating.objects.get(user=alice).rating == 9
    mine = alice_client.get("/progress/").content.decode()
    assert "How connected you felt after time together" in mine
    assert (
        "How connected you felt after time together"
        not in bob_client.get("/progress/").content.decode()
    )
    bad = alice_client.post(f"/together/time/plans/{plan.pk}/rate/", {"rating": "99"})
    assert bad.status_code == 400


def test_the_ics_parses_back_with_nothing_private(alice_client, plan):
    response = alice_client.get(f"/together/time/plans/{plan.pk}/plan.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Time together"
    assert events[0].decoded("DTSTART") == plan.starts_at
    body = response.content.decode()
    for private in ("walk", "alice", "bob", "dinner"):
        assert private not in body.lower()


def test_the_feed_works_then_404_after_revoke(alice_client, plan):
    page = alice_client.post("/together/time/calendar/", {"action": "create"}).content.decode()
    url = page.split("<code>")[1].split("</code>")[0].replace("http://testserver", "")
    assert "cal_" in url
    anonymous = Client()
    feed = anonymous.get(url)
    assert feed.status_code == 200
    events = list(Calendar.from_ical(feed.content).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Time together"]
    # Shown once: the page never shows it again.
    assert url not in alice_client.get("/together/time/calendar/").content.decode()
    alice_client.post("/together/time/calendar/", {"action": "revoke"})
    assert anonymous.get(url).status_code == 404
    assert anonymous.get("/together/time/calendar/cal_made-up.ics").status_code == 404


def test_a_recurring_plan_repeats_in_the_calendar(alice, bob, screened):
    from heard.quality import calendar

    plan = services.plan_propose(
        user=alice, bond_id=screened.pk, activity_id="weekly-coffee", day=_future(), time=dt.time(9, 0), repeat="weekly"
    )  # fmt: skip
    event = Calendar.from_ical(calendar.calendar_bytes([plan])).walk("VEVENT")[0]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/London"


PLAN_ROUTES = [
    ("get", "/together/time/plans/{id}/"),
    ("get", "/together/time/plans/{id}/now/"),
    ("get", "/together/time/plans/{id}/plan.ics"),
    ("post", "/together/time/plans/{id}/respond/"),
    ("post", "/together/time/plans/{id}/outcome/"),
    ("post", "/together/time/plans/{id}/rate/"),
]


@pytest.mark.parametrize(("method", "route"), PLAN_ROUTES)
def test_outsiders_exes_and_anonymous_never_reach_a_plan(
    method, route, plan, bob, carol, login_client
):
    from heard.bonds.services import bond_leave

    url = route.format(id=plan.pk)
    data = {"answer": "accept", "outcome": "done", "rating": "5"}
    assert getattr(login_client(carol), method)(url, data).status_code == 404
    anonymous = getattr(Client(), method)(url, data)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    bond_leave(bond=plan.bond, user=bob)
    assert getattr(login_client(bob), method)(url, data).status_code == 404
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
    assert not TogetherRating.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/together/time/",
        "/together/time/ideas/",
        "/together/time/calendar/",
        "/together/time/reminders/",
    ],
)
def test_personal_pages_need_a_login(url):
    response = Client().get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_paused_bond_shows_the_neutral_page(alice, bob_client, plan):
    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=plan.bond, answers={"afraid": True})
    response = bob_client.get(f"/together/time/plans/{plan.pk}/now/")
    assert response.status_code == 302 and "/safety/paused/" in response["Location"]
    assert "Time together" not in bob_client.get("/").content.decode()


def test_a_missed_plan_can_be_given_another_time(alice, bob_client, alice_client, plan):
    plan.starts_at = timezone.now() - dt.timedelta(hours=5)
    plan.save()
    bob_client.post(f"/together/time/plans/{plan.pk}/outcome/", {"outcome": "missed"})
    again = bob_client.post(
        f"/together/time/plans/{plan.pk}/respond/",
        {"answer": "another_time", "day": _future(2).isoformat(), "time": "18:00"},
    )
    assert again.status_code == 302, again.content.decode()
    new_url = again["Location"]
    assert new_url != f"/together/time/plans/{plan.pk}/"
    # The miss stays in the history; the new time is alice's to answer.
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED and plan.outcomes.get().outcome == "missed"
    page = alice_client.get(new_url).content.decode()
    assert "Yes, let&#x27;s" in page or "Yes, let's" in page
    assert "bob suggested" in alice_client.get("/").content.decode()


def test_an_accepted_one_off_moved_to_another_time_is_replaced(alice, bob, bob_client, plan):
    from heard.quality.models import Plan

    moved = bob_client.post(
        f"/together/time/plans/{plan.pk}/respond/",
        {"answer": "another_time", "day": _future(5).isoformat(), "time": "18:00"},
    )
    assert moved.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED
    fresh = Plan.objects.exclude(pk=plan.pk).get()
    assert fresh.status == PlanStatus.PROPOSED and fresh.proposed_by == bob
    assert fresh.activity_id == plan.activity_id and fresh.repeat == ""


def test_a_weekly_plan_in_the_ics_keeps_its_times_across_dst_in_both_zones(alice, bob, screened):
    """A calendar app expanding the RRULE lands on the same moments Heard shows: 10:00 in
    London every Sunday across the UK change, which is 06:00 then 05:00 in New York."""
    from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

    from heard.quality import calendar, selectors

    now = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
    plan = services.plan_propose(
        user=alice, bond_id=screened.pk, activity_id="weekly-coffee", day=dt.date(2027, 3, 21),
        time=dt.time(10, 0), repeat="weekly", now=now,
    )  # fmt: skip
    event = Calendar.from_ical(calendar.calendar_bytes([plan])).walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    expanded = [m.astimezone(dt.UTC) for m in rule[:3]]
    ours = selectors.occurrences(
        plan, start=plan.starts_at, end=plan.starts_at + dt.timedelta(days=15)
    )
    assert expanded == ours
    assert [selectors.times.shown(m, bob.time_zone)[-9:] for m in expanded] == [
        "06:00 EDT", "05:00 EDT", "05:00 EDT"
    ]  # fmt: skip
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=plan.minutes)


def test_ideas_can_be_filtered_by_what_they_build(alice_client):
    from heard.quality.content import activities_filter

    page = alice_client.get("/together/time/ideas/?builds=trust").content.decode()
    assert 'name="builds"' in page
    wanted = activities_filter(builds="trust")
    assert f"{len(wanted)} ideas." in page
    other = next(a for a in activities_filter() if "trust" not in a.builds)
    assert other.title not in page
