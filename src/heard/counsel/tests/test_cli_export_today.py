"""The host's CLI, the counsellor's own export, the admin checkbox and the Today part."""

from __future__ import annotations

import json

import pytest

from heard.cli import main
from heard.counsel import selectors, services
from heard.counsel.models import CounsellorProfile

pytestmark = pytest.mark.django_db


def _heard(*args: str) -> None:
    """Run `heard counsellor ...` as the CLI does, minus closing the database connection
    at the end (which Django's command line does, and a test transaction can't survive)."""
    from django.core.management import call_command

    call_command(*args)


def test_counsellor_add_list_remove(capsys, tmp_path, alice, bond):
    from django.core.management.base import CommandError

    from heard.accounts.models import User

    main(["help"])
    assert "counsellor add|list|remove" in capsys.readouterr().out
    _heard("counsellor", "add", "dana", "--email", "d@example.org", "--practice", "Willow")
    out = capsys.readouterr().out
    assert "Counsellor dana created." in out and "/account/password/reset/" in out
    dana = User.objects.get(username="dana")
    assert not dana.has_usable_password() and selectors.is_counsellor(dana)

    secret = tmp_path / "pw"
    secret.write_text("a long enough passphrase here\n")
    _heard("counsellor", "add", "frank", "--password-file", str(secret))
    frank = User.objects.get(username="frank")
    assert frank.check_password("a long enough passphrase here")
    assert "one-time link" not in capsys.readouterr().out

    _heard("counsellor", "list")
    listed = capsys.readouterr().out
    assert "dana" in listed and "Willow" in listed and "frank" in listed and "alice" not in listed

    # An account in a bond can't be made a counsellor; the error is clear, not a traceback.
    with pytest.raises(CommandError, match="in a bond"):
        _heard("counsellor", "add", "alice")
    with pytest.raises(CommandError, match="not a counsellor"):
        _heard("counsellor", "remove", "alice")
    with pytest.raises(CommandError, match="Can't read"):
        _heard("counsellor", "add", "gail", "--password-file", str(tmp_path / "missing"))

    _heard("counsellor", "remove", "dana")
    assert "no longer a counsellor" in capsys.readouterr().out
    assert not selectors.is_counsellor(dana)
    assert User.objects.filter(username="dana").exists()  # the account stays
    _heard("counsellor", "list")
    assert "removed" in capsys.readouterr().out


def test_the_counsellors_export_holds_their_notes_templates_and_assignments(
    dana, alice, connected, login_client
):
    services.note_create(counsellor=dana, connection_id=connected[0].pk, text="canary-dnote")
    services.template_create(counsellor=dana, name="canary-tname", kind="say_it")
    services.assignment_create(
        counsellor=dana, connection_id=connected[0].pk, kind="say_it", note="canary-anote"
    )
    from heard.accounts.data import user_export

    theirs = json.dumps(user_export(user=dana))
    for canary in ("canary-dnote", "canary-tname", "canary-anote"):
        assert canary in theirs
    # The client's export never holds the counsellor's notes about them.
    mine = json.dumps(user_export(user=alice))
    assert "canary-dnote" not in mine and "counsel.connection.client" in mine


def test_the_admin_checkbox_makes_and_unmakes_a_counsellor(make_user, carol, client):
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    url = f"/admin/accounts/user/{carol.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and b'name="counsellor"' in page.content
    form = {
        "username": "carol",
        "email": "",
        "is_active": "on",
        "counsellor": "on",
        "practice_name": "Oak",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
    }
    answer = client.post(url, form)
    assert answer.status_code == 302, answer.content[:2000]
    assert CounsellorProfile.objects.get(user=carol).practice_name == "Oak"
    assert selectors.is_counsellor(carol)
    form.pop("counsellor")
    assert client.post(url, form).status_code == 302
    assert not CounsellorProfile.objects.get(user=carol).active


def test_the_admin_refuses_a_counsellor_in_a_bond(make_user, alice, bond, client):
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    answer = client.post(
        f"/admin/accounts/user/{alice.pk}/change/",
        {
            "username": "alice",
            "is_active": "on",
            "counsellor": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert answer.status_code == 200 and b"in a bond" in answer.content
    assert not CounsellorProfile.objects.filter(user=alice).exists()


def test_today_shows_this_weeks_practice(dana, alice, carol, connected, alice_client, carol_client):
    services.assignment_create(
        counsellor=dana,
        connection_id=connected[0].pk,
        kind="dialogue",
        target="family",
        need="listen",
        note="canary-practice-note",
    )
    page = alice_client.get("/").content.decode()
    assert "canary-practice-note" in page or "listening dialogue" in page.lower()
    assert "listening dialogue" not in carol_client.get("/").content.decode().lower()


def test_shared_item_registry_has_every_kind() -> None:
    from heard.core.shareables import shareable_kinds

    assert {k.kind for k in shareable_kinds()} == {
        "prompt_answer",
        "checkin_note",
        "dialogue_turn",
        "appreciation",
        "lesson_exercise",
        "safety_detection",
        "screening_answer",
    }


def test_todays_practice_costs_a_fixed_few_queries(dana, alice, connected, alice_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost() -> int:
        alice_client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get("/").status_code == 200
        return len(queries.captured_queries)

    services.assignment_create(counsellor=dana, connection_id=connected[0].pk, kind="say_it")
    one = cost()
    for kind in ("checkup", "dialogue"):
        services.assignment_create(
            counsellor=dana,
            connection_id=connected[0].pk,
            kind=kind,
            target="family" if kind == "dialogue" else "",
            need="listen" if kind == "dialogue" else "",
        )
    assert cost() == one  # no query per assignment
