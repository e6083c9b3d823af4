"""The practice reminder: opt-in, at the person's own time, only while practice this week is
waiting for them, at most twice a week, never with anything anyone wrote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from heard.core.models import Notice
from heard.counsel import services
from heard.counsel.models import Assignment
from heard.quality import reminders
from heard.quality.models import Reminder, ReminderSettings

pytestmark = pytest.mark.django_db
UTC = dt.UTC
MONDAY = dt.date(2027, 1, 4)
CANARY = "canary-counsel-3f9a"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """``day`` days after Monday 4 January 2027, in UTC (everyone here lives in UTC)."""
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(hour, minute), UTC)


def _prefs(user, **values):
    base = {"practice": True, "daily_time": dt.time(9, 0), "email": True}
    return ReminderSettings.objects.create(user=user, **{**base, **values})


def _assign(dana, connection, **values):
    made = services.assignment_create(
        counsellor=dana, connection_id=connection.pk, kind="say_it", **values
    )
    Assignment.objects.filter(pk=made.pk).update(week_of=MONDAY)
    return made


def _practice_sent(user) -> list[dt.date]:
    return sorted(Reminder.objects.filter(user=user, kind="practice").values_list("day", flat=True))


def test_not_due_without_practice_or_without_opting_in(dana, alice, bob, connected):
    _prefs(alice)
    _prefs(bob, practice=False)
    assert reminders.reminders_send_due(now=at(0, 10)) == 0
    _assign(dana, connected[0])
    assert reminders.reminders_send_due(now=at(0, 10)) == 1  # alice only: bob didn't opt in
    assert _practice_sent(alice) == [MONDAY] and _practice_sent(bob) == []


def test_at_their_time_once_a_day_and_at_most_twice_a_week(dana, alice, connected):
    _prefs(alice)
    _assign(dana, connected[0])
    assert reminders.reminders_send_due(now=at(0, 8, 59)) == 0  # before her 09:00
    sent = [reminders.reminders_send_due(now=at(day, hour)) for day in range(7) for hour in (9, 20)]
    assert sum(sent) == 2
    # Monday, then Thursday (three days on) while still not done; never a third.
    assert _practice_sent(alice) == [MONDAY, MONDAY + dt.timedelta(days=3)]
    # A new week with nothing assigned: nothing.
    assert reminders.reminders_send_due(now=at(7, 10)) == 0


def test_practice_set_mid_week_is_reminded_that_day(dana, alice, connected):
    _prefs(alice)
    assert reminders.reminders_send_due(now=at(1, 10)) == 0
    _assign(dana, connected[0])
    assert reminders.reminders_send_due(now=at(2, 10)) == 1
    assert reminders.reminders_send_due(now=at(4, 10)) == 0  # only two days on
    assert reminders.reminders_send_due(now=at(5, 10)) == 1
    assert reminders.reminders_send_due(now=at(6, 10)) == 0


def test_done_practice_stops_it_for_that_person_only(dana, alice, bob, connected):
    _prefs(alice)
    _prefs(bob)
    made = _assign(dana, connected[0])
    services.progress_done(user=alice, assignment_id=made.pk)
    assert reminders.reminders_send_due(now=at(0, 10)) == 1
    assert _practice_sent(alice) == [] and _practice_sent(bob) == [MONDAY]
    services.progress_done(user=bob, assignment_id=made.pk)
    assert reminders.reminders_send_due(now=at(3, 10)) == 0


def test_a_withdrawn_connection_or_assignment_stops_it(dana, alice, bob, connected):
    _prefs(alice)
    _prefs(bob)
    made = _assign(dana, connected[0])
    services.connection_withdraw(user=bob, connection_id=connected[1].pk)
    assert reminders.reminders_send_due(now=at(0, 10)) == 1
    assert _practice_sent(bob) == []
    services.assignment_withdraw(counsellor=dana, assignment_id=made.pk)
    assert reminders.reminders_send_due(now=at(3, 10)) == 0
    assert _practice_sent(alice) == [MONDAY]


def test_a_paused_bond_gets_no_practice_reminders(dana, alice, bob, connected):
    from heard.safety.services import screening_submit

    _prefs(alice)
    _prefs(bob)
    _assign(dana, connected[0])
    screening_submit(user=alice, bond=connected[0].bond, answers={"afraid": True})
    assert reminders.reminders_send_due(now=at(0, 10)) == 0


def test_quiet_hours_hold_it_back(dana, alice, connected):
    _prefs(alice, daily_time=dt.time(6, 0), quiet_start=dt.time(22, 0), quiet_end=dt.time(8, 0))
    _assign(dana, connected[0])
    assert reminders.reminders_send_due(now=at(0, 7)) == 0
    assert reminders.reminders_send_due(now=at(0, 23)) == 0
    assert reminders.reminders_send_due(now=at(1, 3)) == 0
    assert reminders.reminders_send_due(now=at(1, 8)) == 1


def test_no_reminder_carries_the_note_the_habit_or_the_word_counsellor(
    dana, alice, bob, connected, raw_database_text
):
    for person in (alice, bob):
        _prefs(person)
    _assign(dana, connected[0], note=f"note {CANARY}", habit=f"habit {CANARY}")
    assert reminders.reminders_send_due(now=at(0, 10)) == 2
    outputs = [m.subject + m.body + str(m.extra_headers) for m in mail.outbox]
    outputs += list(Notice.objects.values_list("text", flat=True))
    assert len(mail.outbox) == 2 and outputs
    assert all(CANARY not in text for text in outputs)
    # A lock screen or a shared inbox doesn't learn that someone sees a counsellor.
    assert all("counsel" not in text.lower() for text in outputs)
    assert all("small practice" in m.body for m in mail.outbox)
    assert CANARY not in raw_database_text()  # the note and habit are encrypted at rest


def test_the_unsubscribe_link_stops_practice_reminders(dana, alice, connected):
    _prefs(alice)
    _assign(dana, connected[0])
    reminders.reminders_send_due(now=at(0, 10))
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + url.split("/", 3)[-1]
    assert url in message.body
    assert Client(enforce_csrf_checks=True).post(path).status_code == 200
    prefs = ReminderSettings.objects.get(user=alice)
    assert prefs.practice is False and prefs.email is True  # only that kind stopped
    assert reminders.reminders_send_due(now=at(3, 10)) == 0


def test_the_settings_page_and_api_offer_it_to_clients(
    dana, alice, carol, connected, alice_client, carol_client
):
    page = reverse("quality:reminders")
    assert "Practice from my counsellor" in alice_client.get(page).content.decode()
    assert "Practice from my counsellor" not in carol_client.get(page).content.decode()
    response = alice_client.post(page, {"practice": "on", "daily_time": "08:30"})
    assert response.status_code == 302
    prefs = ReminderSettings.objects.get(user=alice)
    assert prefs.practice and prefs.daily_time == dt.time(8, 30)
    assert alice_client.get("/api/v1/quality/reminders").json()["practice"] is True
    body = {"practice": False, "daily": True}
    assert alice_client.put("/api/v1/quality/reminders", body, content_type="application/json").status_code == 200  # fmt: skip
    prefs.refresh_from_db()
    assert prefs.practice is False and prefs.daily is True
