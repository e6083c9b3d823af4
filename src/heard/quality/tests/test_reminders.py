"""Reminders: opt-in, quiet hours, once per kind a day, unsubscribe, nothing anyone wrote."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client

from heard.core.models import Notice
from heard.quality import reminders, services
from heard.quality.models import Reminder, ReminderSettings

pytestmark = pytest.mark.django_db
UTC = dt.UTC
CANARY = "canary-7c2e-softly"


def _prefs(user, **values):
    base = {"daily": True, "daily_time": dt.time(8, 0), "email": True}
    return ReminderSettings.objects.create(user=user, **{**base, **values})


def test_nothing_is_sent_to_anyone_who_did_not_opt_in(alice):
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 12, tzinfo=UTC)) == 0
    assert not mail.outbox


def test_daily_reminder_in_their_own_time_zone_once_a_day(alice):
    alice.time_zone = "America/New_York"
    alice.save()
    _prefs(alice)
    # 12:00 UTC is 07:00 in New York: not yet.
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 12, tzinfo=UTC)) == 0
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 13, 5, tzinfo=UTC)) == 1
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 20, tzinfo=UTC)) == 0
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 6, 13, 5, tzinfo=UTC)) == 1
    assert len(mail.outbox) == 2
    assert Notice.objects.filter(user=alice, kind="reminder_daily").count() == 1  # replaced


def test_quiet_hours_hold_reminders_back_across_midnight(alice):
    _prefs(alice, daily_time=dt.time(0, 0), quiet_start=dt.time(22, 0), quiet_end=dt.time(7, 0))
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 23, tzinfo=UTC)) == 0
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 6, 3, tzinfo=UTC)) == 0
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 6, 7, 0, tzinfo=UTC)) == 1


def test_the_unsubscribe_link_works_in_one_click(alice):
    _prefs(alice)
    reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 9, tzinfo=UTC))
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>").split("testserver")[-1]
    path = "/" + url.split("/", 3)[-1] if url.startswith("http") else url
    assert path in message.body.replace("http://127.0.0.1:8000", "")
    # A mail client posts without a session or CSRF token.
    client = Client(enforce_csrf_checks=True)
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert ReminderSettings.objects.get(user=alice).daily is False
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 6, 9, tzinfo=UTC)) == 0
    assert client.get(path[:-5] + "xxxx/").status_code == 404


def test_no_reminder_or_notice_carries_what_anyone_wrote(
    alice, bob, screened, alice_client, bob_client, raw_database_text
):
    # Text written elsewhere in the app, then every reminder kind sent.
    alice_client.post("/api/v1/checkins", {"feeling": "calm", "ratings": {}, "note": f"note {CANARY}"}, content_type="application/json")  # fmt: skip
    for person in (alice, bob):
        _prefs(person, plans=True, proposals=True, weekly=True, daily_time=dt.time(0, 0))
    soon = (dt.datetime.now(UTC) + dt.timedelta(hours=1)).astimezone(ZoneInfo(alice.time_zone))
    plan = services.plan_propose(
        user=alice,
        bond_id=screened.pk,
        activity_id="weekly-coffee",
        day=soon.date(),
        time=soon.time().replace(second=0, microsecond=0),
    )
    reminders.reminders_send_due()
    kinds = set(Reminder.objects.filter(user=bob).values_list("kind", flat=True))
    assert {"daily", "proposal"} <= kinds
    services.plan_respond(user=bob, plan_id=plan.pk, answer="accept")
    Reminder.objects.all().delete()
    reminders.reminders_send_due()
    assert "plan" in set(Reminder.objects.filter(user=alice).values_list("kind", flat=True))
    outputs = [m.subject + m.body + str(m.extra_headers) for m in mail.outbox]
    outputs += list(Notice.objects.values_list("text", flat=True))
    assert outputs and all(CANARY not in text for text in outputs)
    assert all("coffee" not in text.lower() for text in outputs)  # not even the activity
    assert all("you missed" not in text.lower() for text in outputs)


def test_a_paused_bond_sends_no_reminders_about_the_other_person(alice, bob, screened):
    from heard.safety.services import screening_submit

    _prefs(bob, daily=False, proposals=True, plans=True)
    soon = dt.datetime.now(UTC) + dt.timedelta(days=1)
    services.plan_propose(
        user=alice, bond_id=screened.pk, activity_id="weekly-coffee", day=soon.date(), time=dt.time(12, 0)
    )  # fmt: skip
    screening_submit(user=alice, bond=screened, answers={"afraid": True})
    assert reminders.reminders_send_due() == 0
    assert not Reminder.objects.filter(user=bob).exists()


def test_the_weekly_note_comes_on_sunday_evening_in_their_zone(alice):
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    _prefs(alice, daily=False, weekly=True)
    saturday_evening_tokyo = dt.datetime(2027, 1, 9, 9, 30, tzinfo=UTC)
    sunday_evening_tokyo = dt.datetime(2027, 1, 10, 9, 30, tzinfo=UTC)
    assert reminders.reminders_send_due(now=saturday_evening_tokyo) == 0
    assert reminders.reminders_send_due(now=sunday_evening_tokyo) == 1
    assert "protect together" in mail.outbox[0].body


def test_quality_time_rows_are_in_the_export_and_go_with_an_erase(alice, bob, screened):
    from heard.accounts.data import user_erase, user_export
    from heard.quality.models import CalendarFeed, TogetherRating

    soon = dt.datetime.now(UTC).astimezone(ZoneInfo(alice.time_zone)) + dt.timedelta(days=1)
    plan = services.plan_propose(
        user=alice, bond_id=screened.pk, activity_id="video-dinner", day=soon.date(), time=dt.time(12, 0)
    )  # fmt: skip
    services.plan_respond(user=bob, plan_id=plan.pk, answer="accept")
    later = plan.starts_at + dt.timedelta(hours=2)
    services.plan_rate(user=alice, plan_id=plan.pk, rating=6, now=later)
    services.feed_create(user=alice)
    exported = user_export(user=alice)["data"]
    assert exported["quality.togetherrating.user"][0]["rating"] == 6
    assert "token_hash" not in exported["quality.calendarfeed.user"][0]
    user_erase(user=alice)
    assert not TogetherRating.objects.exists() and not CalendarFeed.objects.exists()


def test_at_most_one_reminder_of_each_kind_a_day_whatever_is_due(alice, bob, screened):
    from heard.quality.models import Plan, PlanStatus

    _prefs(bob, daily=True, daily_time=dt.time(0, 0), plans=True, proposals=True, email=True)
    now = dt.datetime(2027, 1, 5, 15, 0, tzinfo=UTC)  # 10:00 for bob in New York
    # Two plans coming up within the hour and two times to answer: each kind still once.
    for minutes in (40, 70):
        start = (now + dt.timedelta(minutes=minutes)).astimezone(ZoneInfo(alice.time_zone))
        for status in (PlanStatus.ACCEPTED, PlanStatus.PROPOSED):
            plan = services.plan_propose(
                user=alice, bond_id=screened.pk, activity_id="weekly-coffee",
                day=start.date(), time=start.time().replace(second=0, microsecond=0), now=now,
            )  # fmt: skip
            Plan.objects.filter(pk=plan.pk).update(status=status)
    first = reminders.reminders_send_due(now=now)
    again = [reminders.reminders_send_due(now=now + dt.timedelta(minutes=m)) for m in (5, 30, 55)]
    kinds = sorted(Reminder.objects.filter(user=bob).values_list("kind", flat=True))
    assert kinds == ["daily", "plan", "proposal"] and first == 3 and again == [0, 0, 0]
    assert len([m for m in mail.outbox if m.to == [bob.email]]) == 3


def test_no_email_unless_they_asked_for_it(alice):
    _prefs(alice, email=False)
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 9, tzinfo=UTC)) == 1
    assert not mail.outbox
    assert Notice.objects.filter(user=alice, kind="reminder_daily").count() == 1


def test_no_email_to_someone_without_an_address(alice):
    _prefs(alice, email=True)
    alice.email = ""
    alice.save()
    assert reminders.reminders_send_due(now=dt.datetime(2027, 1, 5, 9, tzinfo=UTC)) == 1
    assert not mail.outbox
