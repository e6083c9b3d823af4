"""At phone widths: the main navigation stays on one line, whichever place is current."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 390])
def test_the_nav_stays_on_one_line_with_an_item_highlighted(live_server, new_page, alice, width):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server.url, "alice")
    for path in ("/", "/talk/", "/together/", "/progress/", "/help/"):
        page.goto(live_server.url + path)
        assert page.locator(".main-nav a[aria-current=page]").count() == 1
        tops = {round(box["y"]) for box in _boxes(page)}
        assert len(tops) == 1, f"{path} at {width} px: the nav wraps ({tops})"


def _boxes(page):
    return [link.bounding_box() for link in page.locator(".main-nav a").all()]


def test_a_long_paste_is_kept_whole_with_a_live_counter(live_server, new_page, alice):
    page = new_page()
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + "/talk/practice/partner-01/")
    box = page.get_by_label("Your reply")
    box.fill("a" * 2100)  # as a paste would
    assert len(box.input_value()) == 2100
    counter = page.locator(".char-count")
    assert "2100 of 2000 characters: 100 over" in counter.inner_text()
    assert box.get_attribute("aria-invalid") == "true"
    box.fill("a" * 1500)
    assert counter.count() == 1 and "1500 of 2000" in counter.inner_text()


def test_say_it_feedback_appears_by_the_button_with_focus(live_server, new_page, alice):
    page = new_page()
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + "/talk/say-it/")
    button = page.get_by_role("button", name="Check my words")
    button.click()  # empty: it still answers
    result = page.locator("#say-it-result")
    expect(result.locator("[data-say-it-empty]")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "say-it-result"
    page.get_by_label("What happened").fill("last night you were late")
    page.get_by_label("How I feel").fill("hurt")
    button.click()
    expect(result.locator("#statement")).to_have_text("When you were late last night, I felt hurt.")
    assert page.evaluate("window.scrollY") > 0  # no reload to the top
    gap = result.bounding_box()["y"] - button.bounding_box()["y"]
    assert 0 < gap < 200, gap
