import hashlib

import pytest
from django.test import Client

from heard.accounts.models import ApiToken


def _create(client) -> str:
    response = client.post("/account/tokens/", {"name": "my laptop"})
    assert response.status_code == 200
    return response.context["new_secret"]


@pytest.mark.django_db
def test_it_creates_a_token_shown_once_and_stored_hashed(alice_client):
    secret = _create(alice_client)
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in token.prefix + token.token_hash + token.name
    assert secret not in alice_client.get("/account/").content.decode()


@pytest.mark.django_db
def test_a_token_authenticates_the_api_until_revoked(alice_client):
    secret = _create(alice_client)
    api = Client()
    ok = api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert ok.status_code == 200
    assert ok.json()["username"] == "alice"
    token = ApiToken.objects.get()
    assert alice_client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    refused = api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 401
    assert "detail" in refused.json()


@pytest.mark.django_db
def test_someone_else_cannot_revoke_my_token(alice_client, bob_client):
    _create(alice_client)
    token = ApiToken.objects.get()
    bob_client.post(f"/account/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", " ", "x" * 61])
def test_it_refuses_a_bad_token_name(alice_client, name):
    response = alice_client.post("/account/tokens/", {"name": name})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer hrd_wrong", "Basic abc", "Bearer "])
def test_bad_tokens_get_401_json(alice, header):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"]


def _works(secret: str) -> bool:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


@pytest.mark.django_db
def test_a_token_expires_after_the_set_number_of_days(alice_client, settings):
    """SECURITY.md promise 17: tokens expire (90 days unless the host sets otherwise)."""
    from datetime import timedelta

    from django.utils import timezone

    secret = _create(alice_client)
    token = ApiToken.objects.get()
    assert abs(token.expires_at - (token.created_at + timedelta(days=90))) < timedelta(seconds=5)
    assert "expires" in alice_client.get("/account/").content.decode()
    assert _works(secret)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not _works(secret)
    settings.API_TOKEN_DAYS = 7
    _create(alice_client)
    newest = ApiToken.objects.order_by("-pk").first()
    assert newest.expires_at - newest.created_at < timedelta(days=7, seconds=5)


@pytest.mark.django_db
def test_log_out_everywhere_else_and_a_password_change_end_every_token(alice_client):
    first = _create(alice_client)
    alice_client.post(
        "/account/data/", {"action": "logout_others", "password": "correct horse battery"}
    )
    assert not _works(first)
    second = _create(alice_client)
    assert _works(second)
    changed = alice_client.post(
        "/account/password/",
        {
            "old_password": "correct horse battery",
            "new_password1": "a brand new passphrase",
            "new_password2": "a brand new passphrase",
        },
    )
    assert changed.status_code == 302
    assert not _works(second)
