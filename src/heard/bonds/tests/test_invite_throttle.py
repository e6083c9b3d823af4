"""Guessing invite codes is throttled like logging in: after a few links or codes that match
nothing, every try is refused the same way until the cool-off ends, so the answer says
nothing about whether a code exists. The count is per person (logged in) or per IP (logged
out), so nobody sharing a home IP can use up another person's tries."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heard.accounts.services import api_token_create
from heard.bonds import services
from heard.bonds.models import Bond, InviteGuesses

WRONG = "ZZZZ-ZZZZ"


@pytest.fixture(autouse=True)
def _three_tries(settings):
    settings.INVITE_FAILURE_LIMIT = 3
    settings.INVITE_COOLOFF_SECONDS = 600


@pytest.fixture
def code(alice) -> str:
    return services.bond_invite(inviter=alice, kind="partner").code


def _guess(client: Client, code: str):
    return client.post("/join/", {"code": code})


@pytest.mark.django_db
def test_after_wrong_codes_a_real_one_is_refused_like_a_wrong_one(bob_client, code):
    for _ in range(3):
        assert _guess(bob_client, WRONG).status_code == 404
    real, wrong = _guess(bob_client, code), _guess(bob_client, "ABCD-2345")
    assert real.status_code == wrong.status_code == 429
    assert real.context["error"] == wrong.context["error"]
    assert "wait about 10 minutes" in real.content.decode()
    assert "alice" not in real.content.decode()
    accept = bob_client.post(f"/join/?code={code}", {"code": code, "accept": "yes"})
    assert accept.status_code == 429
    assert not Bond.objects.exists()


@pytest.mark.django_db
def test_wrong_links_count_too(bob_client, alice):
    new = services.bond_invite(inviter=alice, kind="friend")
    for attempt in range(3):
        assert bob_client.get(f"/join/not-a-token-{attempt}/").status_code == 404
    assert bob_client.get(f"/join/{new.token}/").status_code == 429


@pytest.mark.django_db
def test_the_api_is_throttled_the_same_way_and_says_so_in_json(bob, code):
    _, secret = api_token_create(user=bob, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def accept(body):
        return client.post(
            "/api/v1/bonds/invites/accept", json.dumps(body), content_type="application/json"
        )

    for _ in range(3):
        assert accept({"code": WRONG}).status_code == 404
    refused = accept({"code": code})
    assert refused.status_code == 429
    assert refused.json()["detail"] == accept({"code": WRONG}).json()["detail"]
    assert not Bond.objects.exists()


@pytest.mark.django_db
def test_one_persons_guesses_never_lock_another_on_the_same_ip(bob_client, carol_client, code):
    for _ in range(5):
        _guess(bob_client, WRONG)
    # Both come from 127.0.0.1 in tests.
    assert _guess(carol_client, code).status_code == 200


@pytest.mark.django_db
def test_logged_out_guesses_count_per_ip(code, bob_client):
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert _guess(visitor, WRONG).status_code == 404
    assert _guess(visitor, code).status_code == 429
    assert _guess(Client(REMOTE_ADDR="203.0.113.10"), code).status_code == 200
    assert _guess(bob_client, code).status_code == 200


@pytest.mark.django_db
def test_after_the_cool_off_the_person_may_try_again(bob, bob_client, code):
    for _ in range(3):
        _guess(bob_client, WRONG)
    assert _guess(bob_client, code).status_code == 429
    InviteGuesses.objects.filter(user=bob).update(locked_until=timezone.now() - timedelta(1))
    assert _guess(bob_client, code).status_code == 200


@pytest.mark.django_db
def test_old_misses_are_forgotten(bob, bob_client, code):
    for _ in range(2):
        _guess(bob_client, WRONG)
    InviteGuesses.objects.filter(user=bob).update(updated_at=timezone.now() - timedelta(hours=1))
    _guess(bob_client, WRONG)
    assert _guess(bob_client, code).status_code == 200
