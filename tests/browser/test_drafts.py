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


# Typed text that no autosave has sent (set without an input event, so htmx's delayed save never
# starts): only the page's own listeners for leaving can save it.
_TYPE_UNSAVED = (
    "text => { const box = document.querySelector('textarea[data-draft-url]'); box.value = text; }"
)
_HIDE = """() => {
  Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});
  document.dispatchEvent(new Event('visibilitychange'));
}"""
_PAGEHIDE = "() => window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: false}))"


@pytest.mark.parametrize("leaving", ["visibilitychange", "pagehide"])
def test_a_draft_is_sent_with_a_beacon_when_the_page_hides(
    live_server, new_page, bond, alice, bob, leaving
):
    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    dialogue = to_state(
        dialogue_start(bond=bond, starter=alice, other=bob, mode="apart"), "mirroring"
    )
    page = new_page()
    log_in(page, live_server.url, "bob")
    page.goto(f"{live_server.url}/talk/d/{dialogue.pk}/")
    beacons: list[str] = []
    page.on("request", lambda r: beacons.append(r.url) if r.resource_type == "ping" else None)
    page.evaluate(_TYPE_UNSAVED, MIRROR)
    page.evaluate(_HIDE if leaving == "visibilitychange" else _PAGEHIDE)
    for _ in range(50):
        if Draft.objects.filter(dialogue=dialogue, author=bob, text=MIRROR).exists():
            break
        page.wait_for_timeout(100)
    assert Draft.objects.get(dialogue=dialogue, author=bob).text == MIRROR
    assert beacons, "sent with navigator.sendBeacon"
