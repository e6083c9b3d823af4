"""Checks every browser test gets for free, on every Heard page it visited.

Every Heard page a test loads is kept as the server sent it (PageRecorder). When the test ends,
each one is shown again in the same browser context, from that copy, and checked:

- axe-core (vendored under tests/browser/vendor, pinned) at 390 px, light and dark: no serious or
  critical violation;
- no sideways scroll at 320 px and 390 px (`scrollWidth <= innerWidth`);
- page weight before images (document, CSS, scripts, bytes on the wire, cache off) under
  PAGE_BUDGET_BYTES;
- a full-page screenshot at 390 px, light, into test-results/screenshots/ (git-ignored) for a
  person to look at.

A page that is the same as one checked earlier in the run (CSRF tokens and nonces aside) is not
checked twice.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

AXE_VERSION = "4.14.1"
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PHONE_WIDTHS = (320, 390)
AXE_WIDTH = 390
PHONE_HEIGHT = 844
PAGE_BUDGET_BYTES = 100_000
# A developer's page, not one people use Heard through: swagger-ui alone is about 1.9 MB.
BUDGET_EXEMPT = {"/api/v1/docs"}
# axe rules skipped on one page, each with its reason. swagger-ui 5 puts a copy button inside
# each operation's summary button; that is its markup, not ours (our page around it is checked).
AXE_SKIPPED: dict[str, set[str]] = {"/api/v1/docs": {"nested-interactive"}}
FAILING_IMPACTS = {"serious", "critical"}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
# Resource types that count towards the budget: everything but images and media.
COUNTED_TYPES = {"Document", "Stylesheet", "Script", "Fetch", "XHR", "Font", "Manifest", "Other"}

_OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      wide.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : '') + ' ' + Math.round(box.right) + 'px');
    }
    if (wide.length >= 5) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide};
}"""

_AXE_RUN_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""


@dataclass
class PageChecks:
    """What one test's pages broke; empty when all is well."""

    problems: list[str] = field(default_factory=list)
    weights: dict[str, int] = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")


def page_key(url: str, origin: str) -> str | None:
    """The path (and query) of a Heard page, or None for another origin or a non-page."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(("/static/", "/api/v1/openapi.json")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _slug(test_name: str, key: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", f"{test_name}-{key}").strip("-")[:150]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    # Evaluated through the devtools protocol, so our CSP (no inline script) stays on.
    page.evaluate(AXE_SOURCE + "\n;0")
    return page.evaluate(_AXE_RUN_JS)


def overflow(page: Any) -> dict[str, Any]:
    return page.evaluate(_OVERFLOW_JS)


@dataclass
class Snapshot:
    """One Heard page as the server sent it during the test (messages and all)."""

    key: str
    status: int
    headers: dict[str, str]
    body: bytes
    wire_bytes: int


class PageRecorder:
    """Wraps the live server's WSGI app to keep a copy of each full Heard page it serves.

    Replaying the copies checks each page exactly as the person saw it, including one-off
    messages and pages that answered a POST, without asking the server again. At most the first
    and the latest version of each page is kept."""

    def __init__(self, live_server: Any) -> None:
        self.origin = live_server.url
        self.httpd = live_server.thread.httpd
        self.app = self.httpd.get_app()
        self.snapshots: dict[str, list[Snapshot]] = {}

    def __enter__(self) -> PageRecorder:
        self.httpd.set_app(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.set_app(self.app)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        is_page = environ.get("HTTP_SEC_FETCH_DEST", "document") == "document" and not (
            environ.get("HTTP_HX_REQUEST") or environ.get("PATH_INFO", "").startswith("/static/")
        )
        if not is_page:
            return self.app(environ, start_response)
        seen: dict[str, Any] = {}

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"], seen["headers"] = int(status.split()[0]), headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, start)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        self._keep(environ, seen["status"], dict(seen["headers"]), body)
        return [body]

    def _keep(
        self, environ: dict[str, Any], status: int, headers: dict[str, str], body: bytes
    ) -> None:
        query = environ.get("QUERY_STRING", "")
        key = environ.get("PATH_INFO", "/") + (f"?{query}" if query else "")
        if 300 <= status < 400 or "text/html" not in headers.get("Content-Type", ""):
            return
        wire = len(body)
        if headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        kept = {
            name: value
            for name, value in headers.items()
            if name.lower() not in {"content-encoding", "content-length", "set-cookie"}
        }
        versions = self.snapshots.setdefault(key, [])
        snapshot = Snapshot(key, status, kept, body, wire)
        if len(versions) < 2:
            versions.append(snapshot)
        else:
            versions[-1] = snapshot

    def all(self) -> list[Snapshot]:
        return [snap for versions in self.snapshots.values() for snap in versions]


def _replay(page: Any, origin: str, snapshot: Snapshot) -> None:
    """Show the copy; only static files reach the server (no polling, nothing changes)."""
    url = origin + snapshot.key

    def handle(route: Any, request: Any) -> None:
        if request.url == url and request.resource_type == "document":
            route.fulfill(status=snapshot.status, headers=snapshot.headers, body=snapshot.body)
        elif page_key(request.url, origin) is None and request.url.startswith(origin):
            route.continue_()
        else:
            route.abort()

    page.unroute("**/*")
    page.route("**/*", handle)
    page.goto(url, wait_until="load")


def _static_bytes(context: Any, page: Any, origin: str, snapshot: Snapshot) -> int:
    """Bytes on the wire for the page's styles and scripts (not images), with the cache off."""
    cdp = context.new_cdp_session(page)
    kinds: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    _replay(page, origin, snapshot)
    page.wait_for_load_state("networkidle")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.detach()
    return sum(
        size
        for rid, size in sizes.items()
        if kinds.get(rid, "Other") in COUNTED_TYPES and kinds.get(rid) != "Document"
    )


def _check_overflow(page: Any, key: str, width: int, found: PageChecks) -> None:
    measured = overflow(page)
    if measured["scrollWidth"] > measured["innerWidth"]:
        found.add(
            key,
            f"scrolls sideways at {width} px (scrollWidth {measured['scrollWidth']}; "
            f"widest: {measured['wide']})",
        )


# Long token-like attribute values (CSRF tokens, CSP nonces, submission keys) differ on every
# load; with them blanked, a page another test already checked is the same page.
_TOKENS = re.compile(rb'((?:value|nonce|content)=")[A-Za-z0-9_\-+/=:.]{20,}(")')
_CHECKED: set[bytes] = set()


def _already_checked(snapshot: Snapshot) -> bool:
    """True when the same page, tokens aside, was checked earlier in this test run."""
    digest = hashlib.sha256(
        snapshot.key.encode() + b"\0" + _TOKENS.sub(rb"\1\2", snapshot.body)
    ).digest()
    if digest in _CHECKED:
        return True
    _CHECKED.add(digest)
    return False


def check_pages(browser: Any, recorder: PageRecorder, test_name: str) -> PageChecks:
    """Replay each recorded page in a fresh context and check it; returns what went wrong.
    A page identical (tokens aside) to one already checked in this run is not checked again."""
    found = PageChecks()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    origin = recorder.origin
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        for number, snapshot in enumerate(recorder.all()):
            if _already_checked(snapshot):
                continue
            key = snapshot.key
            page.set_viewport_size({"width": AXE_WIDTH, "height": PHONE_HEIGHT})
            page.emulate_media(color_scheme="light")
            weight = snapshot.wire_bytes + _static_bytes(context, page, origin, snapshot)
            found.weights[key] = max(weight, found.weights.get(key, 0))
            if weight > PAGE_BUDGET_BYTES and key not in BUDGET_EXEMPT:
                found.add(key, f"weighs {weight} bytes before images (budget {PAGE_BUDGET_BYTES})")
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                _replay(page, origin, snapshot)
                if scheme == "light":
                    _check_overflow(page, key, AXE_WIDTH, found)
                for violation in axe_violations(page):
                    if violation["id"] in AXE_SKIPPED.get(key, set()):
                        continue
                    if violation["impact"] in FAILING_IMPACTS:
                        found.add(
                            key,
                            f"axe {violation['impact']} {violation['id']} ({scheme}): "
                            f"{violation['help']} at {violation['targets']}",
                        )
                if scheme == "light":  # a person looks at these; dark mode is checked by axe
                    page.screenshot(
                        path=str(SCREENSHOTS / f"{_slug(test_name, key)}-{number}.png"),
                        full_page=True,
                    )
            page.emulate_media(color_scheme="light")
            for width in PHONE_WIDTHS:
                if width == AXE_WIDTH:
                    continue
                page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
                _replay(page, origin, snapshot)
                _check_overflow(page, key, width, found)
    finally:
        context.close()
    return found
