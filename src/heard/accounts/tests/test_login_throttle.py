from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heard.accounts.models import LoginThrottle

WRONG = {"username": "alice", "password": "not the password"}
RIGHT = {"username": "alice", "password": "correct horse battery"}


def _post(data: dict, ip: str):
    return Client(REMOTE_ADDR=ip).post("/account/login/", data)


@pytest.mark.django_db
def test_it_locks_only_the_username_ip_pair(alice, bob, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert _post(WRONG, "10.0.0.5").status_code == 400
    locked = _post(RIGHT, "10.0.0.5")
    assert locked.status_code == 429
    assert "wait" in locked.content.decode()
    # The same person from another IP still gets in.
    assert _post(RIGHT, "10.0.0.9").status_code == 302
    # Another person at the same (shared home) IP is not locked out.
    assert (
        _post({"username": "bob", "password": "correct horse battery"}, "10.0.0.5").status_code
        == 302
    )


@pytest.mark.django_db
def test_it_unlocks_after_the_cool_off(alice, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        _post(WRONG, "10.0.0.5")
    assert _post(RIGHT, "10.0.0.5").status_code == 429
    LoginThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _post(RIGHT, "10.0.0.5").status_code == 302
    assert not LoginThrottle.objects.exists()


@pytest.mark.django_db
def test_it_counts_failures_for_unknown_usernames_too(settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        _post({"username": "ghost", "password": "whatever123"}, "10.0.0.5")
    assert _post({"username": "ghost", "password": "whatever123"}, "10.0.0.5").status_code == 429


@pytest.mark.django_db
def test_it_gives_a_clear_error_for_empty_login():
    response = _post({"username": "", "password": ""}, "10.0.0.5")
    assert response.status_code == 400
    assert "required" in response.content.decode()


REENTRY = {
    "export": ("/account/data/", lambda pw: {"action": "export", "password": pw}),
    "erase": ("/account/data/", lambda pw: {"action": "erase", "password": pw, "confirm": "erase"}),
    "logout_others": ("/account/data/", lambda pw: {"action": "logout_others", "password": pw}),
    "password_change": (
        "/account/password/",
        lambda pw: {
            "old_password": pw,
            "new_password1": "a brand new passphrase",
            "new_password2": "a brand new passphrase",
        },
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(REENTRY))
def test_password_reentry_is_throttled_like_login(alice, settings, action):
    """SECURITY.md promise 5: re-authentication before export, erase, log out everywhere and
    a password change is throttled per (user, IP), the same pair as login."""
    settings.LOGIN_FAILURE_LIMIT = 3
    url, form = REENTRY[action]
    client = Client(REMOTE_ADDR="10.0.0.5")
    client.force_login(alice)
    for _ in range(3):
        assert client.post(url, form("not the password")).status_code in {200, 400}
    locked = client.post(url, form("correct horse battery"))
    assert locked.status_code == 429 and "wait" in locked.content.decode()
    alice.refresh_from_db()
    assert alice.check_password("correct horse battery") and alice.is_active
    assert _post(RIGHT, "10.0.0.5").status_code == 429
    # The same person elsewhere is not locked out.
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    elsewhere.force_login(alice)
    assert elsewhere.post(url, form("correct horse battery")).status_code in {200, 302}
