"""End to end in headless Chromium: two people sign up, link, and one leaves."""

import re

import pytest

from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signup(page, base: str, username: str, next_url: str = "") -> None:
    page.goto(base + "/account/signup/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a calm sunny morning")
    page.get_by_role("button", name="Create account").click()


def test_two_people_sign_up_link_and_leave(live_server, new_page):
    base = live_server.url
    alex = new_page()
    _signup(alex, base, "alex")
    alex.get_by_role("link", name="Invite someone").first.click()
    alex.get_by_label("Friend").check()
    alex.get_by_role("button", name="Create an invite").click()
    link = alex.get_by_label("Invite link").input_value()
    code = alex.locator("#invite-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    sam = new_page()
    sam.goto(link)
    sam.get_by_role("link", name="Create an account").click()
    sam.get_by_label("Username").fill("sam")
    sam.get_by_label("Password").fill("another calm morning")
    sam.get_by_role("button", name="Create account").click()
    assert "alex invited you" in sam.content()
    sam.get_by_role("button", name="Accept and connect").click()
    sam.wait_for_url(re.compile(r"/together/\d+/$"))
    assert "alex" in sam.locator("h1").inner_text()

    alex.goto(base + "/together/")
    assert alex.get_by_role("link", name="sam").is_visible()

    sam.get_by_role("link", name="Leave this bond").click()
    sam.get_by_role("button", name="Leave now").click()
    assert "Nothing was sent to them" in sam.content()

    alex.goto(base + "/")
    assert "bond has ended" in alex.content()
    alex.goto(link)
    assert "already been used" in alex.content()


def test_quick_exit_ends_the_session_and_back_does_not_return(live_server, new_page, make_user):
    page = new_page()
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body="<title>Weather</title>"),
    )
    make_user("kim")
    log_in(page, live_server.url, "kim")
    page.goto(live_server.url + "/help/")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    # The Help page was replaced in history; Back goes to Today, which leaves again at once.
    page.go_back()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert "Heard" not in page.content()
    # The session has ended: coming back on purpose shows the landing page, not Today.
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Log in").first.is_visible()
    assert page.context.cookies(live_server.url) and all(
        c["name"] != "heard_left" for c in page.context.cookies(live_server.url)
    )


def test_back_after_quick_exit_leaves_before_the_heard_page_is_shown(
    live_server, new_page, make_user
):
    """The check runs in the head, before the page's body exists: heard.js (deferred, after the
    body) is blocked here, so only that first script can send Back straight out again."""
    page = new_page()
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body="<title>Weather</title>"),
    )
    page.route("**/static/heard/heard.js", lambda route: route.abort())
    make_user("kim")
    log_in(page, live_server.url, "kim")
    page.goto(live_server.url + "/help/")
    page.get_by_role("link", name="Quick exit").click()  # without heard.js: a plain link
    page.wait_for_url("https://www.bbc.co.uk/weather")
    page.go_back()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert "Heard" not in page.content()


def test_keyboard_only_login_form(live_server, new_page, make_user):
    make_user("kim")
    page = new_page()
    page.goto(live_server.url + "/account/login/")
    # The username field has focus on load; the rest is keyboard only.
    assert page.evaluate("document.activeElement.name") == "username"
    page.keyboard.type("kim")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    assert "Today" in page.locator("h1").inner_text()
