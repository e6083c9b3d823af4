"""Promises that hold on every page: Quick exit, Help link, CSP without inline script,
no other origins, no caching of private pages."""

import re
from pathlib import Path

import pytest

HEARD = Path(__file__).resolve().parents[2]

ANON_PAGES = [
    "/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/join/",
    "/help/",
]
USER_PAGES = [
    "/",
    "/welcome/",
    "/talk/",
    "/progress/",
    "/help/",
    "/together/",
    "/together/invite/",
    "/account/",
    "/account/password/",
]


def _check_page(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-quick-exit" in html, "every page has a Quick exit"
    assert 'href="/help/"' in html, "every page links to Help"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert "geolocation=()" in response["Permissions-Policy"]
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script: {tag}"
    # Nothing is loaded from another origin (links people may choose to follow are fine).
    assert not re.search(r"""\ssrc=["']?(https?:)?//""", html)
    for tag in re.findall(r"<link\b[^>]*>", html):
        assert not re.search(r"""href=["']?(https?:)?//""", tag), tag
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ANON_PAGES)
def test_anonymous_pages_keep_the_promises(client, url):
    _check_page(client.get(url))


@pytest.mark.django_db
@pytest.mark.parametrize("url", USER_PAGES)
def test_signed_in_pages_keep_the_promises(alice_client, bond, url):
    _check_page(alice_client.get(url))


@pytest.mark.django_db
def test_bond_pages_keep_the_promises(alice_client, bond):
    _check_page(alice_client.get(f"/together/{bond.pk}/"))
    _check_page(alice_client.get(f"/together/{bond.pk}/leave/"))


def _templates() -> list[Path]:
    return [p for p in HEARD.rglob("templates/**/*.html")]


def test_templates_have_no_inline_script_style_or_handlers():
    assert _templates()
    for path in _templates():
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"{path}: inline script"
        assert not re.search(r"\son[a-z]+\s*=", text), f"{path}: inline event handler"
        assert not re.search(r"\sstyle\s*=", text), f"{path}: inline style attribute"
        assert "<style" not in text, f"{path}: inline style element"


def test_no_template_or_static_file_loads_from_another_origin():
    for path in [*_templates(), *HEARD.glob("static/heard/*.css")]:
        text = path.read_text()
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path
        assert "@import" not in text and "url(http" not in text, path


def test_quick_exit_target_is_configurable(client, settings, db):
    settings.QUICK_EXIT_URL = "https://example.org/news"
    html = client.get("/").content.decode()
    assert 'href="/exit/" data-quick-exit' in html
    response = client.get("/exit/")
    assert response.status_code == 302 and response["Location"] == "https://example.org/news"


def test_quick_exit_ends_the_session(alice_client, alice):
    assert alice_client.get("/").wsgi_request.user == alice
    response = alice_client.get("/exit/")
    assert response.cookies["heard_left"].value == "1"
    assert not alice_client.get("/").wsgi_request.user.is_authenticated
    # A POST from a stale page (no CSRF token needed to leave) ends it too.
    alice_client.force_login(alice)
    assert alice_client.post("/exit/").status_code == 302
    assert not alice_client.get("/").wsgi_request.user.is_authenticated


def test_htmx_is_vendored(client, db):
    response = client.get("/static/heard/htmx.min.js")
    assert response.status_code == 200
    assert b"htmx" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_private_pages_need_login(client):
    for url in USER_PAGES[1:]:
        if url == "/help/":
            continue
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url


def test_no_model_has_a_location_field(db):
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.get_fields():
            name = field.name.lower()
            assert not any(
                w in name for w in ("latitude", "longitude", "geo", "location", "gps")
            ), (model, name)
