"""Appreciation and love languages over the JSON API (moved here from the check-up's API
tests)."""

import pytest

from .conftest import love_answers

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_appreciation_over_the_api(alice_client, bob_client, screened):
    sent = alice_client.post(
        "/api/v1/appreciation", {"bond_id": screened.pk, "text": "thank you"}, content_type=JSON
    )
    assert sent.status_code == 201 and sent.json()["status"] == "sent"
    received = bob_client.get(f"/api/v1/appreciation?bond_id={screened.pk}").json()
    assert received[0]["direction"] == "received" and received[0]["text"] == "thank you"
    held = alice_client.post(
        "/api/v1/appreciation",
        {"bond_id": screened.pk, "text": "I want to kill myself"},
        content_type=JSON,
    ).json()
    assert held["status"] == "held" and held["safety"]["resources_url"] == "/help/"
    assert all(
        n["text"] != "I want to kill myself"
        for n in bob_client.get(f"/api/v1/appreciation?bond_id={screened.pk}").json()
    )
    decided = alice_client.post(
        f"/api/v1/appreciation/{held['id']}/decide", {"choice": "private"}, content_type=JSON
    )
    assert decided.json()["status"] == "private"
    assert (
        alice_client.post(
            f"/api/v1/appreciation/{held['id']}/decide", {"choice": "maybe"}, content_type=JSON
        ).status_code
        == 422
    )
    assert (
        bob_client.post(
            f"/api/v1/appreciation/{held['id']}/decide", {"choice": "send"}, content_type=JSON
        ).status_code
        == 404
    )
    hint = alice_client.get(f"/api/v1/appreciation/suggestions?bond_id={screened.pk}").json()
    assert hint["suggestion"] and len(hint["ideas"]) == 3


def test_love_languages_over_the_api(alice_client, bob_client, bond):
    bad = alice_client.post(
        "/api/v1/love-languages",
        {"bond_id": bond.pk, "answers": {"words-01": 0}},
        content_type=JSON,
    )
    assert bad.status_code == 422
    made = alice_client.post(
        "/api/v1/love-languages", {"bond_id": bond.pk, "answers": love_answers()}, content_type=JSON
    )
    assert made.status_code == 201 and len(made.json()["languages"]) == 5
    assert bob_client.get("/api/v1/love-languages").json()["shared_with_you"] == []
    alice_client.post(
        f"/api/v1/love-languages/{made.json()['id']}/share", {"shared": True}, content_type=JSON
    )
    assert len(bob_client.get("/api/v1/love-languages").json()["shared_with_you"]) == 1
