"""End to end in headless Chromium: the check-up (closeness picture by keyboard), a check-in
and the Progress page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def test_check_up_with_keyboard_closeness_then_progress(live_server, new_page, alice, bob, bond):
    from heard.checkup import services
    from heard.checkup.content import checkup_items_for

    base = live_server.url
    page = new_page()
    _login(page, base, "alice")

    page.goto(f"{base}/checkup/take/{bond.pk}/")
    # The closeness picture is a radio group: focus it and move with the arrow keys.
    page.locator("#id_closeness_1").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator("#id_closeness_4").is_checked()
    assert page.locator("label[for=id_closeness_4] svg circle").count() == 2

    # Short steps with a progress bar; answers are kept on each step (and going back).
    assert "Step 1 of" in page.locator("#checkup-step").inner_text()
    step_label = page.locator("#checkup-step strong")

    def go(button: str, to_step: int) -> None:
        # Each step is a round trip: wait for the next page before reading it, or the loop
        # can read the old step (and look for a Next button the last step doesn't have).
        page.get_by_role("button", name=button, exact=True).click()
        expect(step_label).to_contain_text(f"Step {to_step} of")

    go("Next", 2)
    step = 2
    index = 0
    while True:
        for radio in page.locator("input[type=radio][name^='a_'][value='4']").all():
            if index % 7 != 3:  # skipping a few statements is fine
                radio.check()
            index += 1
        if page.get_by_role("button", name="See my results").count():
            break
        step += 1
        go("Next", step)
    go("Back", step - 1)
    assert page.locator("input[type=radio][name^='a_'][value='4']:checked").count() > 0
    go("Next", step)
    page.get_by_label("Share my results with them").check()
    page.get_by_role("button", name="See my results").click()
    page.wait_for_url(re.compile(r"/checkup/results/\d+/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "This week's focus" in page.content()
    assert "Some shared" in page.content()  # closeness step 4
    assert page.locator("svg[role=img]").count() == 2

    page.get_by_role("link", name="Side by side").click()
    assert "Both results" not in page.content()
    answers = {item.id: 2 for item in checkup_items_for("partner")}
    services.checkup_submit(user=bob, bond=bond, answers=answers, share=True)
    page.reload()
    assert "Both results" in page.content()
    assert page.get_by_role("heading", name="Things to talk about").is_visible()

    # A check-in from Today, with the word filter. The rating's hint gets the card's width.
    page.goto(base + "/")
    hint = page.locator(".rating-field .helptext").first.bounding_box()
    assert hint is not None and hint["width"] > 250 and hint["height"] < 80
    page.get_by_label("Find a feeling word").fill("hopef")
    assert page.locator("#id_feeling").input_value() == "hopeful"
    page.locator(f"label[for^='id_rating_{bond.pk}_']", has_text="8").click()
    page.get_by_role("button", name="Check in").click()
    page.wait_for_url(base + "/")
    assert "Checked in: hopeful" in page.content()

    page.goto(base + "/progress/")
    assert page.get_by_role("heading", name=re.compile("This week's focus")).is_visible()
    assert "This week you checked in on 1 day" in page.content()
    charts = page.locator("figure.chart svg[role=img]")
    assert charts.count() >= 4
    first_desc = page.locator("figure.chart desc").first.text_content()
    assert "latest 8" in first_desc
    assert page.locator("figure.chart .visually-hidden table").count() >= 1
    # At 390 px the hidden tables no longer widen the page (they made it 523 px, and moved taps).
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "Your first check-up" in page.content()
    # Celebrated once: the next visit does not repeat the banner.
    page.reload()
    assert "A moment worth noticing" not in page.content()
