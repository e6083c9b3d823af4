from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heard.bonds import services
from heard.bonds.models import Bond, Invite


def _invite(client, kind="partner"):
    response = client.post("/together/invite/", {"kind": kind}, follow=True)
    assert response.status_code == 200
    return response.context["new"]


@pytest.mark.django_db
def test_an_invite_alone_creates_no_bond(alice_client):
    _invite(alice_client)
    assert not Bond.objects.exists()


@pytest.mark.django_db
def test_both_people_must_consent_before_a_bond_exists(alice_client, bob_client, bob):
    new = _invite(alice_client)
    # Opening the link is not consent.
    page = bob_client.get(f"/join/{new.token}/")
    assert page.status_code == 200
    assert "alice invited you" in page.content.decode()
    assert not Bond.objects.exists()
    # Accepting is.
    response = bob_client.post(f"/join/{new.token}/", {"accept": "yes"})
    assert response.status_code == 302
    bond = Bond.objects.get()
    assert {m.user.username for m in bond.memberships.all()} == {"alice", "bob"}
    assert bond.kind == "partner"


@pytest.mark.django_db
def test_it_accepts_by_short_code(alice_client, bob_client):
    new = _invite(alice_client, kind="friend")
    code = new.code.lower().replace("-", " ")
    response = bob_client.post("/join/", {"code": code})
    assert response.status_code == 200
    assert "alice invited you" in response.content.decode()
    assert not Bond.objects.exists()
    bob_client.post(f"/join/?code={code}", {"code": code, "accept": "yes"})
    assert Bond.objects.get().kind == "friend"


@pytest.mark.django_db
def test_an_invitee_can_sign_up_then_accept(alice_client):
    new = _invite(alice_client)
    visitor = Client()
    page = visitor.get(f"/join/{new.token}/")
    assert "Create an account" in page.content.decode()
    signup = page.context["signup_url"]
    response = visitor.post(
        signup,
        {
            "username": "newbie",
            "password": "a gentle new start",
            "time_zone": "UTC",
            "country": "GB",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/join/{new.token}/"
    visitor.post(f"/join/{new.token}/", {"accept": "yes"})
    assert Bond.objects.get().memberships.filter(user__username="newbie").exists()


@pytest.mark.django_db
def test_inviting_yourself_gets_a_clear_message(alice_client):
    new = _invite(alice_client)
    response = alice_client.post(f"/join/{new.token}/", {"accept": "yes"})
    assert response.status_code == 400
    assert "your own invite" in response.content.decode()
    assert not Bond.objects.exists()


@pytest.mark.django_db
def test_a_used_invite_cannot_be_reused(alice_client, bob_client, carol_client):
    new = _invite(alice_client)
    bob_client.post(f"/join/{new.token}/", {"accept": "yes"})
    response = carol_client.post(f"/join/{new.token}/", {"accept": "yes"})
    assert response.status_code == 409
    assert "already been used" in response.content.decode()
    assert Bond.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_invite_gets_a_clear_message(alice_client, bob_client):
    new = _invite(alice_client)
    Invite.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = bob_client.post(f"/join/{new.token}/", {"accept": "yes"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Bond.objects.exists()


@pytest.mark.django_db
def test_a_cancelled_invite_stops_working(alice_client, bob_client):
    new = _invite(alice_client)
    alice_client.post(f"/together/invite/{new.invite.pk}/cancel/")
    response = bob_client.post(f"/join/{new.token}/", {"accept": "yes"})
    assert response.status_code == 410
    assert "cancelled" in response.content.decode()


@pytest.mark.django_db
def test_unknown_links_and_codes_get_a_clear_message(bob_client):
    assert bob_client.get("/join/not-a-real-token/").status_code == 404
    response = bob_client.post("/join/", {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 404
    assert "find that invite" in response.content.decode()
    response = bob_client.post("/join/", {"code": "x" * 30})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_pair_already_connected_cannot_connect_twice(alice, bob, bond):
    new = services.bond_invite(inviter=alice, kind="friend")
    with pytest.raises(services.Conflict):
        services.invite_accept(invite=new.invite, user=bob)


@pytest.mark.django_db
def test_a_person_may_have_several_bonds(alice, bob, carol, bond):
    new = services.bond_invite(inviter=carol, kind="family")
    services.invite_accept(invite=new.invite, user=alice)
    assert Bond.objects.filter(memberships__user=alice).count() == 2


@pytest.mark.django_db
def test_only_hashes_of_link_and_code_are_stored(alice):
    new = services.bond_invite(inviter=alice, kind="partner")
    row = Invite.objects.values().get()
    assert new.token not in str(row)
    assert new.code.replace("-", "") not in str(row)


@pytest.mark.django_db
def test_bad_invite_kind_gets_a_form_error(alice_client):
    response = alice_client.post("/together/invite/", {"kind": "stranger"})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.django_db
def test_reloading_the_ready_page_makes_no_second_invite(alice_client, bob_client):
    response = alice_client.post("/together/invite/", {"kind": "friend"})
    assert response.status_code == 302
    ready = response["Location"]
    first = alice_client.get(ready)
    again = alice_client.get(ready)
    assert Invite.objects.count() == 1
    assert first.context["new"].code == again.context["new"].code
    assert "Your invite is ready" in again.content.decode()
    # Nobody else can see it, and once it is used it is not shown again.
    assert bob_client.get(ready).status_code == 302
    bob_client.post(f"/join/{first.context['new'].token}/", {"accept": "yes"})
    gone = alice_client.get(ready, follow=True)
    assert "can&#x27;t be shown again" in gone.content.decode()
