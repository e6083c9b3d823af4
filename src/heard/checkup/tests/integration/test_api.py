import pytest

from heard.checkup import services
from heard.together import services as together_services
from heard.together.tests.integration.conftest import love_answers

from .conftest import all_answers

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_items_come_with_labels_and_the_closeness_steps(alice_client):
    data = alice_client.get("/api/v1/checkup/items?kind=friend").json()
    assert len(data["items"]) >= 40 and len(data["closeness_steps"]) == 7
    assert data["answer_labels"]["1"] == "Strongly disagree"
    assert alice_client.get("/api/v1/checkup/items?kind=boss").status_code == 422
    assert len(alice_client.get("/api/v1/love-languages/items").json()) >= 20


def test_submit_list_share_and_read_back(alice_client, bond):
    response = alice_client.post(
        "/api/v1/checkup/results",
        {"bond_id": bond.pk, "answers": all_answers(value=3), "closeness": 4},
        content_type=JSON,
    )
    assert response.status_code == 201
    result = response.json()
    assert {s["score"] for s in result["scales"]} == {50}
    assert result["shared"] is False
    shared = alice_client.post(
        f"/api/v1/checkup/results/{result['id']}/share", {"shared": True}, content_type=JSON
    )
    assert shared.json()["shared"] is True
    assert [r["id"] for r in alice_client.get("/api/v1/checkup/results").json()] == [result["id"]]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        # What the schema says is refused there (422); what it can't say, by the service (400).
        ({"answers": {"trust-01": 9}, "kind": "partner"}, 422),
        ({"answers": {"trust-01": 3}, "kind": "partner"}, 400),
        ({"answers": {"nope": 3}, "kind": "partner"}, 422),
        ({"answers": {}, "kind": "boss"}, 422),
        ({"answers": "lots"}, 422),
        ({"answers": {"trust-01": "x"}}, 422),
        ({"answers": {"trust-01": True}, "kind": "partner"}, 422),
        ({"answers": {}, "kind": "partner", "closeness": 12}, 422),
        ({"answers": {}}, 422),
    ],
)
def test_bad_check_ups_get_a_clear_4xx(alice_client, payload, status):
    response = alice_client.post("/api/v1/checkup/results", payload, content_type=JSON)
    assert response.status_code == status
    assert response.json()["detail"]


def test_outsiders_get_404_on_every_bond_or_result_operation(alice, bond, carol_client):
    result = services.checkup_submit(user=alice, bond=bond, answers=all_answers())
    love = together_services.love_languages_submit(user=alice, bond=bond, answers=love_answers())
    calls = [
        ("get", f"/api/v1/checkup/results/{result.pk}", None),
        ("post", f"/api/v1/checkup/results/{result.pk}/share", {"shared": True}),
        ("get", f"/api/v1/checkup/bonds/{bond.pk}/side-by-side", None),
        ("post", "/api/v1/checkup/results", {"bond_id": bond.pk, "answers": all_answers()}),
        ("post", "/api/v1/love-languages", {"bond_id": bond.pk, "answers": love_answers()}),
        ("post", f"/api/v1/love-languages/{love.pk}/share", {"shared": True}),
        ("post", "/api/v1/checkins", {"feeling": "calm", "ratings": {str(bond.pk): 5}}),
        ("get", f"/api/v1/appreciation?bond_id={bond.pk}", None),
        ("post", "/api/v1/appreciation", {"bond_id": bond.pk, "text": "hi"}),
        ("get", f"/api/v1/appreciation/suggestions?bond_id={bond.pk}", None),
    ]
    for method, url, body in calls:
        if method == "get":
            response = carol_client.get(url)
        else:
            response = carol_client.post(url, body, content_type=JSON)
        assert response.status_code == 404, url
    assert carol_client.get("/api/v1/checkup/results").json() == []
