import json

import pytest
from django.test import Client

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.core.notices import notice_send

PASSWORD = "correct horse battery"


@pytest.mark.django_db
def test_export_needs_the_password_and_contains_my_data(alice, bond, alice_client):
    notice_send(user=alice, kind="test", text="canary-notice-41")
    refused = alice_client.post("/account/data/", {"action": "export", "password": "wrong"})
    assert refused.status_code == 400
    response = alice_client.post("/account/data/", {"action": "export", "password": PASSWORD})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    body = json.loads(response.content)
    assert body["account"]["username"] == "alice"
    dumped = json.dumps(body)
    assert "canary-notice-41" in dumped
    assert "argon2" not in dumped and "token_hash" not in dumped
    assert alice_client.cookies["heard_session"].value not in dumped


@pytest.mark.django_db
def test_erase_leaves_nothing_of_mine_behind(
    alice, bob, bond, alice_client, bob_client, raw_database_text
):
    alice.email = "canary-erase@example.org"
    alice.save()
    notice_send(user=alice, kind="test", text="canary-erase-notice", bond=bond)
    alice_client.post("/together/invite/", {"kind": "friend"})
    response = alice_client.post(
        "/account/data/", {"action": "erase", "password": PASSWORD, "confirm": "erase"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(username="alice").exists()
    dump = raw_database_text()
    assert "canary-erase" not in dump
    assert "alice" not in dump
    # The other person only sees that the bond ended.
    assert Bond.objects.get(pk=bond.pk).ended_at is not None
    assert "bond has ended" in bob_client.get("/").content.decode()


@pytest.mark.django_db
def test_erase_needs_the_password_and_the_word(alice, alice_client):
    assert (
        alice_client.post("/account/data/", {"action": "erase", "password": PASSWORD}).status_code
        == 400
    )
    assert (
        alice_client.post(
            "/account/data/", {"action": "erase", "password": "nope", "confirm": "erase"}
        ).status_code
        == 400
    )
    assert User.objects.filter(username="alice").exists()


@pytest.mark.django_db
def test_log_out_everywhere_else_keeps_this_session(alice):
    here, there = Client(), Client()
    for client in (here, there):
        assert (
            client.post("/account/login/", {"username": "alice", "password": PASSWORD}).status_code
            == 302
        )
    response = here.post("/account/data/", {"action": "logout_others", "password": PASSWORD})
    assert response.status_code == 302
    assert here.get("/account/").status_code == 200
    assert there.get("/account/").status_code == 302


@pytest.mark.django_db
def test_it_lists_where_i_am_logged_in_and_ends_one(alice):
    phone = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile")
    laptop = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Firefox/131.0")
    for client in (phone, laptop):
        client.post("/account/login/", {"username": "alice", "password": PASSWORD})
    page = laptop.get("/account/data/").content.decode()
    assert "Chrome on Android" in page and "Firefox on Linux" in page
    assert page.count("This device") == 1
    from heard.accounts.models import DeviceSession

    phone_row = DeviceSession.objects.get(user_agent__contains="Android")
    assert laptop.post(f"/account/devices/{phone_row.pk}/logout/").status_code == 302
    assert phone.get("/account/").status_code == 302
    assert laptop.get("/account/").status_code == 200


@pytest.mark.django_db
def test_nobody_else_can_end_my_sessions(alice, bob_client):
    Client().post("/account/login/", {"username": "alice", "password": PASSWORD})
    from heard.accounts.models import DeviceSession

    row = DeviceSession.objects.get(user=alice)
    bob_client.post(f"/account/devices/{row.pk}/logout/")
    assert DeviceSession.objects.filter(pk=row.pk).exists()


def _export(client: Client) -> str:
    response = client.post("/account/data/", {"action": "export", "password": PASSWORD})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_export_holds_what_i_wrote_and_only_notes_delivered_to_me(
    alice, bob, bond, alice_client, bob_client
):
    """SECURITY.md promise 12: the export is all of my own data and nothing another person
    kept back: a partner's held or private notes never reach my export. SECURITY.md promise 1:
    after the bond ends, an ex-partner's export holds nothing of the other's."""
    from heard.bonds.services import bond_leave
    from heard.safety.services import screening_submit
    from heard.together.models import AppreciationStatus
    from heard.together.services import appreciation_decide, appreciation_send

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    appreciation_send(user=alice, bond_id=bond.pk, text="canary-sent-note")
    held, _ = appreciation_send(user=alice, bond_id=bond.pk, text="I want to kill myself cnryheld")
    private, _ = appreciation_send(user=alice, bond_id=bond.pk, text="I want to die cnryprivate")
    assert held.status == AppreciationStatus.HELD
    appreciation_decide(user=alice, appreciation_id=private.pk, choice="private")
    appreciation_send(user=bob, bond_id=bond.pk, text="canary-bob-wrote")

    bobs = _export(bob_client)
    assert "canary-sent-note" in bobs and "canary-bob-wrote" in bobs
    assert "cnryheld" not in bobs and "cnryprivate" not in bobs
    alices = _export(alice_client)
    assert all(c in alices for c in ("canary-sent-note", "cnryheld", "cnryprivate"))

    bond_leave(bond=bond, user=alice)
    bobs_after = _export(bob_client)
    assert "canary-sent-note" not in bobs_after and "canary-bob-wrote" in bobs_after
    assert "cnryheld" in _export(alice_client)


@pytest.mark.django_db
def test_every_link_to_a_person_is_either_theirs_or_delivered_to_them():
    """A new model pointing at the user must say whether the row is the person's own or
    something someone else sent them (and then when it counts as delivered)."""
    from django.apps import apps
    from django.db import models

    from heard.accounts import data

    links = {
        f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.fields
        if isinstance(field, models.ForeignKey) and field.related_model is User
    }
    classified = set(data.OWN_LINKS) | set(data.RECEIVED_LINKS) | set(data.NOT_EXPORTED)
    assert links == classified


@pytest.mark.django_db
def test_erase_leaves_no_name_or_link_in_a_partners_or_ex_partners_notices(
    alice, bob, carol, bond, raw_database_text
):
    """SECURITY.md promise 16: after an erase, no notice keeps the name or a link to
    something erased, for the partner or an ex-partner."""
    from heard.bonds.services import bond_invite, bond_leave, invite_accept
    from heard.core.models import Notice
    from heard.safety.services import screening_submit
    from heard.together.services import appreciation_send

    alice.username = "Aw3"
    alice.save()
    old = invite_accept(invite=bond_invite(inviter=alice, kind="friend").invite, user=carol)
    appreciation_send(user=alice, bond_id=old.pk, text="thanks for the walk")
    bond_leave(bond=old, user=carol)
    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    appreciation_send(user=alice, bond_id=bond.pk, text="thanks for dinner")
    assert Notice.objects.filter(user__in=[bob, carol], text__contains="Aw3").count() == 2
    client = Client()
    client.force_login(alice)
    client.post("/account/data/", {"action": "erase", "password": PASSWORD, "confirm": "erase"})
    assert "Aw3" not in raw_database_text()
    assert not Notice.objects.filter(bond_id__in=[bond.pk, old.pk]).exists()
