"""In headless Chromium: a draft typed and reloaded within the autosave delay is not lost."""

import pytest
from playwright.sync_api import expect

from heard.dialogue.models import Draft
from heard.dialogue.services import dialogue_start
from heard.dialogue.tests.helpers import MIRROR, to_state
from heard.safety.services import screening_submit
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_draft_survives_a_reload_inside_the_autosave_delay(
    live_server, new_page, bond, alice, bob
):
    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    dialogue = to_state(
        dialogue_start(bond=bond, starter=alice, other=bob, mode="apart"), "mirroring"
    )
    page = new_page()
    log_in(page, live_server.url, "bob")
    page.goto(f"{live_server.url}/talk/d/{dialogue.pk}/")
    box = page.get_by_label("1. Mirror: say back what you heard")
    box.fill(MIRROR)
    page.reload()  # well within the 700 ms debounce
    expect(page.get_by_label("1. Mirror: say back what you heard")).to_have_value(MIRROR)
    assert Draft.objects.get(dialogue=dialogue, author=bob).text == MIRROR
    # The save that rescued it left no "Saved as your draft" message behind.
    assert page.locator(".messages").count() == 0
