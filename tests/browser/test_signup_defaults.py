"""In headless Chromium: sign-up fills time zone and country from the browser, as defaults."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("zone", "locale", "country"),
    [
        ("Europe/London", "en-GB", "GB"),
        ("Europe/Berlin", "de-DE", "EU"),
        ("Asia/Tokyo", "ja-JP", "OTHER"),
    ],
)
def test_sign_up_defaults_come_from_the_browser(live_server, browser, zone, locale, country):
    from heard.accounts.models import User

    context = browser.new_context(timezone_id=zone, locale=locale, service_workers="block")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/account/signup/")
        assert page.locator("#id_time_zone").input_value() == zone
        assert page.locator("#id_country").input_value() == country
        # The suggestions come from the browser, and the person can change both.
        assert page.locator("#time-zone-list option").count() > 300
        page.locator("#id_time_zone").fill("Pacific/Auckland")
        page.locator("#id_country").select_option("NZ")
        page.get_by_label("Username").fill("sam")
        page.get_by_label("Password").fill("a calm sunny morning")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(live_server.url + "/welcome/")
        user = User.objects.get(username="sam")
        assert (user.time_zone, user.country) == ("Pacific/Auckland", "NZ")
    finally:
        context.close()
