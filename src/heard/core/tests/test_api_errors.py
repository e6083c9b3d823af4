"""Under /api/, every error is JSON with the right status: unknown paths, bad ids, missing
authentication, wrong methods, bodies too big and server errors alike."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import path

from heard.accounts.services import api_token_create


def _boom(request):
    raise RuntimeError("a bug")


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:200]
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = json.loads(response.content)
    assert body.get("detail")
    return body


@pytest.fixture
def bearer(alice) -> dict[str, str]:
    _, secret = api_token_create(user=alice, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
@pytest.mark.parametrize("where", ["/api/v1/nope", "/api/v1/dialogues/-1", "/api/v2/x"])
def test_unknown_paths_and_bad_ids_are_a_json_404_even_with_a_token(bearer, method, where):
    """SECURITY.md promise 14: a clear 4xx, as JSON, never a CSRF page."""
    response = getattr(Client(enforce_csrf_checks=True), method)(where, **bearer)
    _json_error(response, 404)


@pytest.mark.django_db
def test_an_anonymous_unsafe_call_is_a_401_not_a_csrf_failure():
    client = Client(enforce_csrf_checks=True)
    body = _json_error(
        client.post(
            "/api/v1/appreciation", {"bond_id": 1, "text": "x"}, content_type="application/json"
        ),
        401,
    )
    assert "CSRF" not in body["detail"]


@pytest.mark.django_db
def test_a_session_without_the_csrf_token_is_still_refused_as_json(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    _json_error(client.post("/api/v1/appreciation", {}, content_type="application/json"), 403)


@pytest.mark.django_db
def test_a_wrong_method_is_a_json_405_with_allow(bearer):
    response = Client().delete("/api/v1/me", **bearer)
    _json_error(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_a_body_over_the_limit_is_a_json_413(bearer):
    response = Client().post(
        "/api/v1/appreciation",
        json.dumps({"bond_id": 1, "text": "x" * (10 * 1024 * 1024)}),
        content_type="application/json",
        **bearer,
    )
    _json_error(response, 413)


# This module serves as the URLconf below: two broken views in front of the real ones, with
# the real 500 handler.
urlpatterns = [path("api/v1/boom", _boom), path("boom", _boom)]
handler500 = __import__("heard.urls", fromlist=["handler500"]).handler500


@pytest.mark.django_db
def test_a_server_error_is_json_under_the_api_and_the_page_has_the_quick_exit(settings):
    from heard.urls import urlpatterns as real

    settings.ROOT_URLCONF = __name__
    urlpatterns[2:] = real
    client = Client(raise_request_exception=False)
    body = _json_error(client.get("/api/v1/boom"), 500)
    assert "a bug" not in body["detail"]
    page = client.get("/boom")
    assert page.status_code == 500
    html = page.content.decode()
    assert "Quick exit" in html and settings.QUICK_EXIT_URL in html
