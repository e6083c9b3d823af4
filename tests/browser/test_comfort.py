"""In headless Chromium: asking for comfort from Today with a line, and a reply written back
(issue 16, item 16). The pages get the axe, overflow and weight checks like every other."""

import re

import pytest

from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_for_comfort_from_today_with_a_line_and_a_reply(live_server, new_page, ready_bond):
    base = live_server.url
    alice = new_page()
    log_in(alice, base, "alice")
    alice.get_by_role("link", name="Ask bob for comfort").first.click()
    alice.get_by_label("A line for them (optional)").fill("Long day. Could you call me later?")
    alice.get_by_role("button", name="I could use some support").click()
    alice.wait_for_url(re.compile(r"/talk/comfort/\d+/$"))
    request_url = alice.url

    bob = new_page()
    log_in(bob, base, "bob")
    bob.goto(base + "/talk/")
    assert bob.get_by_role("link", name="Ask alice for comfort").is_visible()
    bob.goto(request_url)
    assert "Long day. Could you call me later?" in bob.content()
    bob.get_by_label("Write back (optional)").fill("Of course, I'll ring at eight.")
    bob.get_by_role("button", name="I'm here").click()

    alice.reload()
    assert "Of course, I'll ring at eight." in alice.locator("main").inner_text()
