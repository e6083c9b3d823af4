"""End to end in headless Chromium: a counsellor (made by the host's service) invites a bond,
both people consent (one by link, one by code), the counsellor assigns a listening dialogue,
both see it on Today and mark it done (one shares a reflection, one keeps it private), and the
session-prep page shows it done with only what was shared."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHARED = "We took turns and it felt calmer than usual."
PRIVATE = "BOB-PRIVATE-CANARY: I nearly gave up halfway."


def test_assign_a_dialogue_both_do_it_and_prep_shows_only_what_was_shared(
    live_server, new_page, alice, bob, ready_bond
):
    from heard.counsel.services import counsellor_add

    counsellor_add(username="dr_kim", password=PASSWORD, practice_name="Harbour Counselling")
    base = live_server.url

    # The counsellor invites the bond.
    kim = new_page()
    log_in(kim, base, "dr_kim")
    nav = kim.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Talk").count() == 0
    nav.get_by_role("link", name="Clients").click()
    kim.get_by_role("link", name="Invite a client").click()
    kim.get_by_label("A couple or pair").check()
    kim.get_by_role("button", name="Make the invite").click()
    link = kim.get_by_label("Invite link").input_value()
    code = kim.locator("#invite-code").text_content().strip()
    assert "/counsel/join/" in link and code

    # alice consents by link; bob by code. Neither sees the Clients place.
    page = new_page()
    log_in(page, base, "alice")
    assert (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").count() == 0
    )
    page.goto(link)
    expect(page.locator("body")).to_contain_text("will not see")
    expect(page.locator("body")).to_contain_text("dialogue turns")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("body")).to_contain_text("Waiting for bob to agree")

    other = new_page()
    log_in(other, base, "bob")
    other.goto(base + "/account/")
    other.get_by_role("link", name=re.compile("Connect with your counsellor")).click()
    other.get_by_role("link", name="Enter a code from your counsellor").click()
    other.get_by_label("Counsellor code").fill(code)
    other.get_by_role("button", name="Continue").click()
    other.get_by_role("button", name="Accept").click()
    expect(other.locator("body")).to_contain_text("Connected")

    # The counsellor assigns a listening dialogue from the library.
    kim.goto(base + "/counsel/clients/")
    kim.get_by_role("link", name="alice and bob").first.click()
    kim.get_by_role("link", name="Assign from the library").click()
    kim.get_by_label("A listening dialogue").check()
    kim.get_by_label("For a dialogue: the topic").select_option("values")
    kim.get_by_label("For a dialogue: what the person sharing needs").select_option("listen")
    kim.get_by_label("A short note (optional)").fill("Ten minutes, after Sunday breakfast.")
    kim.get_by_role("button", name="Assign", exact=True).click()
    assert "Assigned." in kim.content()

    # Both see it on Today and do it.
    page.goto(base + "/")
    practice = page.locator("section", has_text="Practice this week")
    assert "Ten minutes, after Sunday breakfast." in practice.text_content()
    practice.get_by_role("button", name=re.compile("^Start")).click()
    assert "/counsel/" not in page.url  # it went to the dialogue itself
    page.goto(base + "/")
    practice = page.locator("section", has_text="Practice this week")
    practice.get_by_text("Add a reflection (optional)").click()
    practice.get_by_label("How did it go?").fill(SHARED)
    practice.get_by_label("Share with dr_kim").check()
    practice.get_by_role("button", name=re.compile("^Done")).click()
    expect(page.locator("body")).to_contain_text("Your reflection is shared")
    assert page.locator("section", has_text="Practice this week").get_by_text("Done").count() >= 1

    other.goto(base + "/")
    practice = other.locator("section", has_text="Practice this week")
    practice.get_by_text("Add a reflection (optional)").click()
    practice.get_by_label("How did it go?").fill(PRIVATE)
    practice.get_by_role("button", name=re.compile("^Done")).click()
    expect(other.locator("body")).to_contain_text("just for you")

    # Session prep: done for both, the shared reflection, and nothing unshared.
    kim.get_by_role("link", name="Session prep").first.click()
    assert kim.url.endswith("/prep/")
    prep = kim.content()
    assert prep.count('class="status status-done"') == 2
    assert SHARED in prep
    assert "BOB-PRIVATE-CANARY" not in prep
    assert kim.get_by_role("button", name="Print").is_visible()
    assert (
        kim.get_by_role("link", name="The same as JSON")
        .get_attribute("href")
        .startswith("/api/v1/counsel/clients/")
    )

    # alice sees that her counsellor looked.
    page.goto(base + "/counsel/mine/")
    expect(page.locator("body")).to_contain_text("dr_kim looked at")
