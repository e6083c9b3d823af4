"""End to end in headless Chromium: two people answer today's question. The second sees the
first's answer only after answering; the first sees a waiting state until then."""

import re

import pytest

from tests.browser.helpers import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_people_answer_todays_question(live_server, new_page, bond, alice, bob):
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    base = live_server.url

    first = new_page()
    _login(first, base, "alice")
    first.get_by_role("link", name=re.compile("Answer today's question")).click()
    first.wait_for_url(re.compile(rf"/prompts/{bond.pk}/$"))
    prompt = first.locator("#prompt-text").inner_text()
    first.get_by_label("Your answer").fill("Sunday mornings with the window open.")
    # The draft is kept as she types (htmx autosave), before anything is shared.
    first.get_by_text("Draft saved. Only you can see it.").wait_for()
    first.get_by_role("button", name="Share my answer").click()
    first.locator("[data-waiting]").wait_for()
    assert "Waiting for bob" in first.locator("[data-waiting]").inner_text()

    second = new_page()
    _login(second, base, "bob")
    assert "alice answered today's question" in second.content()
    second.goto(base + f"/prompts/{bond.pk}/")
    assert second.locator("#prompt-text").inner_text() == prompt
    assert "Sunday mornings" not in second.content()
    assert "alice has answered" in second.content()
    second.get_by_label("Your answer").fill("Long walks by the river on a slow Saturday.")
    second.get_by_role("button", name="Share my answer").click()
    second.locator("[data-their-answer]").wait_for()
    assert (
        "Sunday mornings with the window open."
        in second.locator("[data-their-answer]").inner_text()
    )

    # Her waiting page notices his answer on its own (the htmx poll reloads it).
    first.wait_for_selector("[data-their-answer]", timeout=15_000)
    assert "Long walks" in first.locator("[data-their-answer]").inner_text()
    first.get_by_role("button", name="Thank you for sharing").click()
    first.locator('button[aria-pressed="true"]').wait_for()
