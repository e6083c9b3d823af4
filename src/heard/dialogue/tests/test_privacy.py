"""Promise 1: a dialogue is for its two members only. Outsiders, ex-partners (after the bond
ended) and anonymous visitors get nothing, on every page, partial and API operation; and a
draft is its author's alone until it is sent."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from heard.bonds.services import bond_leave
from heard.dialogue import comfort
from heard.dialogue.tests.helpers import to_state

pytestmark = pytest.mark.django_db
SECRET = "canary-7f3a secret share"


def page_routes(d, bond_id):
    return [
        ("get", f"/talk/d/{d.pk}/"),
        ("get", f"/talk/d/{d.pk}/status/"),
        ("post", f"/talk/d/{d.pk}/draft/"),
        *[
            ("post", f"/talk/d/{d.pk}/{a}/")
            for a in [
                "need",
                "share",
                "finish",
                "mirror",
                "confirm",
                "correct",
                "validate",
                "empathize",
                "rate",
                "swap",
                "pause",
                "resume",
                "handover",
            ]
        ],
        ("get", f"/talk/start/{bond_id}/"),
        ("post", f"/talk/start/{bond_id}/"),
        ("get", f"/talk/comfort/send/{bond_id}/"),
        ("post", f"/talk/comfort/send/{bond_id}/"),
    ]


def api_routes(d, bond_id):
    base = f"/api/v1/dialogues/{d.pk}"
    return [
        ("get", base, None),
        ("get", f"{base}/draft", None),
        ("put", f"{base}/draft", {"text": "x"}),
        ("post", f"{base}/need", {"need": "listen"}),
        ("post", f"{base}/share", {"text": "x"}),
        ("post", f"{base}/share/finish", None),
        ("post", f"{base}/feedback", {"text": "x"}),
        ("post", f"{base}/mirror", {"text": "x"}),
        ("post", f"{base}/validate", {"text": "x"}),
        ("post", f"{base}/empathize", {"text": "x"}),
        ("post", f"{base}/confirm", None),
        ("post", f"{base}/correct", {"text": "x"}),
        ("post", f"{base}/rate", {"felt_heard": 3}),
        ("post", f"{base}/swap", None),
        ("post", f"{base}/pause", None),
        ("post", f"{base}/resume", None),
        ("get", f"/api/v1/dialogues?bond_id={bond_id}", None),
        ("post", "/api/v1/dialogues", {"bond_id": bond_id}),
        ("post", "/api/v1/comfort", {"bond_id": bond_id}),
        ("post", "/api/v1/say-it/start", {"bond_id": bond_id, "statement": "x"}),
    ]


def call(client: Client, method: str, path: str, body=None):
    if body is None and method == "get":
        return client.get(path)
    return getattr(client, method)(path, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def shared(dialogue, alice, bob):
    from heard.dialogue import services

    d = to_state(dialogue, "sharing")
    services.share_send(dialogue=d, actor=alice, text=SECRET)
    services.draft_save(dialogue=d, actor=bob, text="bob's unsent canary-draft")
    return d


@pytest.fixture
def request_for_comfort(screened, alice, bob):
    from heard.bonds.selectors import bond_for_member

    return comfort.comfort_send(
        sender=alice, bond=bond_for_member(user=alice, bond_id=screened.pk)
    ).request


def _assert_nothing_leaks(client, shared, screened, request_for_comfort, expected_pages):
    for method, path in [
        *page_routes(shared, screened.pk),
        ("get", f"/talk/comfort/{request_for_comfort.pk}/"),
        ("post", f"/talk/comfort/{request_for_comfort.pk}/"),
    ]:
        response = getattr(client, method)(path)
        assert response.status_code in expected_pages, (method, path, response.status_code)
        assert SECRET not in response.content.decode()
    for method, path, body in [
        *api_routes(shared, screened.pk),
        ("post", f"/api/v1/comfort/{request_for_comfort.pk}/here", None),
    ]:
        response = call(client, method, path, body)
        assert response.status_code in {404, 401}, (method, path, response.status_code)
        assert SECRET not in response.content.decode()


def test_an_outsider_gets_404_everywhere(carol_client, shared, screened, request_for_comfort):
    _assert_nothing_leaks(carol_client, shared, screened, request_for_comfort, {404})
    assert carol_client.get("/api/v1/dialogues").json() == []
    assert carol_client.get("/api/v1/comfort").json() == []


def test_an_ex_partner_gets_404_everywhere(
    bob_client, alice_client, shared, screened, bob, request_for_comfort
):
    bond_leave(bond=screened, user=bob)
    _assert_nothing_leaks(bob_client, shared, screened, request_for_comfort, {404})
    _assert_nothing_leaks(alice_client, shared, screened, request_for_comfort, {404})
    assert bob_client.get("/api/v1/dialogues").json() == []
    assert SECRET not in bob_client.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, shared, screened, request_for_comfort):
    for method, path in page_routes(shared, screened.pk):
        response = getattr(client, method)(path)
        assert response.status_code == 302 and "/account/login/" in response.url
    for method, path, body in api_routes(shared, screened.pk):
        assert call(client, method, path, body).status_code == 401


def test_both_members_see_the_share(alice_client, bob_client, shared):
    assert SECRET in alice_client.get(f"/talk/d/{shared.pk}/").content.decode()
    assert SECRET in bob_client.get(f"/talk/d/{shared.pk}/").content.decode()
    assert bob_client.get(f"/api/v1/dialogues/{shared.pk}").json()["turns"][0]["text"] == SECRET


def test_a_draft_is_visible_only_to_its_author(alice_client, bob_client, shared):
    page = alice_client.get(f"/talk/d/{shared.pk}/").content.decode()
    status = alice_client.get(f"/talk/d/{shared.pk}/status/?v=0").content.decode()
    api = alice_client.get(f"/api/v1/dialogues/{shared.pk}").json()
    for output in (page, status, json.dumps(api)):
        assert "canary-draft" not in output
    assert api["my_draft"] is None
    assert alice_client.get(f"/api/v1/dialogues/{shared.pk}/draft").status_code == 204
    assert (
        bob_client.get(f"/api/v1/dialogues/{shared.pk}/draft")
        .json()["text"]
        .endswith("canary-draft")
    )


def test_free_text_is_encrypted_at_rest(shared):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM dialogue_turn UNION ALL SELECT text FROM dialogue_draft")
        stored = " ".join(row[0] for row in cursor.fetchall())
    assert "canary" not in stored
