"""In headless Chromium: a risky answer shows its writer the crisis panel and is held back;
an idiom shows no panel. The partner sees nothing of either."""

import re

import pytest

from tests.browser.helpers import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screen_both(bond, alice, bob) -> None:
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})


def test_a_risky_answer_shows_the_crisis_panel_to_its_writer_only(
    live_server, new_page, bond, alice, bob
):
    _screen_both(bond, alice, bob)
    base = live_server.url
    page = new_page()
    _login(page, base, "alice")
    page.goto(base + f"/prompts/{bond.pk}/")
    page.get_by_label("Your answer").fill(
        "Honestly I don't want to be alive anymore. I can't see a way out."
    )
    page.get_by_role("button", name="Share my answer").click()
    panel = page.locator("[data-crisis-panel]")
    panel.wait_for()
    assert "You don't have to carry this alone" in panel.inner_text()
    assert re.search(r"988", panel.inner_text())
    # Nothing typed is lost: the answer is still there, held back for her to decide.
    assert "don't want to be alive" in page.get_by_label("Your answer").input_value()

    partner = new_page()
    _login(partner, base, "bob")
    partner.goto(base + f"/prompts/{bond.pk}/")
    html = partner.content()
    assert "alive" not in html
    assert "data-crisis-panel" not in html
    assert "alice has answered" not in html


def test_an_idiom_shows_no_panel(live_server, new_page, bond, alice, bob):
    _screen_both(bond, alice, bob)
    base = live_server.url
    page = new_page()
    _login(page, base, "alice")
    page.goto(base + f"/prompts/{bond.pk}/")
    page.get_by_label("Your answer").fill(
        "This week at work is killing me, but Sunday pancakes saved me."
    )
    page.get_by_role("button", name="Share my answer").click()
    page.locator("[data-waiting]").wait_for()
    assert page.locator("[data-crisis-panel]").count() == 0
