"""In headless Chromium: /api/v1/docs shows the API under our CSP, from our own files."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_from_our_own_origin(live_server, new_page):
    page = new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    other_origins: list[str] = []
    page.on(
        "request",
        lambda r: other_origins.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=20_000)
    assert page.locator(".opblock").count() > 20
    assert page.get_by_role("heading", name="Heard API docs", exact=True).is_visible()
    assert other_origins == []
    assert not [p for p in problems if "Content Security Policy" in p], problems
