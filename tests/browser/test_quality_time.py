"""End to end in headless Chromium: propose a time, the other accepts, it shows on Today,
Together now, a private rating, and the rating on Progress."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_propose_accept_today_together_now_rate_progress(live_server, new_page, alice, bob, bond):
    from heard.quality.models import Plan
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    base = live_server.url
    day = (timezone.now() + dt.timedelta(days=2)).date().isoformat()

    page = new_page()
    log_in(page, base, "alice")
    page.goto(base + "/together/")
    page.get_by_role("link", name="Ideas for time together").click()
    page.get_by_label("How long").select_option("ten_minutes")
    page.get_by_label("Where").select_option("out")
    page.get_by_role("button", name="Show ideas").click()
    page.get_by_role("link", name="Walk around the block after dinner").click()
    assert "Leave one phone at home" in page.content()
    page.get_by_label("With").select_option(label="bob")
    page.get_by_label("Day").fill(day)
    page.get_by_label("Time:").fill("19:00")
    page.get_by_role("button", name="Suggest this time").click()
    assert "Suggested." in page.content()

    other = new_page()
    log_in(other, base, "bob")
    other.get_by_role("link", name="alice suggested walk around the block after dinner").click()
    other.get_by_role("button", name="Yes, let's").click()
    assert "It's in the plan" in other.content()
    other.goto(base + "/")
    assert other.get_by_role("link", name="Walk around the block after dinner").is_visible()

    # The evening comes: the walk has started.
    Plan.objects.update(starts_at=timezone.now() - dt.timedelta(minutes=20))
    other.get_by_role("link", name="Walk around the block after dinner").click()
    other.get_by_role("link", name="Together now").click()
    assert "Phones away." in other.content()
    assert "What was the best small moment of your day?" in other.content()
    other.get_by_label("8", exact=True).check()
    other.get_by_role("button", name="Save, just for me").click()
    assert "Only you see this" in other.content()

    other.goto(base + "/progress/")
    chart = other.locator("figure.chart", has_text="after time together")
    assert chart.count() == 1
    assert "latest 8" in chart.locator("desc").first.text_content()
    page.goto(base + "/progress/")
    assert "after time together" not in page.content()  # alice sees only her own ratings
