"""End to end in headless Chromium: open a lesson from Today, read it and mark it read, follow
its practice link, and see it counted on Progress."""

import re

import pytest

from tests.browser.helpers import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lesson_from_today_to_its_practice_and_progress(live_server, new_page, bond, alice, bob):
    from heard.learn.content import lessons, suggested_path
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    first = suggested_path()[0]
    base = live_server.url
    page = new_page()
    _login(page, base, "alice")

    today_read = page.locator("section[aria-labelledby=learn-today-heading]")
    assert f"A {first.minutes}-minute read" in today_read.inner_text()
    today_read.get_by_role("link", name=first.title).click()
    page.wait_for_url(f"{base}/learn/{first.id}/")
    assert page.get_by_role("heading", level=1, name=first.title).is_visible()
    page.get_by_role("heading", name="One small practice").scroll_into_view_if_needed()

    page.get_by_role("button", name="Mark as read").click()
    page.wait_for_url(f"{base}/learn/{first.id}/")
    assert "Marked as read. Only you can see this." in page.content()

    page.locator("[data-practice]").click()
    page.wait_for_url(re.compile(rf"/prompts/{bond.pk}/$"))
    assert page.locator("#prompt-text").is_visible()

    page.get_by_role("link", name="Progress").click()
    page.wait_for_url(f"{base}/progress/")
    counted = page.locator("[data-lessons-read]")
    assert counted.inner_text() == f"You've read 1 of {len(lessons())} lessons."
    assert "streak" not in page.content().lower()

    # Today now suggests the next lesson on the path.
    page.goto(base + "/")
    assert (
        suggested_path()[1].title
        in page.locator("section[aria-labelledby=learn-today-heading]").inner_text()
    )
