import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_api_invites_accepts_lists_and_leaves(alice_client, bob_client):
    created = alice_client.post(
        "/api/v1/bonds/invites", {"kind": "family"}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["code"] and body["link"].endswith("/")
    assert alice_client.get("/api/v1/bonds/invites").json()[0]["kind"] == "family"
    token = body["link"].rstrip("/").rsplit("/", 1)[1]
    accepted = bob_client.post(
        "/api/v1/bonds/invites/accept", {"token": token}, content_type="application/json"
    )
    assert accepted.status_code == 201
    assert accepted.json()["other"]["username"] == "alice"
    bond_id = accepted.json()["id"]
    assert [b["id"] for b in alice_client.get("/api/v1/bonds").json()] == [bond_id]
    assert alice_client.post(f"/api/v1/bonds/{bond_id}/leave").status_code == 204
    assert alice_client.get("/api/v1/bonds").json() == []


@pytest.mark.django_db
def test_the_api_accepts_by_code(alice_client, bob_client):
    code = alice_client.post(
        "/api/v1/bonds/invites", {"kind": "friend"}, content_type="application/json"
    ).json()["code"]
    response = bob_client.post(
        "/api/v1/bonds/invites/accept", {"code": code}, content_type="application/json"
    )
    assert response.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "payload", "status"),
    [
        ("post", "/api/v1/bonds/invites", {"kind": "stranger"}, 422),
        ("post", "/api/v1/bonds/invites", {}, 422),
        ("post", "/api/v1/bonds/invites", "not json", 400),
        ("post", "/api/v1/bonds/invites", [1, 2], 400),  # a body must be one JSON object
        ("post", "/api/v1/bonds/invites/accept", {}, 422),  # the schema asks for one of them
        ("post", "/api/v1/bonds/invites/accept", {"token": "nope"}, 404),
        ("post", "/api/v1/bonds/invites/accept", {"code": "x" * 50}, 422),
        ("post", "/api/v1/bonds/invites/accept", {"token": 5}, 422),
        ("get", "/api/v1/bonds/abc", None, 404),
        ("get", "/api/v1/bonds/999999", None, 404),
        ("post", "/api/v1/bonds/999999/leave", None, 404),
        ("delete", "/api/v1/bonds/invites/999999", None, 404),
        ("get", "/api/v1/bonds/99999999999999999999999", None, 404),
    ],
)
def test_bad_api_input_gets_a_clear_4xx_json_error(alice_client, method, url, payload, status):
    kwargs = {"content_type": "application/json"}
    if payload is not None:
        kwargs["data"] = payload if isinstance(payload, str) else __import__("json").dumps(payload)
    response = getattr(alice_client, method)(url, **kwargs)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.django_db
def test_inviting_yourself_through_the_api_is_refused(alice_client):
    token = (
        alice_client.post(
            "/api/v1/bonds/invites", {"kind": "partner"}, content_type="application/json"
        )
        .json()["link"]
        .rstrip("/")
        .rsplit("/", 1)[1]
    )
    response = alice_client.post(
        "/api/v1/bonds/invites/accept", {"token": token}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "your own invite" in response.json()["detail"]


@pytest.mark.django_db
def test_session_auth_needs_csrf_on_unsafe_methods(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/v1/me").status_code == 200
    response = client.post(
        "/api/v1/bonds/invites", {"kind": "partner"}, content_type="application/json"
    )
    assert response.status_code == 403
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/bonds/invites",
        {"kind": "partner"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201


@pytest.mark.django_db
def test_the_openapi_schema_lists_the_endpoints():
    schema = Client().get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/me",
        "/api/v1/bonds",
        "/api/v1/bonds/invites",
        "/api/v1/bonds/invites/accept",
        "/api/v1/healthz",
    } <= paths


@pytest.mark.django_db
def test_healthz():
    assert Client().get("/healthz").json() == {"status": "ok"}
    assert Client().get("/readyz").json() == {"status": "ok", "database": "ok"}
