"""At phone widths: the main navigation stays on one line, whichever place is current."""

import pytest

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
