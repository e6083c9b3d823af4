"""The installable app: manifest icons, the service worker and what it may keep."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_from_the_root(client, settings):
    settings.QUICK_EXIT_URL = "https://example.org/news"
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert 'var QUICK_EXIT_URL = "https://example.org/news";' in body


def test_the_service_worker_precaches_only_static_files():
    with open(finders.find("heard/sw.js"), encoding="utf-8") as handle:
        script = handle.read()
    shell = re.search(r"var SHELL = \[(.*?)\];", script, re.S).group(1)
    urls = [*re.findall(r'"([^"]+)"', shell), "/static/heard/offline.html"]
    assert urls and all(url.startswith("/static/") for url in urls), urls
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url


def test_the_manifest_has_png_and_maskable_icons(client):
    icons = client.get("/manifest.webmanifest").json()["icons"]
    for icon in icons:
        assert finders.find(icon["src"].removeprefix("/static/")), icon
    assert {"192x192", "512x512"} <= {i["sizes"] for i in icons if i["type"] == "image/png"}
    assert any(i.get("purpose") == "maskable" for i in icons)


def test_pages_link_an_apple_touch_icon(client):
    assert 'rel="apple-touch-icon" href="/static/heard/apple-touch-icon.png"' in (
        client.get("/").content.decode()
    )
