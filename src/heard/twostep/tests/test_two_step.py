"""Two-step sign-in, optional. The threat is a partner who knows the password: with it on, the
password alone logs nobody in; setting it up, new recovery codes and turning it off ask for
the password again; wrong codes are throttled like wrong passwords; "remember this browser"
is off unless ticked; the secret is encrypted and never exported."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from conftest import PASSWORD
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP

from heard.accounts.models import ApiToken, LoginThrottle
from heard.accounts.services import api_token_create
from heard.twostep import services
from heard.twostep.login import REMEMBER_COOKIE
from heard.twostep.models import RecoveryCode, TotpDevice

IP = "127.0.0.1"


def code_for(device: TotpDevice, steps: int = 1) -> str:
    """The app's code ``steps`` time steps from now (the next one by default: setting up
    used the current one, and a code works once)."""
    totp = TOTP(bytes.fromhex(device.secret), 30, 0, 6, device.drift)
    totp.time = time.time() + 30 * steps
    return f"{totp.token():06d}"


@pytest.fixture
def on(alice) -> list[str]:
    """Two-step sign-in turned on for alice; her recovery codes."""
    device = services.setup_start(user=alice, password=PASSWORD, ip=IP)
    return services.setup_confirm(user=alice, code=code_for(device, 0), ip=IP)


def _device(user) -> TotpDevice:
    return TotpDevice.objects.get(user=user)


def _password_step(client: Client, username: str = "alice", **extra):
    return client.post(
        "/account/login/", {"username": username, "password": PASSWORD, **extra}, **{}
    )


def _logged_in(client: Client) -> bool:
    return client.get("/account/").status_code == 200


# --------------------------------------------------------------------------- setting it up


@pytest.mark.django_db
def test_setting_it_up_asks_for_the_password_then_a_code_from_the_app(alice, alice_client):
    page = alice_client.get("/account/two-step/")
    assert "<strong>Off.</strong>" in page.content.decode()
    wrong = alice_client.post("/account/two-step/", {"action": "start", "password": "nope"})
    assert wrong.status_code == 400 and not TotpDevice.objects.exists()

    started = alice_client.post("/account/two-step/", {"action": "start", "password": PASSWORD})
    html = started.content.decode()
    assert started.status_code == 200 and "<svg" in html and "Scan this code" in html
    device = _device(alice)
    assert not device.confirmed and not services.two_step_on(user=alice)
    assert services.provisioning_for(device).secret in html

    bad = alice_client.post("/account/two-step/", {"action": "confirm", "code": "000000"})
    assert bad.status_code == 400 and not services.two_step_on(user=alice)
    # The app's back-off: a second after one wrong code.
    again = alice_client.post("/account/two-step/", {"action": "confirm", "code": code_for(device)})
    assert again.status_code == 429
    TotpDevice.objects.update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=2))
    done = alice_client.post("/account/two-step/", {"action": "confirm", "code": code_for(device)})
    assert done.status_code == 200 and services.two_step_on(user=alice)
    codes = done.context["new_codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert "won't be shown again" in done.content.decode()
    assert alice_client.get("/account/two-step/").context.get("new_codes") is None


@pytest.mark.django_db
def test_the_qr_code_is_drawn_here_and_names_the_secret(alice):
    device = services.setup_start(user=alice, password=PASSWORD, ip=IP)
    found = services.provisioning_for(device)
    assert found.url.startswith("otpauth://totp/Heard%3Aalice?secret=")
    assert found.secret.replace(" ", "") in found.url
    svg = found.qr_svg()
    assert svg.startswith("<svg") and "http" not in svg.split(">", 1)[0].replace("xmlns", "")


@pytest.mark.django_db
def test_turning_it_on_ends_other_sessions_and_every_api_token(alice, alice_client, login_client):
    other = login_client(alice)
    api_token_create(user=alice, name="made by whoever knew the password")
    alice_client.post("/account/two-step/", {"action": "start", "password": PASSWORD})
    alice_client.post("/account/two-step/", {"action": "confirm", "code": code_for(_device(alice))})
    assert _logged_in(alice_client)
    assert not _logged_in(other)
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()


# --------------------------------------------------------------------------- logging in


@pytest.mark.django_db
def test_with_it_on_the_password_alone_logs_nobody_in(on, alice):
    client = Client()
    response = _password_step(client)
    assert response.status_code == 302 and response["Location"] == "/account/login/code/"
    assert not _logged_in(client)
    assert "_auth_user_id" not in client.session
    code = client.post("/account/login/code/", {"code": code_for(_device(alice))})
    assert code.status_code == 302 and _logged_in(client)


@pytest.mark.django_db
def test_without_it_the_password_is_enough(alice):
    client = Client()
    assert _password_step(client).status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_the_code_page_knows_nobody_without_the_password_step(on):
    client = Client()
    assert client.get("/account/login/code/")["Location"] == "/account/login/"
    client.post("/account/login/", {"username": "alice", "password": "wrong"})
    assert client.post("/account/login/code/", {"code": "123456"}).status_code == 302
    assert not _logged_in(client)


@pytest.mark.django_db
def test_the_halfway_state_expires(on, alice):
    client = Client()
    _password_step(client)
    session = client.session
    session["heard_twostep_pending"]["at"] -= 301
    session.save()
    late = client.post("/account/login/code/", {"code": code_for(_device(alice))})
    assert late["Location"] == "/account/login/" and not _logged_in(client)


@pytest.mark.django_db
def test_the_login_keeps_next(on, alice):
    client = Client()
    client.post("/account/login/?next=/together/", {"username": "alice", "password": PASSWORD})
    response = client.post("/account/login/code/", {"code": code_for(_device(alice))})
    assert response["Location"] == "/together/"


@pytest.mark.django_db
def test_a_code_works_once(on, alice):
    code = code_for(_device(alice))
    services.code_check(user=alice, code=code, ip=IP)
    with pytest.raises(services.DomainError, match="didn't work"):
        services.code_check(user=alice, code=code, ip=IP)


@pytest.mark.django_db
def test_a_recovery_code_works_once_and_any_spacing_or_case(on, alice):
    first = on[0]
    services.code_check(user=alice, code=f"  {first.upper().replace('-', ' ')} ", ip=IP)
    assert services.recovery_codes_left(user=alice) == 9
    with pytest.raises(services.DomainError):
        services.code_check(user=alice, code=first, ip=IP)


@pytest.mark.django_db
def test_wrong_codes_are_throttled_like_wrong_passwords(on, alice, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    _password_step(client)
    for _ in range(3):
        assert client.post("/account/login/code/", {"code": "not-a-code"}).status_code == 400
    right = client.post("/account/login/code/", {"code": on[1]})
    assert right.status_code == 429 and not _logged_in(client)
    assert "Too many tries" in right.content.decode()
    assert LoginThrottle.objects.get(username="alice").failures == 3


@pytest.mark.django_db
def test_the_apps_back_off_has_a_ceiling(on, alice):
    """Each wrong app code doubles the wait, but never past five minutes: a partner who
    knows the password can't keep the owner out for days."""
    device = _device(alice)
    TotpDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=40,
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=4),
    )
    with pytest.raises(services.TooManyRequests, match="wait"):
        services.code_check(user=alice, code=code_for(device), ip="10.0.0.2")
    TotpDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5, seconds=1)
    )
    services.code_check(user=alice, code=code_for(device), ip="10.0.0.2")


# --------------------------------------------------------------------------- remember


@pytest.mark.django_db
def test_remembering_the_browser_is_off_unless_ticked(on, alice):
    client = Client()
    _password_step(client)
    client.post("/account/login/code/", {"code": code_for(_device(alice))})
    assert REMEMBER_COOKIE not in client.cookies
    client.post("/account/logout/")
    assert _password_step(client)["Location"] == "/account/login/code/"


@pytest.mark.django_db
def test_a_remembered_browser_is_asked_again_after_log_out_everywhere(on, alice):
    client = Client()
    _password_step(client)
    client.post("/account/login/code/", {"code": code_for(_device(alice)), "remember": "on"})
    cookie = client.cookies[REMEMBER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    client.post("/account/logout/")
    assert _password_step(client)["Location"] == "/"  # no code this time
    client.post("/account/data/", {"action": "logout_others", "password": PASSWORD})
    client.post("/account/logout/")
    assert _password_step(client)["Location"] == "/account/login/code/"


@pytest.mark.django_db
def test_another_browser_with_the_password_is_still_asked(on, alice):
    remembered = Client()
    _password_step(remembered)
    remembered.post("/account/login/code/", {"code": code_for(_device(alice)), "remember": "on"})
    assert _password_step(Client())["Location"] == "/account/login/code/"


# --------------------------------------------------------------------------- changing it


@pytest.mark.django_db
def test_turning_it_off_needs_the_password_and_a_code(on, alice, alice_client):
    def off(password, code):
        return alice_client.post(
            "/account/two-step/", {"action": "off", "password": password, "code": code}
        )

    assert off("wrong", code_for(_device(alice))).status_code == 400
    assert off(PASSWORD, "000000").status_code == 400
    assert services.two_step_on(user=alice)
    assert off(PASSWORD, on[2]).status_code == 302
    assert not services.two_step_on(user=alice) and not RecoveryCode.objects.exists()
    client = Client()
    assert _password_step(client)["Location"] == "/" and _logged_in(client)


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(on, alice, alice_client):
    response = alice_client.post("/account/two-step/", {"action": "renew", "password": PASSWORD})
    fresh = response.context["new_codes"]
    assert set(fresh).isdisjoint(on)
    with pytest.raises(services.DomainError):
        services.code_check(user=alice, code=on[0], ip=IP)
    services.code_check(user=alice, code=fresh[0], ip=IP)


# --------------------------------------------------------------------------- elsewhere


@pytest.mark.django_db
def test_an_api_token_made_after_the_second_step_works_on_its_own(on, alice):
    """Tokens are made in a session that passed both steps; turning two-step sign-in on
    revoked any made before. A token is then its own key, until it expires or is revoked."""
    _, secret = api_token_create(user=alice, name="script")
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200 and response.json()["username"] == "alice"


@pytest.mark.django_db
def test_the_export_never_holds_the_secret_or_the_codes(on, alice, alice_client):
    export = alice_client.post("/account/data/", {"action": "export", "password": PASSWORD})
    text = export.content.decode()
    device = _device(alice)
    secret = services.provisioning_for(device).secret.replace(" ", "")
    assert device.secret not in text and secret not in text
    assert not any(code in text for code in on)
    data = json.loads(text)["data"]
    assert data["twostep.totpdevice.user"][0]["confirmed"] is True
    assert "secret" not in data["twostep.totpdevice.user"][0]


@pytest.mark.django_db
def test_erasing_the_account_removes_the_app_and_the_codes(on, alice):
    from heard.accounts.data import user_erase

    user_erase(user=alice)
    assert not TotpDevice.objects.exists() and not RecoveryCode.objects.exists()
