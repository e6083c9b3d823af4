"""Every step of a dialogue through the JSON API, with the safety gate and clear 4xx answers."""

from __future__ import annotations

import json

import pytest

from heard.dialogue.tests.helpers import EMPATHIZE, MIRROR, SHARE, VALIDATE
from heard.safety.services import screening_submit

pytestmark = pytest.mark.django_db


def post(client, path, body=None):
    return client.post(f"/api/v1{path}", json.dumps(body or {}), content_type="application/json")


def test_a_client_can_drive_a_whole_dialogue(alice_client, bob_client, screened):
    created = post(alice_client, "/dialogues", {"bond_id": screened.pk, "mode": "apart"})
    assert created.status_code == 201
    d = created.json()
    assert (d["state"], d["your_role"], d["your_turn"]) == ("choosing_need", "speaker", True)
    base = f"/dialogues/{d['id']}"
    assert post(alice_client, f"{base}/need", {"need": "comfort"}).json()["state"] == "sharing"
    part = post(alice_client, f"{base}/share", {"text": "First part.", "more": True}).json()
    assert part["sent"] and part["dialogue"]["state"] == "sharing"
    assert post(alice_client, f"{base}/share", {"text": SHARE}).json()["dialogue"]["state"] == (
        "mirroring"
    )
    put = bob_client.put(
        f"/api/v1{base}/draft", json.dumps({"text": "It sounds"}), content_type="application/json"
    )
    assert put.status_code == 200 and put.json()["text"] == "It sounds"
    assert bob_client.get(f"/api/v1{base}").json()["my_draft"]["text"] == "It sounds"
    assert alice_client.get(f"/api/v1{base}").json()["other_typing"] is True
    mirrored = post(bob_client, f"{base}/mirror", {"text": MIRROR}).json()
    assert (
        mirrored["dialogue"]["state"] == "confirming" and mirrored["dialogue"]["my_draft"] is None
    )
    corrected = post(alice_client, f"{base}/correct", {"text": "And I felt alone."}).json()
    assert corrected["dialogue"]["state"] == "mirroring"
    post(bob_client, f"{base}/mirror", {"text": MIRROR})
    assert post(alice_client, f"{base}/confirm").json()["state"] == "validating"
    post(bob_client, f"{base}/validate", {"text": VALIDATE})
    post(bob_client, f"{base}/empathize", {"text": EMPATHIZE})
    rated = post(alice_client, f"{base}/rate", {"felt_heard": 5, "what_helped": "Being asked"})
    assert rated.json()["dialogue"]["last_rating"]["felt_heard"] == 5
    swapped = post(bob_client, f"{base}/swap").json()
    assert (swapped["speaker"], swapped["round"], swapped["your_role"]) == ("bob", 2, "speaker")
    assert post(bob_client, f"{base}/pause").json()["paused"] is True
    assert post(alice_client, f"{base}/resume").json()["paused"] is False
    listed = alice_client.get(f"/api/v1/dialogues?bond_id={screened.pk}").json()
    assert [x["id"] for x in listed] == [d["id"]]


def test_out_of_turn_and_out_of_order_steps_are_clear_4xx(alice_client, bob_client, screened):
    d = post(alice_client, "/dialogues", {"bond_id": screened.pk}).json()
    base = f"/dialogues/{d['id']}"
    refused = post(bob_client, f"{base}/need", {"need": "listen"})
    assert refused.status_code == 400 and "alice's turn" in refused.json()["detail"]
    early = post(alice_client, f"{base}/confirm")
    assert early.status_code == 409 and "isn't open right now" in early.json()["detail"]
    again = post(bob_client, "/dialogues", {"bond_id": screened.pk})
    assert again.status_code == 409 and "already have a dialogue" in again.json()["detail"]


@pytest.mark.parametrize(
    "path, body",
    [
        ("/need", {"need": "nope"}),
        ("/share", {}),
        ("/share", {"text": 5}),
        ("/share", {"text": "x" * 4001}),
        ("/rate", {"felt_heard": 9}),
        ("/rate", {"felt_heard": "lots"}),
    ],
)
def test_schema_errors_are_422(alice_client, screened, path, body):
    d = post(alice_client, "/dialogues", {"bond_id": screened.pk}).json()
    response = post(alice_client, f"/dialogues/{d['id']}{path}", body)
    assert response.status_code == 422 and response.json()["detail"]


def test_bad_ids_are_404_or_422(alice_client, screened):
    assert post(alice_client, "/dialogues", {"bond_id": 999}).status_code == 404
    assert post(alice_client, "/dialogues", {"bond_id": "x"}).status_code == 422
    assert alice_client.get("/api/v1/dialogues/999").status_code == 404
    assert post(alice_client, "/dialogues", {"bond_id": screened.pk, "mode": "x"}).status_code == (
        422
    )


def test_the_safety_question_comes_first_in_the_api(alice_client, bond):
    response = post(alice_client, "/dialogues", {"bond_id": bond.pk})
    assert response.status_code == 409
    assert response.json()["screening_url"] == f"/safety/screening/{bond.pk}/"


def test_a_paused_bond_pauses_the_api_quietly(alice_client, screened, bob):
    d = post(alice_client, "/dialogues", {"bond_id": screened.pk}).json()
    screening_submit(user=bob, bond=screened, answers={"controlled": True})
    response = alice_client.get(f"/api/v1/dialogues/{d['id']}")
    assert response.status_code == 409
    assert response.json()["detail"] == "Shared exercises for this bond are paused for now."


def test_a_risky_share_comes_back_to_the_writer_only(alice_client, bob_client, screened):
    d = post(alice_client, "/dialogues", {"bond_id": screened.pk}).json()
    base = f"/dialogues/{d['id']}"
    post(alice_client, f"{base}/need", {"need": "listen"})
    risky = "I want to end it all."
    kept = post(alice_client, f"{base}/share", {"text": risky}).json()
    assert kept["sent"] is False
    assert kept["safety"] == {"label": "self_harm", "resources_url": "/help/"}
    assert kept["dialogue"]["my_draft"]["text"] == risky
    seen_by_bob = bob_client.get(f"/api/v1{base}").json()
    assert seen_by_bob["turns"] == [] and "safety" not in json.dumps(seen_by_bob)
    sent = post(alice_client, f"{base}/share", {"text": risky, "share_anyway": True}).json()
    assert sent["sent"] is True


def test_a_late_autosave_of_what_was_just_sent_keeps_no_draft_and_answers_204(
    alice_client, screened
):
    d = post(alice_client, "/dialogues", {"bond_id": screened.pk}).json()
    base = f"/dialogues/{d['id']}"
    post(alice_client, f"{base}/need", {"need": "comfort"})
    assert post(alice_client, f"{base}/share", {"text": SHARE}).json()["sent"]
    late = alice_client.put(
        f"/api/v1{base}/draft", json.dumps({"text": SHARE}), content_type="application/json"
    )
    assert late.status_code == 204 and late.content == b""
    assert alice_client.get(f"/api/v1{base}/draft").status_code == 204


def test_either_person_can_end_mid_round_through_the_api(alice_client, bob_client, screened):
    d = post(alice_client, "/dialogues", {"bond_id": screened.pk, "mode": "apart"}).json()
    base = f"/dialogues/{d['id']}"
    post(alice_client, f"{base}/need", {"need": "listen"})
    post(alice_client, f"{base}/share", {"text": SHARE})
    ended = post(bob_client, f"{base}/end")  # the listener, mid-round
    assert ended.status_code == 200 and ended.json()["ended"] is True
    assert ended.json()["state"] == "done"
    assert post(alice_client, f"{base}/end").status_code == 409
    assert post(alice_client, f"{base}/swap").status_code == 409
