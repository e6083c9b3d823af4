import time

import pytest

from heard.accounts.middleware import LOGIN_AT, SEEN_AT


def _age_session(client, *, seen_ago: float = 0, login_ago: float = 0) -> None:
    session = client.session
    now = time.time()
    session[SEEN_AT] = now - seen_ago
    session[LOGIN_AT] = now - login_ago
    session.save()


@pytest.mark.django_db
def test_it_ends_an_idle_session(alice_client, settings):
    alice_client.get("/")
    _age_session(alice_client, seen_ago=settings.SESSION_IDLE_TIMEOUT + 5, login_ago=60)
    response = alice_client.get("/account/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.django_db
def test_it_ends_a_session_after_the_absolute_limit_even_when_active(alice_client, settings):
    _age_session(alice_client, seen_ago=1, login_ago=settings.SESSION_MAX_AGE + 5)
    assert alice_client.get("/account/").status_code == 302


@pytest.mark.django_db
def test_it_keeps_an_active_session(alice_client, settings):
    _age_session(alice_client, seen_ago=settings.SESSION_IDLE_TIMEOUT - 60, login_ago=3600)
    assert alice_client.get("/account/").status_code == 200


@pytest.mark.django_db
def test_it_uses_a_new_session_id_at_login(alice):
    from django.test import Client

    client = Client()
    client.get("/account/login/")
    client.session.save()
    before = client.cookies.get("heard_session")
    client.post("/account/login/", {"username": "alice", "password": "correct horse battery"})
    after = client.cookies["heard_session"].value
    assert before is None or before.value != after


def test_session_limits_default_to_30_minutes_idle_and_12_hours(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_MAX_AGE == 12 * 60 * 60


@pytest.mark.django_db
def test_background_polling_does_not_keep_a_session_alive(alice_client, settings):
    _age_session(alice_client, seen_ago=settings.SESSION_IDLE_TIMEOUT - 10, login_ago=3600)
    alice_client.get("/", HTTP_X_HEARD_BACKGROUND="poll")
    seen = alice_client.session[SEEN_AT]
    assert time.time() - seen > settings.SESSION_IDLE_TIMEOUT - 20


@pytest.mark.django_db
def test_device_activity_is_recorded_without_a_write_on_every_request(alice_client):
    from heard.accounts.models import DeviceSession

    alice_client.get("/account/")  # first request records the device's activity
    seen = DeviceSession.objects.get().last_seen_at
    alice_client.get("/account/")
    assert DeviceSession.objects.get().last_seen_at == seen
