"""In headless Chromium: set up two-step sign-in from the account page with the key the page
shows, keep the recovery codes, then log in with the password and a code."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from heard.twostep.models import TotpDevice
from tests.browser.helpers import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str, steps: int = 0, drift: int = 0) -> str:
    """What the app shows ``steps`` time steps from now (with the server's idea of the
    phone's clock drift, learnt from the last code)."""
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    totp = TOTP(key, drift=drift)
    totp.time = time.time() + 30 * steps
    return f"{totp.token():06d}"


def test_set_up_two_step_sign_in_then_log_in_with_a_code(live_server, new_page, make_user):
    make_user("robin")
    base = live_server.url
    page = new_page()
    log_in(page, base, "robin")
    page.goto(base + "/account/")
    page.get_by_role("link", name="Set up two-step sign-in").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Set up two-step sign-in").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("code.secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7 ]{32,}", secret)
    page.get_by_label("The 6-digit code your app shows").fill(_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10

    page.get_by_role("button", name="Log out").click()
    page.goto(base + "/account/login/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/account/login/code/")
    assert not page.get_by_label("Don't ask for a code on this browser for 30 days").is_checked()
    drift = TotpDevice.objects.get().drift
    page.get_by_role("textbox", name="Code").fill(_code(secret, 1, drift))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")
    assert page.get_by_role("heading", name="Today").is_visible()
