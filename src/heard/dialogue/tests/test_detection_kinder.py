"""What a detection does: the writer can remove it, and on a shared screen (together mode) only
a discreet choice appears, with the full resources kept for the writer's own next visit."""

from __future__ import annotations

import pytest

from heard.dialogue.models import Turn
from heard.dialogue.tests.helpers import to_state
from heard.safety.models import SafetyEvent
from heard.safety.services import safety_check_text

RISKY = "Honestly I want to end it all tonight."
ABUSE = "He checks my phone every night and hits me when I go out without him."


def _url(d, action: str = "") -> str:
    return f"/talk/d/{d.pk}/{action + '/' if action else ''}"


@pytest.mark.django_db
def test_the_writer_can_remove_a_detection_from_their_record(alice, bob, alice_client, bob_client):
    safety_check_text(user=alice, text=RISKY, source="test")
    event = SafetyEvent.objects.get(user=alice)
    # Someone else cannot remove it (and learns nothing: the same redirect).
    bob_client.post(f"/safety/history/{event.pk}/delete/")
    assert SafetyEvent.objects.filter(pk=event.pk).exists()
    assert bob_client.delete(f"/api/v1/safety/events/{event.pk}").status_code == 404
    response = alice_client.post(f"/safety/history/{event.pk}/delete/")
    assert response.status_code == 302
    assert not SafetyEvent.objects.filter(pk=event.pk).exists()
    assert "Removed from your record" in alice_client.get("/safety/history/").content.decode()


@pytest.mark.django_db
def test_the_api_removes_a_detection(alice, alice_client):
    safety_check_text(user=alice, text=RISKY, source="test")
    event = SafetyEvent.objects.get(user=alice)
    assert alice_client.delete(f"/api/v1/safety/events/{event.pk}").status_code == 204
    assert alice_client.get("/api/v1/safety/events").json() == []
    assert alice_client.delete(f"/api/v1/safety/events/{event.pk}").status_code == 404


@pytest.mark.django_db
def test_together_mode_shows_a_discreet_choice_not_the_full_panel(alice, alice_client, together):
    d = to_state(together, "sharing")
    html = alice_client.post(_url(d, "share"), {"text": ABUSE, "do": "send"}).content.decode()
    assert "data-crisis-quiet" in html and "Keep this just for you" in html
    assert "data-crisis-panel" not in html
    assert "You deserve to be safe" not in html and "1-800-799-7233" not in html
    assert "Keep it private for now" in html  # the hold-back choice still stands
    assert not Turn.objects.exists()
    event = SafetyEvent.objects.get(user=alice)
    assert event.seen_in_full is False


@pytest.mark.django_db
def test_the_full_resources_wait_for_the_writers_next_visit(alice, login_client, together):
    safety_check_text(user=alice, text=ABUSE, source="dialogue_share", shared_screen=True)
    later = login_client(alice)  # a new login: the writer's own next visit
    today = later.get("/").content.decode()
    assert "data-crisis-panel" in today and "You deserve to be safe" in today
    assert SafetyEvent.objects.get(user=alice).seen_in_full is True
    assert "data-crisis-panel" not in later.get("/").content.decode()  # shown once


@pytest.mark.django_db
def test_the_waiting_panel_never_shows_in_the_same_login(alice, alice_client, together):
    d = to_state(together, "sharing")
    alice_client.post(_url(d, "share"), {"text": ABUSE, "do": "send"})
    assert "You deserve to be safe" not in alice_client.get("/").content.decode()
    help_page = alice_client.get("/help/").content.decode()
    assert help_page  # Help always lists the lines; opening it counts as seeing them
    assert SafetyEvent.objects.get(user=alice).seen_in_full is True


@pytest.mark.django_db
def test_apart_mode_still_shows_the_full_panel(alice_client, dialogue):
    d = to_state(dialogue, "sharing")
    html = alice_client.post(_url(d, "share"), {"text": RISKY, "do": "send"}).content.decode()
    assert "data-crisis-panel" in html and "data-crisis-quiet" not in html


@pytest.mark.django_db
def test_text_the_detector_cannot_read_still_gets_a_help_link(alice_client):
    spanish = "ya no quiero seguir viviendo, estoy muy cansada de todo y no sé qué hacer"
    page = alice_client.post("/talk/practice/partner-01/", {"reply": spanish}).content.decode()
    assert "data-crisis-unjudged" in page or "data-crisis-panel" in page
