import datetime

import pytest

from heard.checkup import services
from heard.core import progress as core_progress
from heard.daily import services as daily_services
from heard.daily.models import CheckIn
from heard.progress.models import Milestone
from heard.progress.selectors import weekly_rhythm

from .conftest import all_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_activity():
    """Stand-ins for the series the prompts and dialogue apps register."""
    saved = dict(core_progress.SERIES)
    today = datetime.date.today()
    values = {
        "exchanges_answered": [(today, 2.0)],
        "depth": [(today - datetime.timedelta(days=3), 1.0), (today, 2.0)],
        "dialogues_done": [(today, 1.0)],
        "felt_heard": [(today - datetime.timedelta(days=i), 5.0) for i in range(10)],
    }
    for name, points in values.items():
        core_progress.register_series(name, name)(lambda *, user, bond=None, p=points: p)
    yield
    core_progress.SERIES.clear()
    core_progress.SERIES.update(saved)


def test_the_progress_page_shows_focus_rhythm_charts_and_milestones(alice_client, alice, bond):
    services.checkup_submit(user=alice, bond=bond, answers=all_answers(value=2), closeness=3)
    daily_services.checkin_submit(user=alice, feeling="calm", ratings={bond.pk: 7})
    html = alice_client.get("/progress/").content.decode()
    assert "This week's focus" in html
    assert "This week you checked in on 1 day" in html
    assert html.count('role="img"') >= 4
    assert "How connected you each felt with bob" in html
    assert "Your first check-in" in html


def test_a_focus_links_to_its_practice(alice_client, alice, bond):
    answers = {i: 5 for i in all_answers()}
    for item in [k for k in answers if k.startswith("time-")]:
        answers[item] = 5  # time is a roadblock: agreeing strongly makes it the focus
    for key in [k for k in answers if not k.startswith("time-")]:
        answers[key] = 3
    services.checkup_submit(user=alice, bond=bond, answers=answers)
    data = alice_client.get("/api/v1/checkup/focus").json()
    assert data["target"] == "quality_time" and data["url"] == "/together/"
    assert data["reason"]


def test_without_a_check_up_the_focus_starts_small(alice_client):
    data = alice_client.get("/api/v1/checkup/focus").json()
    assert data["kind"] == "no_scores" and data["based_on_checkup_id"] is None


def test_milestones_are_celebrated_once(alice_client, alice, bond, fake_activity):
    daily_services.checkin_submit(user=alice, feeling="calm", ratings={})
    first = alice_client.get("/").content.decode()
    assert "A moment worth noticing" in first
    assert "Your first depth-2 exchange" in first
    assert "Ten listening rounds where you felt heard" in first
    assert "A moment worth noticing" not in alice_client.get("/").content.decode()
    assert "A moment worth noticing" not in alice_client.get("/progress/").content.decode()
    keys = set(Milestone.objects.filter(user=alice).values_list("key", flat=True))
    assert {"first_checkin", "first_depth_2", "first_dialogue", "ten_felt_heard"} <= keys
    # Still listed among the moments so far.
    assert "Your first depth-2 exchange" in alice_client.get("/progress/").content.decode()


def test_felt_heard_counts_ratings_of_four_or_five_not_their_sum(alice):
    from heard.progress.selectors import milestones_reached

    today = datetime.date.today()
    saved = dict(core_progress.SERIES)
    ratings = [(today, 5.0)] * 3 + [(today, 2.0)] * 10
    core_progress.register_series("felt_heard", "x")(lambda *, user, bond=None: ratings)
    try:
        assert "ten_felt_heard" not in milestones_reached(user=alice)
    finally:
        core_progress.SERIES.clear()
        core_progress.SERIES.update(saved)


def test_the_weekly_rhythm_counts_days_not_streaks(alice, fake_activity):
    today = datetime.date.today()
    for back in range(today.weekday() + 1):
        CheckIn.objects.create(
            user=alice, day=today - datetime.timedelta(days=back), feeling="calm"
        )
    CheckIn.objects.create(user=alice, day=today - datetime.timedelta(days=20), feeling="calm")
    rhythm = weekly_rhythm(user=alice)
    assert rhythm.checkin_days == today.weekday() + 1
    assert "streak" not in rhythm.sentence.lower()
    assert "answered 2 prompts" in rhythm.sentence


def test_a_quiet_week_is_not_a_failure(alice):
    sentence = weekly_rhythm(user=alice).sentence
    assert "A new week" in sentence and "missed" not in sentence


def test_charts_render_with_a_thousand_check_ins(alice_client, alice, bond):
    from heard.daily.models import ConnectionRating

    today = datetime.date.today()
    checkins = CheckIn.objects.bulk_create(
        CheckIn(user=alice, day=today - datetime.timedelta(days=i), feeling="calm")
        for i in range(1000)
    )
    ConnectionRating.objects.bulk_create(
        ConnectionRating(checkin=c, bond=bond, rating=(i % 10) + 1) for i, c in enumerate(checkins)
    )
    response = alice_client.get("/progress/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Each point covers" in html
    assert len(html) < 400_000
