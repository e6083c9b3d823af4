"""Practice alone: pick a scenario, reply, get feedback, then see example replies."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from heard.core.progress import SERIES, series_for
from heard.dialogue.content import scenario
from heard.dialogue.models import PracticeAttempt

pytestmark = pytest.mark.django_db
REPLY = "That sounds exhausting, and losing your evening on top of it is rough."


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def test_it_picks_a_scenario_matching_the_filters(alice_client):
    response = alice_client.get("/talk/practice/next/?relation=family&need=ideas")
    assert response.status_code == 302
    picked = scenario(response.url.split("/")[3])
    assert (picked.relation, picked.need) == ("family", "ideas")


def test_a_bad_filter_is_a_400(alice_client):
    assert alice_client.get("/talk/practice/next/?relation=boss").status_code == 400


def test_an_unknown_scenario_is_a_404(alice_client):
    assert alice_client.get("/talk/practice/nobody-99/").status_code == 404


def test_reply_then_feedback_then_examples(alice_client, alice):
    s = scenario("partner-01")
    before = alice_client.get("/talk/practice/partner-01/").content.decode()
    assert s.share in before and s.good_replies[0] not in before
    after = alice_client.post("/talk/practice/partner-01/", {"reply": REPLY}).content.decode()
    assert "data-coach" in after and s.good_replies[0] in after and s.watch_for in after
    attempt = PracticeAttempt.objects.get(user=alice)
    assert attempt.reply == REPLY and "feeling" in attempt.labels


def test_an_empty_reply_keeps_the_page(alice_client):
    response = alice_client.post("/talk/practice/partner-01/", {"reply": ""})
    assert response.status_code == 400
    assert "Write your reply first" in response.content.decode()


def test_live_feedback_saves_nothing(alice_client):
    html = alice_client.post(
        "/talk/practice/partner-02/feedback/", {"reply": "You should relax, it'll be fine."}
    ).content.decode()
    assert 'data-coach-label="advice"' in html or 'data-coach-label="invalidation"' in html
    assert not PracticeAttempt.objects.exists()


def test_skills_feed_the_progress_series(alice_client, alice):
    alice_client.post("/talk/practice/partner-01/", {"reply": REPLY})
    assert {"practice_skills", "dialogues_done", "felt_heard"} <= set(SERIES)
    [(week, count)] = series_for("practice_skills", user=alice)
    assert week.weekday() == 0 and count >= 1
    assert "Skills you've used" in alice_client.get("/talk/practice/").content.decode()


def test_practice_through_the_api(alice_client):
    listed = alice_client.get("/api/v1/practice/scenarios?relation=friend&need=comfort").json()
    assert listed and all(s["relation"] == "friend" for s in listed)
    assert "good_replies" not in listed[0]
    sid = listed[0]["id"]
    made = alice_client.post(
        f"/api/v1/practice/scenarios/{sid}/attempts",
        json.dumps({"reply": REPLY}),
        content_type="application/json",
    )
    assert made.status_code == 201
    assert made.json()["good_replies"] and made.json()["coach"]["labels"] is not None
    assert alice_client.get("/api/v1/practice/attempts").json()[0]["scenario_id"] == sid
    empty = alice_client.post(
        f"/api/v1/practice/scenarios/{sid}/attempts",
        json.dumps({"reply": " "}),
        content_type="application/json",
    )
    assert empty.status_code == 422 and "spaces alone" in empty.json()["detail"]
    assert alice_client.get("/api/v1/practice/scenarios/nope-01").status_code == 404
