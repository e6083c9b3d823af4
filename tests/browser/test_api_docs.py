"""In headless Chromium: /api/v1/docs shows the API under our CSP, from our own files, and
every operation in the schema can be reached on the page.

swagger-ui (5.35) draws a long list of operations virtually: only those near the viewport are
in the page at any time. So the test scrolls through and collects each one it sees."""

import pytest
from django.test import Client
from playwright.sync_api import expect

SEEN = """() => Array.from(document.querySelectorAll('.opblock')).map(block => {
  const method = block.querySelector('.opblock-summary-method');
  const path = block.querySelector('.opblock-summary-path');
  return method && path
    ? method.innerText.trim().toLowerCase() + ' ' + (path.getAttribute('data-path') || '')
    : '';
})"""
AT_THE_END = "() => window.scrollY + window.innerHeight >= document.body.scrollHeight - 2"

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
    documented = {
        f"{method} {path}"
        for path, methods in Client().get("/api/v1/openapi.json").json()["paths"].items()
        for method in methods
    }
    shown: set[str] = set()
    for _ in range(2000):
        shown.update(page.evaluate(SEEN))
        if page.evaluate(AT_THE_END):
            break
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(30)
    shown.update(page.evaluate(SEEN))
    assert len(documented) > 20
    assert documented <= shown, sorted(documented - shown)
    assert page.get_by_role("heading", name="Heard API docs", exact=True).is_visible()
    assert other_origins == []
    assert not [p for p in problems if "Content Security Policy" in p], problems
