"""The dialogue pages: every step as a plain form, drafts that survive a reload, the live
status, hand-over screens in together mode, the safety gate and the crisis choice."""

from __future__ import annotations

import pytest

from heard.dialogue import selectors
from heard.dialogue.models import Dialogue, Turn
from heard.dialogue.tests.helpers import EMPATHIZE, MIRROR, SHARE, VALIDATE, to_state
from heard.safety.services import screening_submit

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def url(d, action=""):
    return f"/talk/d/{d.pk}/" + (f"{action}/" if action else "")


def test_it_starts_a_dialogue_from_the_bond(alice_client, screened, bob):
    page = alice_client.get(f"/talk/start/{screened.pk}/")
    assert "Who speaks first?" in page.content.decode()
    response = alice_client.post(f"/talk/start/{screened.pk}/", {"mode": "apart", "first": "them"})
    d = Dialogue.objects.get()
    assert response.url == url(d)
    assert (d.speaker, d.mode) == (bob, "apart")
    # A second start goes to the open dialogue instead.
    assert alice_client.get(f"/talk/start/{screened.pk}/").url == url(d)


def test_it_refuses_a_bad_start_form_and_keeps_the_page(alice_client, screened):
    response = alice_client.post(f"/talk/start/{screened.pk}/", {"mode": "shouting"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_safety_question_comes_before_a_dialogue(alice_client, bond):
    response = alice_client.get(f"/talk/start/{bond.pk}/")
    assert response.status_code == 302
    assert f"/safety/screening/{bond.pk}/" in response.url


def test_a_paused_bond_shows_the_neutral_page(alice_client, bob_client, dialogue, screened, bob):
    screening_submit(user=bob, bond=screened, answers={"afraid": True})
    response = alice_client.get(url(dialogue))
    assert response.status_code == 302 and "paused" in response.url
    # htmx polls are sent away too, without swapping anything in.
    poll = alice_client.get(url(dialogue, "status"), **HX)
    assert poll.status_code == 204 and "paused" in poll["HX-Redirect"]


def test_a_full_round_through_the_forms(alice_client, bob_client, dialogue):
    d = dialogue
    assert alice_client.post(url(d, "need"), {"need": "listen"}).status_code == 302
    assert alice_client.post(url(d, "share"), {"text": SHARE, "do": "send"}).status_code == 302
    page = bob_client.get(url(d)).content.decode()
    assert SHARE in page and "1. Mirror" in page and "asked for: <strong>to be heard" in page
    assert bob_client.post(url(d, "mirror"), {"text": MIRROR}).status_code == 302
    assert "Did bob get it?" in alice_client.get(url(d)).content.decode()
    assert alice_client.post(url(d, "confirm")).status_code == 302
    assert bob_client.post(url(d, "validate"), {"text": VALIDATE}).status_code == 302
    assert bob_client.post(url(d, "empathize"), {"text": EMPATHIZE}).status_code == 302
    assert "how heard did you feel" in alice_client.get(url(d)).content.decode().lower()
    response = alice_client.post(url(d, "rate"), {"felt_heard": "5", "what_helped": "The mirror."})
    assert response.status_code == 302
    done = bob_client.get(url(d)).content.decode()
    assert "alice felt heard: <strong>5 out of 5" in done and "The mirror." in done
    assert bob_client.post(url(d, "swap")).status_code == 302
    d.refresh_from_db()
    assert d.speaker.username == "bob" and d.round == 2
    assert Turn.objects.get(step="mirror").coach_summary.get("labels") is not None


def test_drafts_survive_a_reload(alice_client, dialogue, alice):
    d = to_state(dialogue, "sharing")
    response = alice_client.post(url(d, "draft"), {"text": "Half of what I want to say"}, **HX)
    assert response.status_code == 200 and "Draft saved" in response.content.decode()
    page = alice_client.get(url(d)).content.decode()
    assert ">Half of what I want to say</textarea>" in page


def test_drafts_survive_without_javascript_too(bob_client, dialogue):
    d = to_state(dialogue, "mirroring")
    response = bob_client.post(url(d, "mirror"), {"text": "What I heard is", "do": "save"})
    assert response.status_code == 200
    assert "Saved as your draft" in response.content.decode()
    assert ">What I heard is</textarea>" in bob_client.get(url(d)).content.decode()


def test_the_no_javascript_coach_button_shows_feedback(bob_client, dialogue):
    d = to_state(dialogue, "mirroring")
    response = bob_client.post(url(d, "mirror"), {"text": MIRROR, "do": "feedback"})
    html = response.content.decode()
    assert response.status_code == 200 and "data-coach" in html
    assert 'data-coach-label="reflection"' in html
    assert not Turn.objects.filter(step="mirror").exists()


def test_an_out_of_turn_post_keeps_the_text_and_explains(bob_client, dialogue, bob):
    d = to_state(dialogue, "sharing")
    response = bob_client.post(url(d, "share"), {"text": "My side of it", "do": "send"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "It&#x27;s alice&#x27;s turn to share" in html
    assert selectors.draft_for(dialogue=d, author=bob).text == "My side of it"


def test_an_empty_send_is_refused_kindly(alice_client, dialogue):
    d = to_state(dialogue, "sharing")
    response = alice_client.post(url(d, "share"), {"text": "  ", "do": "send"})
    assert response.status_code == 400
    assert "Write what&#x27;s on your mind first." in response.content.decode()


def test_an_unknown_action_is_a_400_not_a_500(alice_client, dialogue):
    assert alice_client.post(url(dialogue, "shout")).status_code == 400
    assert alice_client.get(url(dialogue, "share")).status_code == 405


def test_a_bad_rating_is_refused(alice_client, dialogue):
    d = to_state(dialogue, "rating")
    response = alice_client.post(url(d, "rate"), {"felt_heard": "9"})
    assert response.status_code == 400
    assert "from 1 (not much) to 5" in response.content.decode()


def test_a_risky_share_asks_the_writer_first(alice_client, bob_client, dialogue, alice):
    d = to_state(dialogue, "sharing")
    risky = "Honestly I want to end it all tonight."
    response = alice_client.post(url(d, "share"), {"text": risky, "do": "send"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-crisis-panel" in html and "Share it anyway" in html and "Get help first" in html
    assert not Turn.objects.exists()
    assert risky not in bob_client.get(url(d)).content.decode()
    alice_client.post(url(d, "share"), {"text": risky, "do": "send", "share_anyway": "1"})
    assert Turn.objects.get().text == risky
    assert "data-crisis-panel" not in bob_client.get(url(d)).content.decode()


def test_the_status_shows_who_is_typing_and_swaps_in_changes(alice_client, bob_client, dialogue):
    d = to_state(dialogue, "sharing")
    v = d.version
    waiting = bob_client.get(url(d, "status") + f"?v={v}", **HX).content.decode()
    assert "Waiting for alice to share." in waiting and "hx-swap-oob" not in waiting
    alice_client.post(url(d, "draft"), {"text": "I"}, **HX)
    assert "alice is typing…" in bob_client.get(url(d, "status") + f"?v={v}", **HX).content.decode()
    alice_client.post(url(d, "share"), {"text": SHARE, "do": "send"})
    changed = bob_client.get(url(d, "status") + f"?v={v}", **HX).content.decode()
    assert "Your turn to say back what you heard." in changed
    assert 'id="dialogue-main" hx-swap-oob="true"' in changed and SHARE in changed


def test_together_mode_shows_hand_over_screens(alice_client, together):
    d = together
    alice_client.post(url(d, "need"), {"need": "comfort"})
    alice_client.post(url(d, "share"), {"text": SHARE, "do": "send"})
    page = alice_client.get(url(d)).content.decode()
    assert "Pass the device to bob" in page and "1. Mirror" not in page
    alice_client.post(url(d, "handover"))
    page = alice_client.get(url(d)).content.decode()
    assert "Pass the device to" not in page and "1. Mirror" in page
    alice_client.post(url(d, "mirror"), {"text": MIRROR})
    assert "Pass the device to alice" in alice_client.get(url(d)).content.decode()


def test_pause_and_resume(alice_client, bob_client, dialogue):
    d = to_state(dialogue, "sharing")
    bob_client.post(url(d, "pause"))
    page = alice_client.get(url(d)).content.decode()
    assert "This dialogue is paused" in page and "What's on your mind?" not in page
    alice_client.post(url(d, "resume"))
    assert "What's on your mind?" in alice_client.get(url(d)).content.decode()


def test_your_turn_and_the_dialogue_show_on_today_talk_and_the_bond(
    alice_client, bob_client, dialogue, screened
):
    to_state(dialogue, "mirroring")
    assert "Your turn in the listening dialogue with alice" in bob_client.get("/").content.decode()
    talk = alice_client.get("/talk/").content.decode()
    assert "Carry on with bob" in talk and "Practise listening" in talk
    assert "Say it without blame" in talk
    bond_page = alice_client.get(f"/together/{screened.pk}/").content.decode()
    assert url(dialogue) in bond_page and "I could use some support" in bond_page


def test_dialogue_pages_keep_the_page_promises(alice_client, dialogue):
    response = alice_client.get(url(dialogue))
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "<script>" not in html and 'src="/static/heard/dialogue.js"' in html


def test_only_the_listener_is_asked_to_hold_back_on_advice(alice_client, bob_client, dialogue):
    d = to_state(dialogue, "mirroring")
    assert "Hold back on advice" not in alice_client.get(url(d)).content.decode()
    assert "Hold back on advice" in bob_client.get(url(d)).content.decode()


def test_the_listener_offers_ideas_when_they_were_asked_for(alice_client, bob_client, dialogue):
    d = to_state(dialogue, "empathizing", need="ideas")
    assert "Ideas come last" in bob_client.get(url(d)).content.decode()
    bob_client.post(url(d, "empathize"), {"text": EMPATHIZE})
    page = bob_client.get(url(d)).content.decode()
    assert "4. Ideas: offer one or two" in page
    bob_client.post(url(d, "ideas"), {"text": "One thing that might help is a walk."})
    d.refresh_from_db()
    assert d.state == "rating"
    assert "a walk" in alice_client.get(url(d)).content.decode()


def test_either_person_can_end_mid_round(alice_client, bob_client, dialogue):
    d = to_state(dialogue, "mirroring")
    assert "End the dialogue now" in alice_client.get(url(d)).content.decode()
    response = alice_client.post(url(d, "end"))
    assert response.status_code == 302
    page = bob_client.get(url(d)).content.decode()
    assert "This dialogue has ended" in page and "alice ended it" in page
    assert "Swap roles" not in page and "End the dialogue now" not in page


def test_a_beacon_save_is_quiet(bob_client, dialogue):
    d = to_state(dialogue, "mirroring")
    response = bob_client.post(url(d, "draft"), {"text": MIRROR, "beacon": "1"})
    assert response.status_code == 204
    page = bob_client.get(url(d)).content.decode()
    assert "Saved as your draft" not in page and MIRROR in page


@pytest.mark.parametrize("state", ["mirroring", "confirming"])
def test_the_listener_can_end_mid_round_on_their_turn_or_not(
    alice_client, bob_client, dialogue, state
):
    d = to_state(dialogue, state)
    assert "End the dialogue now" in bob_client.get(url(d)).content.decode()
    assert bob_client.post(url(d, "end")).status_code == 302
    d.refresh_from_db()
    assert d.state == "done" and d.ended_by.username == "bob"
    assert "bob ended it" in alice_client.get(url(d)).content.decode()
