import pytest

from heard.checkup import services

from .conftest import all_answers, love_answers

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
        ({"answers": {"trust-01": 9}, "kind": "partner"}, 400),
        ({"answers": {"trust-01": 3}, "kind": "partner"}, 400),
        ({"answers": {"nope": 3}, "kind": "partner"}, 400),
        ({"answers": {}, "kind": "boss"}, 422),
        ({"answers": "lots"}, 422),
        ({"answers": {"trust-01": "x"}}, 422),
        ({"answers": {}, "kind": "partner", "closeness": 12}, 400),
        ({"answers": {}}, 400),
    ],
)
def test_bad_check_ups_get_a_clear_4xx(alice_client, payload, status):
    response = alice_client.post("/api/v1/checkup/results", payload, content_type=JSON)
    assert response.status_code == status
    assert response.json()["detail"]


def test_outsiders_get_404_on_every_bond_or_result_operation(alice, bond, carol_client):
    result = services.checkup_submit(user=alice, bond=bond, answers=all_answers())
    love = services.love_languages_submit(user=alice, bond=bond, answers=love_answers())
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


def test_check_ins_and_appreciation_over_the_api(alice_client, bob_client, alice, bob, screened):
    response = alice_client.post(
        "/api/v1/checkins",
        {"feeling": "Hopeful", "ratings": {str(screened.pk): 8}, "note": "a good talk"},
        content_type=JSON,
    )
    assert response.status_code == 201
    assert response.json()["feeling"] == "hopeful" and response.json()["safety"] is None
    assert (
        alice_client.post("/api/v1/checkins", {"feeling": "zzz"}, content_type=JSON).status_code
        == 400
    )
    assert (
        alice_client.post(
            "/api/v1/checkins",
            {"feeling": "calm", "ratings": {str(screened.pk): 11}},
            content_type=JSON,
        ).status_code
        == 400
    )
    risky = alice_client.post(
        "/api/v1/checkins", {"feeling": "low", "note": "I want to kill myself"}, content_type=JSON
    )
    assert risky.json()["safety"] == {"label": "self_harm", "resources_url": "/help/"}
    assert len(alice_client.get("/api/v1/feelings").json()) >= 5

    sent = alice_client.post(
        "/api/v1/appreciation", {"bond_id": screened.pk, "text": "thank you"}, content_type=JSON
    )
    assert sent.status_code == 201 and sent.json()["status"] == "sent"
    received = bob_client.get(f"/api/v1/appreciation?bond_id={screened.pk}").json()
    assert received[0]["direction"] == "received" and received[0]["text"] == "thank you"
    held = alice_client.post(
        "/api/v1/appreciation",
        {"bond_id": screened.pk, "text": "I want to kill myself"},
        content_type=JSON,
    ).json()
    assert held["status"] == "held" and held["safety"]["resources_url"] == "/help/"
    assert all(
        n["text"] != "I want to kill myself"
        for n in bob_client.get(f"/api/v1/appreciation?bond_id={screened.pk}").json()
    )
    decided = alice_client.post(
        f"/api/v1/appreciation/{held['id']}/decide", {"choice": "private"}, content_type=JSON
    )
    assert decided.json()["status"] == "private"
    assert (
        alice_client.post(
            f"/api/v1/appreciation/{held['id']}/decide", {"choice": "maybe"}, content_type=JSON
        ).status_code
        == 422
    )
    assert (
        bob_client.post(
            f"/api/v1/appreciation/{held['id']}/decide", {"choice": "send"}, content_type=JSON
        ).status_code
        == 404
    )
    hint = alice_client.get(f"/api/v1/appreciation/suggestions?bond_id={screened.pk}").json()
    assert hint["suggestion"] and len(hint["ideas"]) == 3


def test_progress_over_the_api(alice_client, alice, bond):
    services.checkin_submit(user=alice, feeling="calm", ratings={bond.pk: 6})
    data = alice_client.get("/api/v1/progress").json()
    assert data["checkin_days_this_week"] == 1
    assert {c["id"] for c in data["charts"]} >= {f"connection-{bond.pk}", "activity", "depth"}
    assert data["milestones"][0]["key"] == "first_checkin"


def test_love_languages_over_the_api(alice_client, bob_client, bond):
    bad = alice_client.post(
        "/api/v1/love-languages",
        {"bond_id": bond.pk, "answers": {"words-01": 0}},
        content_type=JSON,
    )
    assert bad.status_code == 400
    made = alice_client.post(
        "/api/v1/love-languages", {"bond_id": bond.pk, "answers": love_answers()}, content_type=JSON
    )
    assert made.status_code == 201 and len(made.json()["languages"]) == 5
    assert bob_client.get("/api/v1/love-languages").json()["shared_with_you"] == []
    alice_client.post(
        f"/api/v1/love-languages/{made.json()['id']}/share", {"shared": True}, content_type=JSON
    )
    assert len(bob_client.get("/api/v1/love-languages").json()["shared_with_you"]) == 1
