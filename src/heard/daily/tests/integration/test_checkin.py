import pytest

from heard.core.errors import DomainError, NotFound
from heard.daily import services
from heard.daily.models import CheckIn, ConnectionRating
from heard.safety.models import SafetyEvent

pytestmark = pytest.mark.django_db


def test_the_check_in_is_one_short_form_with_a_rating_per_bond(alice_client, bond):
    html = alice_client.get("/checkup/checkin/").content.decode()
    assert "<optgroup" in html and 'value="calm"' in html
    assert html.count(f'name="rating_{bond.pk}"') == 10
    assert 'name="note"' in html
    assert "heard/checkup.js" in html


def test_it_saves_a_check_in_and_today_shows_it_is_done(alice_client, alice, bond):
    response = alice_client.post(
        "/checkup/checkin/", {"feeling": "calm", f"rating_{bond.pk}": "8", "note": "quiet day"}
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get(user=alice)
    assert checkin.feeling == "calm" and checkin.note == "quiet day"
    assert ConnectionRating.objects.get(checkin=checkin).rating == 8
    html = alice_client.get("/").content.decode()
    assert "Done for today" in html and "calm" in html


def test_checking_in_again_the_same_day_updates_it(alice, bond):
    services.checkin_submit(user=alice, feeling="tired", ratings={bond.pk: 4})
    services.checkin_submit(user=alice, feeling="hopeful", ratings={bond.pk: 7})
    assert CheckIn.objects.count() == 1
    assert CheckIn.objects.get().feeling == "hopeful"
    assert ConnectionRating.objects.get().rating == 7


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"feeling": "fabulousness"}, "Choose a feeling word from the list"),
        ({"feeling": ""}, "Choose a feeling word first"),
        ({"feeling": "calm", "rating_BOND": "11"}, "Choose a number from 1 to 10"),
        ({"feeling": "calm", "note": "x" * 2001}, "the limit here is 2000. Nothing was cut"),
    ],
)
def test_bad_input_answers_400_and_keeps_what_was_typed(alice_client, bond, data, message):
    data = {k.replace("BOND", str(bond.pk)): v for k, v in data.items()}
    data.setdefault("note", "kept words")
    response = alice_client.post("/checkup/checkin/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'")
    assert "Select a valid choice" not in html and "This field is required" not in html
    assert data["note"][:50] in html
    assert not CheckIn.objects.exists()


def test_the_service_refuses_unknown_words_bonds_and_ratings(alice, bond, carol):
    with pytest.raises(DomainError):
        services.checkin_submit(user=alice, feeling="blorp", ratings={})
    with pytest.raises(DomainError):
        services.checkin_submit(user=alice, feeling="calm", ratings={bond.pk: 0})
    with pytest.raises(NotFound):
        services.checkin_submit(user=carol, feeling="calm", ratings={bond.pk: 5})


def test_the_note_is_private_and_encrypted(alice, bob, bond, bob_client):
    services.checkin_submit(
        user=alice, feeling="calm", ratings={bond.pk: 6}, note="CANARY-note-123"
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM daily_checkin")
        assert "CANARY" not in cursor.fetchone()[0]
    for url in ["/", "/progress/", "/checkup/checkin/", f"/together/{bond.pk}/"]:
        assert "CANARY" not in bob_client.get(url).content.decode()
    assert "CANARY" not in bob_client.get("/api/v1/checkins").content.decode()
    assert "CANARY" not in bob_client.get("/api/v1/progress").content.decode()


def test_risky_notes_are_saved_and_only_the_writer_sees_support(alice_client, alice, bond):
    response = alice_client.post(
        "/checkup/checkin/", {"feeling": "low", "note": "I want to kill myself"}
    )
    assert response.status_code == 200
    assert "data-crisis-panel" in response.content.decode()
    assert CheckIn.objects.get(user=alice).note == "I want to kill myself"
    assert SafetyEvent.objects.filter(user=alice, source="checkup_checkin").exists()


def test_the_other_person_sees_the_rating_but_not_while_paused(alice, bob, bond, bob_client):
    services.checkin_submit(user=alice, feeling="calm", ratings={bond.pk: 9})
    data = bob_client.get("/api/v1/progress").json()
    chart = next(c for c in data["charts"] if c["id"] == f"connection-{bond.pk}")
    assert chart["series"][1]["name"] == "alice"
    assert chart["series"][1]["points"][0]["value"] == 9

    from heard.safety.services import screening_submit

    screening_submit(user=bob, bond=bond, answers={"afraid": True})
    data = bob_client.get("/api/v1/progress").json()
    chart = next(c for c in data["charts"] if c["id"] == f"connection-{bond.pk}")
    assert [s["name"] for s in chart["series"]] == ["You"]
