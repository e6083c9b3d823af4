"""Check-ins over the JSON API (moved here from the check-up's API tests)."""

import pytest

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_check_ins_over_the_api(alice_client, screened):
    response = alice_client.post(
        "/api/v1/checkins",
        {"feeling": "hopeful", "ratings": {str(screened.pk): 8}, "note": "a good talk"},
        content_type=JSON,
    )
    assert response.status_code == 201
    assert response.json()["feeling"] == "hopeful" and response.json()["safety"] is None
    assert (
        alice_client.post("/api/v1/checkins", {"feeling": "zzz"}, content_type=JSON).status_code
        == 422
    )
    assert (
        alice_client.post(
            "/api/v1/checkins",
            {"feeling": "calm", "ratings": {str(screened.pk): 11}},
            content_type=JSON,
        ).status_code
        == 422
    )
    risky = alice_client.post(
        "/api/v1/checkins", {"feeling": "low", "note": "I want to kill myself"}, content_type=JSON
    )
    assert risky.json()["safety"] == {"label": "self_harm", "resources_url": "/help/"}
    assert len(alice_client.get("/api/v1/feelings").json()) >= 5
