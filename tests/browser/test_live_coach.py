"""The live coach in the listening dialogue, in headless Chromium: a sarcastic reply gets the
contempt message, a reflective one the reflection message, as the listener types."""

import re

import pytest
from playwright.sync_api import expect

from heard.dialogue import services
from heard.dialogue.models import Mode
from heard.dialogue.tests.helpers import SHARE
from heard.safety.services import screening_submit
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE = 20_000
SARCASTIC = "oh poor you, cry me a river. welcome to having a job"
REFLECTIVE = "so the deadline moved again and you had to miss dinner. that sounds exhausting."


def test_the_live_coach_reads_sarcasm_and_reflection(live_server, new_page, bond, alice, bob):
    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    d = services.dialogue_start(bond=bond, starter=alice, other=bob, mode=Mode.APART)
    services.need_choose(dialogue=d, actor=alice, need="listen")
    services.share_send(dialogue=d, actor=alice, text=SHARE)

    page = new_page()
    log_in(page, live_server.url, "bob")
    page.goto(f"{live_server.url}/talk/d/{d.pk}/")
    page.wait_for_url(re.compile(r"/talk/d/\d+/$"))
    box = page.locator("#reply-text")
    expect(box).to_be_visible(timeout=LIVE)

    box.fill(SARCASTIC)
    contempt = page.locator('.coach-try[data-coach-label="contempt"]')
    expect(contempt).to_be_visible(timeout=LIVE)
    expect(contempt).to_contain_text("mocking")
    expect(page.locator(".coach-strength")).to_have_count(0)

    box.fill(REFLECTIVE)
    reflection = page.locator('.coach-strength[data-coach-label="reflection"]')
    expect(reflection).to_be_visible(timeout=LIVE)
    expect(reflection).to_contain_text("your own words")
