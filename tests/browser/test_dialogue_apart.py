"""End to end in headless Chromium: a whole apart-mode listening dialogue between two browser
contexts. The other person's turn appears without reloading; the coach reads along; a draft
survives a reload; the speaker rates how heard they felt; then they swap roles."""

import re

import pytest
from playwright.sync_api import expect

from heard.dialogue.tests.helpers import ADVICE, EMPATHIZE, MIRROR, SHARE, VALIDATE
from heard.safety.services import screening_submit
from tests.browser.helpers import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE = 20_000  # the status is polled every 3 s; allow for a slow machine


def test_a_full_apart_dialogue_with_feedback_rating_and_swap(
    live_server, new_page, bond, alice, bob
):
    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    base = live_server.url
    alice, bob = new_page(), new_page()  # from here on, their browser pages
    _login(alice, base, "alice")
    _login(bob, base, "bob")

    # alice starts from the Talk page, apart, speaking first.
    alice.goto(base + "/talk/")
    alice.get_by_role("link", name="Start one with bob").click()
    alice.get_by_label("Apart, each on your own device").check()
    alice.get_by_label("Me").check()
    alice.get_by_role("button", name="Start").click()
    alice.wait_for_url(re.compile(r"/talk/d/\d+/$"))
    dialogue_url = alice.url

    bob.goto(dialogue_url)
    expect(bob.locator("#dialogue-status")).to_contain_text("Waiting for alice", timeout=LIVE)

    alice.get_by_label("To be heard").check()
    alice.get_by_role("button", name="Choose").click()
    alice.get_by_label("What's on your mind?").fill(SHARE)
    expect(bob.locator("#dialogue-status")).to_contain_text("alice is typing", timeout=LIVE)
    alice.get_by_role("button", name="Send, I'm ready to be heard").click()

    # bob's page moves on by itself; the coach flags advice, since alice wants to be heard.
    mirror_box = bob.get_by_label("1. Mirror: say back what you heard")
    expect(mirror_box).to_be_visible(timeout=LIVE)
    expect(bob.get_by_text(SHARE)).to_be_visible()
    mirror_box.fill(ADVICE)
    coach = bob.locator("[data-coach]")
    expect(coach).to_contain_text("One thing to try", timeout=LIVE)
    expect(bob.locator('.coach-try[data-coach-label="advice"]')).to_be_visible()

    # He revises; the draft is kept on the server and survives a reload.
    mirror_box.fill(MIRROR)
    expect(bob.locator('.coach-strength[data-coach-label="reflection"]')).to_be_visible(
        timeout=LIVE
    )
    expect(bob.locator("[data-draft-saved]")).to_be_visible()
    bob.reload()
    expect(bob.get_by_label("1. Mirror: say back what you heard")).to_have_value(MIRROR)
    bob.get_by_role("button", name="Send", exact=True).click()

    # alice confirms the mirror without reloading.
    expect(alice.get_by_text("Did bob get it?")).to_be_visible(timeout=LIVE)
    expect(alice.get_by_text(MIRROR)).to_be_visible()
    alice.get_by_role("button", name="Yes, you got it").click()

    validate_box = bob.get_by_label("2. Validate: say why it makes sense")
    expect(validate_box).to_be_visible(timeout=LIVE)
    validate_box.fill(VALIDATE)
    bob.get_by_role("button", name="Send", exact=True).click()
    empathize_box = bob.get_by_label("3. Empathize: imagine how it feels")
    empathize_box.fill(EMPATHIZE)
    expect(bob.locator("[data-coach]")).to_be_visible(timeout=LIVE)
    bob.get_by_role("button", name="Send", exact=True).click()

    # alice rates how heard she felt.
    expect(alice.get_by_text("How heard did you feel?")).to_be_visible(timeout=LIVE)
    alice.get_by_label("5", exact=True).check()
    alice.get_by_label("What helped? (optional)").fill("Being asked if you got it right.")
    alice.get_by_role("button", name="Send", exact=True).click()
    expect(alice.get_by_text("You felt heard: 5 out of 5")).to_be_visible()

    # bob sees the rating and swaps roles; alice's page follows.
    expect(bob.get_by_text("alice felt heard: 5 out of 5")).to_be_visible(timeout=LIVE)
    expect(bob.get_by_text("Being asked if you got it right.")).to_be_visible()
    bob.get_by_role("button", name="Swap roles: bob speaks").click()
    expect(bob.get_by_label("To be heard")).to_be_visible()
    expect(alice.locator("#dialogue-status")).to_contain_text(
        "Waiting for bob to choose what they need", timeout=LIVE
    )
    expect(alice.get_by_text("round 2 · bob speaks, alice listens")).to_be_visible(timeout=LIVE)
