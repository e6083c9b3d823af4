"""Everything in a bond is readable by its two members only; leaving is immediate and silent."""

import pytest
from django.test import Client


def _urls(bond_id: int) -> list[str]:
    return [f"/together/{bond_id}/", f"/together/{bond_id}/leave/"]


def _api(bond_id: int) -> list[tuple[str, str]]:
    return [("get", f"/api/v1/bonds/{bond_id}"), ("post", f"/api/v1/bonds/{bond_id}/leave")]


@pytest.mark.django_db
def test_members_can_see_their_bond(alice_client, bob_client, bond):
    for client in (alice_client, bob_client):
        assert client.get(f"/together/{bond.pk}/").status_code == 200
        assert client.get(f"/api/v1/bonds/{bond.pk}").status_code == 200


@pytest.mark.django_db
def test_outsiders_get_404_on_everything_in_a_bond(carol_client, bond):
    for url in _urls(bond.pk):
        assert carol_client.get(url).status_code == 404
    assert carol_client.post(f"/together/{bond.pk}/leave/").status_code == 404
    for method, url in _api(bond.pk):
        response = getattr(carol_client, method)(url, content_type="application/json")
        assert response.status_code == 404
        assert response.json()["detail"]


@pytest.mark.django_db
def test_anonymous_visitors_see_nothing(bond):
    anon = Client()
    for url in _urls(bond.pk):
        assert anon.get(url).status_code == 302
    assert anon.get(f"/api/v1/bonds/{bond.pk}").status_code == 401


@pytest.mark.django_db
def test_leaving_is_immediate_and_the_ex_partner_gets_404(alice_client, bob_client, bond):
    response = alice_client.post(f"/together/{bond.pk}/leave/")
    assert response.status_code == 302
    for client in (alice_client, bob_client):
        for url in _urls(bond.pk):
            assert client.get(url).status_code == 404
        for method, url in _api(bond.pk):
            assert getattr(client, method)(url).status_code == 404
    assert bob_client.get("/api/v1/bonds").json() == []


@pytest.mark.django_db
def test_the_other_person_only_sees_that_the_bond_ended(alice_client, bob_client, bond):
    alice_client.post(f"/together/{bond.pk}/leave/")
    page = bob_client.get("/").content.decode()
    assert "bond has ended" in page
    assert "alice" not in page.split("<main", 1)[1]
    assert "has left" not in page.lower() and "alice left" not in page.lower()
    # Acknowledging hides the notice.
    bob_client.post(f"/together/{bond.pk}/ended/")
    assert "bond has ended" not in bob_client.get("/").content.decode()


@pytest.mark.django_db
def test_the_leaver_sees_no_ended_notice(alice_client, bond):
    alice_client.post(f"/together/{bond.pk}/leave/")
    assert "bond has ended" not in alice_client.get("/").content.decode()


@pytest.mark.django_db
def test_they_can_reconnect_later_with_a_new_invite(alice, bob, bond, alice_client, bob_client):
    alice_client.post(f"/together/{bond.pk}/leave/")
    new = alice_client.post("/together/invite/", {"kind": "partner"}, follow=True).context["new"]
    bob_client.post(f"/join/{new.token}/", {"accept": "yes"})
    bonds = bob_client.get("/api/v1/bonds").json()
    assert len(bonds) == 1
    assert bonds[0]["id"] != bond.pk
