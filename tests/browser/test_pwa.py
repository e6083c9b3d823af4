"""In headless Chromium: Heard is installable, works offline with its offline page, and keeps no
page with anyone's words in any cache."""

import pytest

from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CANARY = "pwa-canary-words-7301"


def test_it_is_installable_offline_friendly_and_caches_only_static_files(
    live_server, browser, alice
):
    from heard.daily.services import checkin_submit

    checkin_submit(user=alice, feeling="calm", ratings={}, note=CANARY)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        base = live_server.url
        log_in(page, base, "alice")
        page.goto(base + "/checkup/checkin/")
        assert CANARY in page.content()
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now under the service worker's control
        assert page.evaluate("!!navigator.serviceWorker.controller")

        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # Test contexts are incognito-like, which alone blocks installing; nothing else may.
        assert [e for e in errors if e["errorId"] != "in-incognito"] == [], errors
        manifest = page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
        sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
        touch = page.locator("link[rel=apple-touch-icon]").get_attribute("href")
        assert page.evaluate(f"fetch('{touch}').then(r => r.headers.get('content-type'))") == (
            "image/png"
        )

        # Offline: pages show the offline page, which says what works.
        context.set_offline(True)
        page.goto(base + "/talk/")
        assert page.get_by_role("heading", name="You're offline").is_visible()
        assert "What works offline" in page.content()
        context.set_offline(False)

        # No cache holds a page, the API or anyone's words: only static files.
        cached = page.evaluate(
            """async (canary) => {
              const out = [];
              for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                  const body = await (await cache.match(request)).text();
                  out.push({url: request.url, canary: body.includes(canary)});
                }
              }
              return out;
            }""",
            CANARY,
        )
        assert cached, "the shell is cached"
        assert all("/static/" in entry["url"] for entry in cached), cached
        assert not any(entry["canary"] for entry in cached)
    finally:
        context.close()
