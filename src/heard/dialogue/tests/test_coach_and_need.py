"""The coach in the dialogue and at POST /api/v1/coach: the speaker's need changes what is
flagged, and the endpoint is switched off, rate limited and strict about input."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from heard.dialogue.coaching import COACH_LIMIT_PER_MINUTE
from heard.dialogue.tests.helpers import ADVICE, MIRROR, to_state

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def post_json(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("need, flagged", [("listen", True), ("comfort", True), ("ideas", False)])
def test_the_need_changes_what_the_coach_flags_in_the_page(bob_client, dialogue, need, flagged):
    d = to_state(dialogue, "mirroring", need=need)
    html = bob_client.post(f"/talk/d/{d.pk}/draft/", {"text": ADVICE}, **HX).content.decode()
    assert "data-coach" in html
    habit = 'class="coach-try" data-coach-label="advice"'
    strength = 'class="coach-strength" data-coach-label="advice"'
    assert (habit in html) is flagged
    assert (strength in html) is not flagged


@pytest.mark.parametrize("need, flagged", [("listen", True), ("ideas", False)])
def test_the_need_changes_what_the_coach_flags_in_the_api(bob_client, dialogue, need, flagged):
    d = to_state(dialogue, "mirroring", need=need)
    body = post_json(bob_client, f"/api/v1/dialogues/{d.pk}/feedback", {"text": ADVICE}).json()
    assert body["step"] == "mirror"
    assert ((body["try_this"] or {}).get("label") == "advice") is flagged
    assert any(s["label"] == "advice" for s in body["strengths"]) is not flagged


def test_a_good_mirror_is_praised_for_the_step(bob_client, dialogue):
    d = to_state(dialogue, "mirroring")
    body = post_json(bob_client, f"/api/v1/dialogues/{d.pk}/feedback", {"text": MIRROR}).json()
    assert body["on_step"] and body["strengths"][0]["label"] in {"reflection", "feeling"}
    assert body["step_note"]


def test_the_coach_endpoint_returns_the_feedback(alice_client):
    # Plain advice with nothing hurtful in it ("you should just ... next time" also reads as
    # blame, and a reply that hurts gets no praise whatever the need).
    idea = "You could ask your manager for a meeting about it."
    listen = post_json(alice_client, "/api/v1/coach", {"reply": idea, "need": "listen"})
    ideas = post_json(alice_client, "/api/v1/coach", {"reply": idea, "need": "ideas"})
    assert listen.status_code == ideas.status_code == 200
    kinds = {m["label"]: m["kind"] for m in listen.json()["feedback"]}
    assert kinds["advice"] == "habit"
    assert {m["label"]: m["kind"] for m in ideas.json()["feedback"]}["advice"] == "strength"
    assert set(listen.json()) == {"primary", "labels", "scores", "score", "feedback", "notes"}


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"reply": "   "}, 422, "spaces alone"),
        ({"reply": "I hear you", "need": "lecture"}, 422, "need"),
        ({}, 422, "reply"),
        ({"reply": 12}, 422, "reply"),
        ({"reply": "x" * 20001}, 422, "reply"),
    ],
)
def test_the_coach_endpoint_refuses_bad_input_clearly(alice_client, body, status, words):
    response = post_json(alice_client, "/api/v1/coach", body)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_the_coach_can_be_switched_off(alice_client, bob_client, dialogue, settings):
    settings.COACH_ENABLED = False
    response = post_json(alice_client, "/api/v1/coach", {"reply": "I hear you"})
    assert response.status_code == 503
    assert response.json() == {"detail": "The coach is switched off on this server."}
    d = to_state(dialogue, "mirroring")
    html = bob_client.post(f"/talk/d/{d.pk}/draft/", {"text": ADVICE}, **HX).content.decode()
    assert "switched off" in html and "Draft saved" in html
    # Sending never depends on the coach.
    sent = post_json(bob_client, f"/api/v1/dialogues/{d.pk}/mirror", {"text": MIRROR})
    assert sent.status_code == 200 and sent.json()["sent"]


def test_the_coach_is_rate_limited_per_person(alice_client, bob_client):
    for _ in range(COACH_LIMIT_PER_MINUTE):
        assert post_json(alice_client, "/api/v1/coach", {"reply": "ok"}).status_code == 200
    limited = post_json(alice_client, "/api/v1/coach", {"reply": "ok"})
    assert limited.status_code == 429 and "breather" in limited.json()["detail"]
    assert post_json(bob_client, "/api/v1/coach", {"reply": "ok"}).status_code == 200


def test_the_coach_needs_a_login(client):
    assert post_json(client, "/api/v1/coach", {"reply": "ok"}).status_code == 401
