"""The Learn pages: the list by topic and the suggested path, reading a lesson and marking it
read (private), Today's short read, the count on Progress, and context links on features."""

from __future__ import annotations

import pytest

from heard.learn import selectors, services
from heard.learn.content import lessons, suggested_path
from heard.learn.models import LessonRead

pytestmark = pytest.mark.django_db


def test_it_lists_every_lesson_by_topic_with_the_suggested_path(alice_client):
    html = alice_client.get("/learn/").content.decode()
    assert "If you're new, start here" in html
    for lesson in lessons():
        assert f'href="/learn/{lesson.id}/"' in html
    for name in ["The basics", "What gets in the way", "Skills to practise", "The long view"]:
        assert name in html
    for exercise in ["Name the fear", "Support and self-care", "Say what I need"]:
        assert exercise in html


def test_a_lesson_page_shows_the_lesson_its_practice_and_a_read_button(alice_client):
    html = alice_client.get("/learn/listening/").content.decode()
    assert '<h1 id="lesson-title">Listening in three steps</h1>' in html
    assert "<h2>1. Mirror</h2>" in html
    assert "One small practice" in html and "data-practice" in html
    assert "Mark as read" in html


def test_an_unknown_lesson_is_a_404(alice_client):
    assert alice_client.get("/learn/nope/").status_code == 404
    assert alice_client.post("/learn/nope/read/").status_code == 404


def test_marking_read_is_kept_once_and_can_be_undone(alice, alice_client):
    alice_client.post("/learn/listening/read/")
    alice_client.post("/learn/listening/read/")
    assert LessonRead.objects.filter(user=alice, lesson_id="listening").count() == 1
    assert "You've read this" in alice_client.get("/learn/listening/").content.decode()
    alice_client.post("/learn/listening/read/", {"read": "no"})
    assert not LessonRead.objects.filter(user=alice).exists()


def test_read_marks_are_private(alice, alice_client, bob_client, ready_bond):
    services.lesson_mark_read(user=alice, lesson_id="listening")
    assert "· read" in alice_client.get("/learn/").content.decode()
    assert "You've read this" not in bob_client.get("/learn/listening/").content.decode()
    assert "· read" not in bob_client.get("/learn/").content.decode()
    assert "data-lessons-read" not in bob_client.get("/progress/").content.decode()


def test_today_offers_the_next_unread_lesson_on_the_path(alice, alice_client):
    first, second = suggested_path()[:2]
    html = alice_client.get("/").content.decode()
    assert f"A {first.minutes}-minute read" in html and f'href="/learn/{first.id}/"' in html
    services.lesson_mark_read(user=alice, lesson_id=first.id)
    html = alice_client.get("/").content.decode()
    assert f'href="/learn/{second.id}/"' in html and f'href="/learn/{first.id}/"' not in html


def test_today_stops_offering_when_everything_is_read(alice, alice_client):
    for lesson in lessons():
        services.lesson_mark_read(user=alice, lesson_id=lesson.id)
    assert selectors.next_lesson(user=alice) is None
    assert "-minute read" not in alice_client.get("/").content.decode()


def test_progress_shows_a_small_count_and_never_a_streak(alice, alice_client):
    assert "data-lessons-read" not in alice_client.get("/progress/").content.decode()
    services.lesson_mark_read(user=alice, lesson_id="listening")
    services.lesson_mark_read(user=alice, lesson_id="trust")
    html = alice_client.get("/progress/").content.decode()
    assert f"You've read 2 of {len(lessons())} lessons." in html
    assert "streak" not in html.lower()


def test_the_footer_links_to_learn(alice_client):
    assert 'href="/learn/"' in alice_client.get("/help/").content.decode()


def test_the_dialogue_mirror_step_links_to_the_listening_lesson(
    alice, bob, ready_bond, login_client
):
    from heard.dialogue import services as dialogue
    from heard.dialogue.tests.helpers import to_state

    started = dialogue.dialogue_start(bond=ready_bond, starter=alice, other=bob, mode="apart")
    to_state(started, "mirroring")
    html = login_client(bob).get(f"/talk/d/{started.pk}/").content.decode()
    assert "1. Mirror" in html
    assert 'Why this helps: <a href="/learn/listening/">Listening in three steps</a>' in html


def test_the_screening_result_links_the_reporter_to_the_trauma_and_help_lessons(
    alice, bob, bond, alice_client, bob_client
):
    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=bond, answers={"afraid": True})
    html = alice_client.get(f"/safety/paused/{bond.pk}/").content.decode()
    assert 'href="/learn/past-hurts/"' in html and 'href="/learn/getting-help/"' in html
    # The other person sees only that exercises are paused: no hint of why.
    other = bob_client.get(f"/safety/paused/{bond.pk}/").content.decode()
    assert "/learn/past-hurts/" not in other


def test_every_why_this_helps_link_names_a_lesson_that_exists():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    ids = {x.id for x in lessons()}
    used = []
    for template in root.rglob("*.html"):
        for args in re.findall(r"{% why_this_helps ([^%]+)%}", template.read_text()):
            used += re.findall(r'"([^"]+)"', args)
    assert len(used) >= 8
    assert set(used) <= ids, set(used) - ids


@pytest.mark.parametrize(
    ("page", "lesson_id"),
    [
        ("/checkup/checkin/", "authenticity"),
        ("/prompts/{bond}/", "vulnerability"),
        ("/talk/start/{bond}/", "listening"),
        ("/together/time/", "quality-time"),
        ("/together/time/ideas/", "quality-time"),
        ("/talk/say-it/", "without-blame"),
        ("/talk/practice/", "listening"),
        ("/checkup/appreciation/", "appreciation"),
        ("/checkup/love-languages/", "love-languages"),
        ("/checkup/", "what-is-emotional-intimacy"),
        ("/prompts/{bond}/depth/", "start-small"),
        ("/talk/comfort/send/{bond}/", "soothing"),
    ],
)
def test_each_feature_links_to_the_lesson_on_why_it_helps(
    page, lesson_id, alice_client, ready_bond
):
    # With one bond some pages go straight to it: the link must be there too.
    response = alice_client.get(page.format(bond=ready_bond.pk), follow=True)
    assert response.status_code == 200, page
    html = response.content.decode()
    assert "Why this helps:" in html, page
    assert f'href="/learn/{lesson_id}/"' in html, page
