"""The JSON API: every action, the reveal rule, the safety gate, and clear 4xx errors."""

from __future__ import annotations

import json

import pytest

from heard.prompts.models import Answer
from heard.safety.services import screening_submit

pytestmark = pytest.mark.django_db


def _post(client, url, payload=None, method="post"):
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


def _today(client, bond):
    response = client.get(f"/api/v1/prompts/today?bond_id={bond.pk}")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_whole_exchange_through_the_api(ready_bond, alice_client, bob_client):
    today = _today(alice_client, ready_bond)
    assert today["depth"]["current"] == 1 and today["exchange"]["status"] == "ready"
    ex = today["exchange"]["id"]
    base = f"/api/v1/prompts/exchanges/{ex}"
    assert _today(bob_client, ready_bond)["exchange"]["id"] == ex
    swapped = _post(bob_client, base + "/swap").json()
    assert swapped["prompt"]["id"] != today["exchange"]["prompt"]["id"]
    assert swapped["swaps_left"] == 1
    draft = _post(alice_client, base + "/draft", {"text": "api-draft"}, "put").json()
    assert draft["shared"] is False and draft["exchange"]["mine"]["submitted"] is False
    sent = _post(alice_client, base + "/submit", {"text": "api-alice"}).json()
    assert sent["shared"] is True and sent["exchange"]["status"] == "waiting"
    theirs = bob_client.get(base).json()["theirs"]
    assert theirs == {
        "answered": True,
        "skipped": False,
        "text": None,
        "private": False,
        "my_reactions": [],
    }
    done = _post(bob_client, base + "/submit", {"text": "api-bob"}).json()["exchange"]
    assert done["status"] == "revealed" and done["theirs"]["text"] == "api-alice"
    assert _post(alice_client, base + "/react", {"kind": "heart"}).json()["theirs"][
        "my_reactions"
    ] == ["heart"]
    replied = _post(bob_client, base + "/replies", {"text": "api-reply"})
    assert replied.status_code == 201
    assert alice_client.get(base).json()["replies"][0]["text"] == "api-reply"
    history = alice_client.get(f"/api/v1/prompts/history?bond_id={ready_bond.pk}").json()
    assert history["count"] == 1 and history["items"][0]["theirs"]["text"] == "api-bob"
    found = alice_client.post(
        "/api/v1/prompts/history/search",
        {"bond_id": ready_bond.pk, "q": "nothing"},
        content_type="application/json",
    )
    assert found.json()["count"] == 0
    exported = alice_client.get(f"/api/v1/prompts/export?bond_id={ready_bond.pk}").json()
    assert exported["exchanges"][0]["mine"]["text"] == "api-alice"


def test_not_today_and_depth_through_the_api(ready_bond, alice_client):
    ex = _today(alice_client, ready_bond)["exchange"]["id"]
    skipped = _post(alice_client, f"/api/v1/prompts/exchanges/{ex}/not-today").json()
    assert skipped["i_skipped"] is True and skipped["status"] == "skipped"
    depth = _post(alice_client, "/api/v1/prompts/depth", {"bond_id": ready_bond.pk, "depth": 2})
    assert depth.json()["mine"] == 2 and depth.json()["current"] == 1


def test_a_risky_answer_is_held_and_only_the_writer_hears_about_it(
    ready_bond, alice_client, bob_client
):
    ex = _today(alice_client, ready_bond)["exchange"]["id"]
    base = f"/api/v1/prompts/exchanges/{ex}"
    held = _post(alice_client, base + "/submit", {"text": "I want to kill myself."}).json()
    assert held["shared"] is False
    assert held["safety"] == {"label": "self_harm", "resources_url": "/help/"}
    bob_view = bob_client.get(base).json()
    assert bob_view["theirs"]["answered"] is False and "safety" not in json.dumps(bob_view)
    shared = _post(
        alice_client, base + "/submit", {"text": "I want to kill myself.", "share_anyway": True}
    ).json()
    assert shared["shared"] is True


@pytest.mark.parametrize(
    ("method", "path", "payload", "status", "detail"),
    [
        ("post", "/submit", {"text": ""}, 422, "spaces alone"),
        ("post", "/submit", {"text": "z" * 5001}, 422, "at most 5000"),
        ("post", "/submit", {}, 422, "text"),
        ("post", "/submit", {"text": 5}, 422, "text"),
        ("put", "/draft", {"text": "z" * 30000}, 422, "text"),
        ("post", "/react", {"kind": "confetti"}, 422, "kind"),
        ("post", "/react", {"kind": "heart"}, 409, "both shared"),
        ("post", "/replies", {"text": "too soon"}, 409, "both shared"),
        ("post", "/replies/999/share", None, 404, "doesn't exist"),
    ],
)
def test_bad_input_gets_a_clear_4xx(
    ready_bond, alice_client, method, path, payload, status, detail
):
    ex = _today(alice_client, ready_bond)["exchange"]["id"]
    response = _post(alice_client, f"/api/v1/prompts/exchanges/{ex}{path}", payload, method)
    assert response.status_code == status
    assert detail in response.json()["detail"]
    assert not Answer.objects.filter(submitted_at__isnull=False).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/prompts/today",
        "/api/v1/prompts/today?bond_id=abc",
        "/api/v1/prompts/today?bond_id=0",
        "/api/v1/prompts/history?bond_id=1&page=0",
        "/api/v1/prompts/today?bond_id=99999999999999999999",
    ],
)
def test_bad_query_strings_get_a_4xx(ready_bond, alice_client, url):
    assert 400 <= alice_client.get(url).status_code < 500


def test_the_api_asks_for_the_screening_first_and_respects_a_pause(bond, alice, bob, alice_client):
    response = alice_client.get(f"/api/v1/prompts/today?bond_id={bond.pk}")
    assert response.status_code == 409
    assert response.json()["detail"] == "Please answer the short private safety question first."
    assert response.json()["screening_url"] == f"/safety/screening/{bond.pk}/"
    screening_submit(user=alice, bond=bond, answers={})
    screening_submit(user=bob, bond=bond, answers={"afraid": True})
    response = alice_client.get(f"/api/v1/prompts/today?bond_id={bond.pk}")
    assert response.status_code == 409
    assert response.json() == {"detail": "Shared exercises for this bond are paused for now."}
