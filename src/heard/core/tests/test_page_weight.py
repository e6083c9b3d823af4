"""Pages go out compressed and stay under the 100 KB budget before images (issue 16, item 19).

The browser tests measure the same on every page they visit, on the wire; this measures the main
pages without a browser: the gzipped HTML plus the gzipped styles and scripts it links to."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from heard.core.tests.test_pages_and_headers import ANON_PAGES, USER_PAGES

pytestmark = pytest.mark.django_db
BUDGET = 100_000
ASSET = re.compile(r"""(?:src|href)="(/static/[^"]+\.(?:css|js))\"""")


def _weight(client, path: str) -> tuple[int, dict[str, int]]:
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200, path
    assert response["Content-Encoding"] == "gzip", f"{path} is not compressed"
    html = gzip.decompress(response.content).decode()
    parts = {"html": len(response.content)}
    for url in sorted(set(ASSET.findall(html))):
        found = finders.find(url.removeprefix("/static/"))
        assert found, url
        with open(found, "rb") as handle:
            parts[url] = len(gzip.compress(handle.read()))
    return sum(parts.values()), parts


@pytest.mark.parametrize("path", ANON_PAGES)
def test_anonymous_pages_are_compressed_and_under_budget(client, path):
    total, parts = _weight(client, path)
    assert total < BUDGET, parts


@pytest.mark.parametrize("path", [*USER_PAGES, "/checkup/", "/talk/say-it/", "/talk/practice/"])
def test_signed_in_pages_are_compressed_and_under_budget(alice_client, bond, path):
    total, parts = _weight(alice_client, path)
    assert total < BUDGET, parts


def test_the_check_up_is_under_budget(alice_client, bond, bob):
    from heard.safety.services import screening_submit

    screening_submit(user=bond.memberships.get(user__username="alice").user, bond=bond, answers={})
    total, parts = _weight(alice_client, f"/checkup/take/{bond.pk}/")
    assert total < BUDGET, parts


def test_collected_static_files_get_a_gzipped_copy(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    for name in ("heard.css", "heard.js", "htmx.min.js"):
        plain = tmp_path / "heard" / name
        packed = tmp_path / "heard" / f"{name}.gz"
        assert packed.exists() and packed.stat().st_size < plain.stat().st_size
