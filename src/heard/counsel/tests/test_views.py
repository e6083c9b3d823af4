"""Counsellor mode on the web: the Clients place, the consent page, My counsellor and practice
on Today. Status codes, forms shown again with what was typed, one neutral error for bad
invites, withdrawal seen at once, a counsellor seeing only what was shared, and 404 for
everyone else."""

from __future__ import annotations

import html as html_lib
from typing import Any

import pytest
from django.test import Client

from heard.counsel import selectors, services

PASSWORD = "correct horse battery"
pytestmark = pytest.mark.django_db


def _login(user: Any) -> Client:
    # A real login (not force_login), as in the browser: the Clients menu is set at login.
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def counsellor(db: Any) -> Any:
    return services.counsellor_add(
        username="dr_kim", password=PASSWORD, practice_name="Harbour Counselling"
    ).user


@pytest.fixture
def other_counsellor(db: Any) -> Any:
    return services.counsellor_add(username="dr_lee", password=PASSWORD).user


@pytest.fixture
def connected(counsellor: Any, ready_bond: Any, alice: Any, bob: Any) -> dict[str, Any]:
    """alice and bob both consented to dr_kim for their bond."""
    new = services.invite_create(counsellor=counsellor, kind="bond")
    for person in (alice, bob):
        services.connection_consent(user=person, token=new.token)
    key = selectors.my_connections(user=alice)[0].id
    return {
        "key": key,
        "alice_conn": key,
        "bob_conn": selectors.my_connections(user=bob)[0].id,
    }


def _assign_dialogue(counsellor: Any, key: int) -> Any:
    return services.assignment_create(
        counsellor=counsellor,
        connection_id=key,
        kind="dialogue",
        target="values",
        need="listen",
        note="Ten minutes, phones away.",
    )


# --------------------------------------------------------------------------- navigation


def test_counsellors_get_the_clients_menu_and_people_in_bonds_never_do(
    counsellor: Any, alice: Any, bond: Any
) -> None:
    page = _login(counsellor).get("/counsel/clients/")
    assert page.status_code == 200
    assert 'href="/counsel/clients/"' in page.content.decode()
    assert "Quick exit" in page.content.decode()
    today = _login(alice).get("/")
    assert 'href="/counsel/clients/"' not in today.content.decode()
    assert ">Clients<" not in today.content.decode()
    assert _login(alice).get("/counsel/clients/").status_code == 404


def test_every_counsellor_page_is_404_for_a_client_and_redirects_anonymous(
    connected: dict[str, Any], alice: Any
) -> None:
    key = connected["key"]
    pages = [
        "/counsel/clients/",
        "/counsel/clients/invite/",
        f"/counsel/clients/{key}/",
        f"/counsel/clients/{key}/assign/",
        f"/counsel/clients/{key}/prep/",
        f"/counsel/clients/{key}/end/",
        "/counsel/templates/",
    ]
    client = _login(alice)
    for url in pages:
        assert client.get(url).status_code == 404, url
        assert Client().get(url).status_code == 302, url


def test_another_counsellor_gets_404_for_someone_elses_clients(
    connected: dict[str, Any], other_counsellor: Any
) -> None:
    client = _login(other_counsellor)
    key = connected["key"]
    for url in (f"/counsel/clients/{key}/", f"/counsel/clients/{key}/prep/"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/counsel/clients/{key}/notes/", {"text": "hello"})
    assert response.status_code == 404


# --------------------------------------------------------------------------- invites and consent


def test_an_invite_is_made_with_post_redirect_get_and_shown_only_to_its_maker(
    counsellor: Any,
) -> None:
    client = _login(counsellor)
    assert client.get("/counsel/clients/invite/").status_code == 200
    bad = client.post("/counsel/clients/invite/", {"kind": "nonsense"})
    assert bad.status_code == 400
    response = client.post("/counsel/clients/invite/", {"kind": "bond"})
    assert response.status_code == 302
    ready = client.get(response["Location"])
    html = ready.content.decode()
    assert "/counsel/join/" in html and "Code:" in html
    assert client.get(response["Location"]).status_code == 200  # a reload shows it again
    elsewhere = _login(counsellor).get(response["Location"])  # another session: not again
    assert elsewhere.status_code == 302


def test_the_consent_page_says_what_they_will_and_will_not_see_and_no_thanks_sends_nothing(
    counsellor: Any, ready_bond: Any, alice: Any
) -> None:
    new = services.invite_create(counsellor=counsellor, kind="bond")
    client = _login(alice)
    page = client.get(new.path)
    html = page.content.decode()
    assert page.status_code == 200
    assert "dr_kim" in html and "Harbour Counselling" in html
    assert "What dr_kim will see" in html or "will see" in html
    assert "will not see" in html
    assert "safety" in html and "dialogue turns" in html
    assert "Accept" in html and "No thanks" in html
    declined = client.post(new.path, {"answer": "decline"})
    assert declined.status_code == 302
    assert selectors.my_connections(user=alice) == []
    accepted = client.post(new.path, {"answer": "accept"})
    assert accepted.status_code == 302 and accepted["Location"] == "/counsel/mine/"
    assert [c.status for c in selectors.my_connections(user=alice)] == ["pending"]


def test_every_unusable_invite_gets_the_same_neutral_error(
    counsellor: Any, ready_bond: Any, alice: Any, carol: Any
) -> None:
    client = _login(carol)
    wrong = client.get("/counsel/join/not-a-real-token/")
    assert wrong.status_code in {400, 404}
    assert services.INVITE_UNUSABLE in html_lib.unescape(wrong.content.decode())
    new = services.invite_create(counsellor=counsellor, kind="person")
    services.invite_revoke(counsellor=counsellor, invite_id=new.invite.pk)
    revoked = client.get(new.path)
    assert revoked.status_code == wrong.status_code
    assert services.INVITE_UNUSABLE in html_lib.unescape(revoked.content.decode())
    assert "dr_kim" not in revoked.content.decode()  # says nothing about whose it was


def test_the_code_form_keeps_bad_input_and_accepts_a_good_code(counsellor: Any, carol: Any) -> None:
    client = _login(carol)
    assert client.get("/counsel/join/").status_code == 200
    too_long = client.post("/counsel/join/", {"code": "X" * 40})
    assert too_long.status_code == 400
    new = services.invite_create(counsellor=counsellor, kind="person")
    page = client.post("/counsel/join/", {"code": new.code})
    assert page.status_code == 200
    assert "will not see" in page.content.decode()
    done = client.post("/counsel/join/", {"code": new.code, "answer": "accept"})
    assert done.status_code == 302
    assert [c.status for c in selectors.my_connections(user=carol)] == ["active"]


# --------------------------------------------------------------------------- assigning practice


def test_the_full_form_shows_itself_again_with_what_was_typed(
    counsellor: Any, connected: dict[str, Any], alice: Any
) -> None:
    client = _login(counsellor)
    key = connected["key"]
    assert client.get(f"/counsel/clients/{key}/assign/").status_code == 200
    week = client.get(f"/counsel/clients/{key}/assign/").context["form"].fields["week_of"].initial
    missing = client.post(
        f"/counsel/clients/{key}/assign/",
        {"kind": "dialogue", "need": "listen", "week_of": week, "note": "Keep this note"},
    )
    assert missing.status_code == 400
    assert "Choose a topic for the dialogue." in missing.content.decode()
    assert "Keep this note" in missing.content.decode()
    done = client.post(
        f"/counsel/clients/{key}/assign/",
        {
            "kind": "dialogue",
            "dialogue_topic": "values",
            "need": "listen",
            "week_of": week,
            "note": "Ten minutes after dinner",
            "save_as": "Weekly listening",
        },
    )
    assert done.status_code == 302
    today = _login(alice).get("/").content.decode()
    assert "Practice this week" in today and "Ten minutes after dinner" in today
    templates = [t.name for t in selectors.templates_for(counsellor=counsellor)]
    assert templates == ["Weekly listening"]


def test_two_taps_from_a_template(counsellor: Any, connected: dict[str, Any], bob: Any) -> None:
    template = services.template_create(
        counsellor=counsellor,
        name="Say it without blame",
        kind="say_it",
        target="",
        need="",
        note="Once this week",
        habit="",
    )
    client = _login(counsellor)
    key = connected["key"]
    page = client.get(f"/counsel/clients/{key}/").content.decode()
    assert "Say it without blame" in page
    week = client.get(f"/counsel/clients/{key}/").context["pick_form"].fields["week_of"].initial
    response = client.post(
        f"/counsel/clients/{key}/assign/quick/", {"template_id": template.pk, "week_of": week}
    )
    assert response.status_code == 302
    assert "Once this week" in _login(bob).get("/").content.decode()
    bad = client.post(f"/counsel/clients/{key}/assign/quick/", {"week_of": week})
    assert bad.status_code == 400


def test_assigning_to_a_bond_where_someone_withdrew_is_a_clear_error(
    counsellor: Any, connected: dict[str, Any], bob: Any
) -> None:
    services.connection_withdraw(user=bob, connection_id=connected["bob_conn"])
    client = _login(counsellor)
    key = connected["key"]
    week = client.get(f"/counsel/clients/{key}/assign/").context["form"].fields["week_of"].initial
    response = client.post(
        f"/counsel/clients/{key}/assign/",
        {"kind": "say_it", "week_of": week, "note": "kept"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "kept" in html


# --------------------------------------------------------------------------- doing practice


def test_done_in_one_tap_with_a_private_or_shared_reflection(
    counsellor: Any, connected: dict[str, Any], alice: Any, bob: Any
) -> None:
    assignment = _assign_dialogue(counsellor, connected["key"])
    a_client, b_client = _login(alice), _login(bob)
    assert a_client.get(f"/counsel/practice/{assignment.pk}/start/").status_code == 405
    start = a_client.post(f"/counsel/practice/{assignment.pk}/start/")
    assert start.status_code == 302
    too_long = a_client.post(
        f"/counsel/practice/{assignment.pk}/done/",
        {"reflection": "y" * 1001 + "KEEPME", "share": "shared"},
    )
    assert too_long.status_code == 400
    assert "KEEPME" in too_long.content.decode()
    ok = a_client.post(
        f"/counsel/practice/{assignment.pk}/done/",
        {"reflection": "We listened and it felt good", "share": "shared", "next": "/"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/"
    b_client.post(
        f"/counsel/practice/{assignment.pk}/done/",
        {"reflection": "BOB-PRIVATE-CANARY", "share": "private"},
    )
    prep = _login(counsellor).get(f"/counsel/clients/{connected['key']}/prep/")
    html = prep.content.decode()
    assert prep.status_code == 200
    assert "We listened and it felt good" in html
    assert "BOB-PRIVATE-CANARY" not in html
    assert html.count("status-done") >= 2
    client_page = _login(counsellor).get(f"/counsel/clients/{connected['key']}/").content
    assert b"BOB-PRIVATE-CANARY" not in client_page


def test_outsiders_get_404_for_someone_elses_practice_and_connection(
    counsellor: Any, connected: dict[str, Any], carol: Any
) -> None:
    assignment = _assign_dialogue(counsellor, connected["key"])
    client = _login(carol)
    for url in (
        f"/counsel/practice/{assignment.pk}/",
        f"/counsel/mine/{connected['alice_conn']}/withdraw/",
        f"/counsel/mine/{connected['alice_conn']}/items/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/counsel/practice/{assignment.pk}/start/").status_code == 404
    assert client.post(f"/counsel/practice/{assignment.pk}/done/", {}).status_code == 404
    posted = client.post(f"/counsel/mine/{connected['alice_conn']}/withdraw/", {}, follow=False)
    assert posted.status_code == 404
    assert selectors.my_connections(user=carol) == []


# --------------------------------------------------------------------------- sharing and withdrawal


def test_shared_items_and_figures_show_only_while_shared_and_stop_at_withdrawal(
    counsellor: Any, connected: dict[str, Any], alice: Any
) -> None:
    from heard.daily.services import checkin_submit

    checkin, _ = checkin_submit(user=alice, feeling="calm", ratings={}, note="SHARED-CANARY note")
    client = _login(alice)
    conn = connected["alice_conn"]
    items = client.get(f"/counsel/mine/{conn}/items/")
    assert items.status_code == 200 and "SHARED-CANARY" in items.content.decode()
    counsellor_client = _login(counsellor)
    prep_url = f"/counsel/clients/{connected['key']}/prep/"
    assert "SHARED-CANARY" not in counsellor_client.get(prep_url).content.decode()

    shared = client.post(
        f"/counsel/mine/{conn}/items/",
        {"kind": "checkin_note", "item_id": checkin.pk, "action": "share"},
    )
    assert shared.status_code == 302
    assert client.post(f"/counsel/mine/{conn}/figures/", {"kind": "checkin", "shared": "yes"})
    assert "SHARED-CANARY" in counsellor_client.get(prep_url).content.decode()

    mine = client.get("/counsel/mine/").content.decode()
    assert "When your counsellor looked" in mine and "dr_kim looked at" in mine

    client.post(
        f"/counsel/mine/{conn}/items/",
        {"kind": "checkin_note", "item_id": checkin.pk, "action": "unshare"},
    )
    assert "SHARED-CANARY" not in counsellor_client.get(prep_url).content.decode()

    client.post(
        f"/counsel/mine/{conn}/items/",
        {"kind": "checkin_note", "item_id": checkin.pk, "action": "share"},
    )
    assert client.get(f"/counsel/mine/{conn}/withdraw/").status_code == 200
    gone = client.post(f"/counsel/mine/{conn}/withdraw/")
    assert gone.status_code == 302
    assert "connection ended" in client.get("/counsel/mine/").content.decode().lower()
    # At once: the very next page the counsellor loads shows nothing of hers.
    after = counsellor_client.get(prep_url).content.decode()
    assert "SHARED-CANARY" not in after
    assert "Connection ended" in after or "connection ended" in after


def test_private_notes_are_kept_and_shown_again_on_a_bad_post(
    counsellor: Any, connected: dict[str, Any], alice: Any, bob: Any
) -> None:
    client = _login(counsellor)
    key = connected["key"]
    missing_person = client.post(f"/counsel/clients/{key}/notes/", {"text": "NOTE-CANARY"})
    assert missing_person.status_code == 400
    assert "NOTE-CANARY" in missing_person.content.decode()
    saved = client.post(
        f"/counsel/clients/{key}/notes/", {"text": "NOTE-CANARY", "client_id": alice.pk}
    )
    assert saved.status_code == 302
    assert "NOTE-CANARY" in client.get(f"/counsel/clients/{key}/").content.decode()
    for person in (alice, bob):
        person_client = _login(person)
        for url in ("/", "/counsel/mine/", "/account/"):
            assert b"NOTE-CANARY" not in person_client.get(url).content, url


def test_templates_are_saved_listed_with_labels_and_deleted(counsellor: Any) -> None:
    client = _login(counsellor)
    assert client.get("/counsel/templates/").status_code == 200
    missing = client.post("/counsel/templates/", {"kind": "lesson", "note": "KEEP-NOTE"})
    assert missing.status_code == 400
    assert "KEEP-NOTE" in missing.content.decode()
    saved = client.post(
        "/counsel/templates/",
        {
            "name": "Weekly values talk",
            "kind": "dialogue",
            "dialogue_topic": "values",
            "need": "listen",
        },
    )
    assert saved.status_code == 302
    page = client.get("/counsel/templates/").content.decode()
    assert "Weekly values talk" in page and "Values" in page and "values · listen" not in page
    template = selectors.templates_for(counsellor=counsellor)[0]
    assert client.post(f"/counsel/templates/{template.pk}/delete/").status_code == 302
    assert selectors.templates_for(counsellor=counsellor) == []
