"""The private solo exercises: saved for the writer alone, encrypted at rest, read by the
crisis detector, and never visible to anyone else."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from heard.learn import services
from heard.learn.models import ExerciseEntry
from heard.safety.models import SafetyEvent

pytestmark = pytest.mark.django_db

CANARY = "zebra-canary-7781 my fear of being laughed at"


def test_it_saves_an_entry_for_the_writer_and_opens_it_again(alice, alice_client):
    response = alice_client.post(
        "/learn/exercise/name-the-fear/", {"afraid": CANARY, "learned": "At school.", "junk": "x"}
    )
    entry = ExerciseEntry.objects.get(user=alice)
    assert response["Location"] == f"/learn/exercise/name-the-fear/{entry.pk}/"
    assert entry.answers == {"afraid": CANARY, "learned": "At school."}
    html = alice_client.get(response["Location"]).content.decode()
    assert CANARY in html and "Your earlier ones" in html


def test_what_is_written_is_encrypted_at_rest(alice, raw_database_text):
    services.exercise_save(user=alice, exercise_id="say-what-i-need", answers={"complaint": CANARY})
    assert "zebra-canary-7781" not in raw_database_text()


def test_an_empty_or_too_long_entry_is_refused_and_nothing_is_lost(alice, alice_client):
    response = alice_client.post("/learn/exercise/name-the-fear/", {"afraid": "  "})
    assert response.status_code == 400 and "Write a few words" in response.content.decode()
    long = "a" * 2001
    response = alice_client.post(
        "/learn/exercise/name-the-fear/", {"afraid": long, "learned": "kept"}
    )
    assert response.status_code == 400
    assert "kept" in response.content.decode() and not ExerciseEntry.objects.exists()


def test_the_crisis_detector_reads_it_and_only_the_writer_sees_the_panel(alice, alice_client):
    response = alice_client.post(
        "/learn/exercise/support-and-self-care/", {"steady": "I want to kill myself."}
    )
    assert response.status_code == 200
    assert "data-crisis-panel" in response.content.decode()
    event = SafetyEvent.objects.get(user=alice)
    assert event.kind == "self_harm" and event.source == "learn_support_and_self_care"
    # Saving the same words again is not a second detection.
    entry = ExerciseEntry.objects.get(user=alice)
    alice_client.post(
        f"/learn/exercise/support-and-self-care/{entry.pk}/", {"steady": "I want to kill myself."}
    )
    assert SafetyEvent.objects.filter(user=alice).count() == 1


def test_the_partner_never_sees_an_entry(alice, bob_client, ready_bond):
    saved = services.exercise_save(
        user=alice, exercise_id="name-the-fear", answers={"afraid": CANARY}
    )
    url = f"/learn/exercise/name-the-fear/{saved.entry.pk}/"
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url, {"afraid": "changed"}).status_code == 404
    assert bob_client.post(url + "delete/").status_code == 404
    for page in [
        "/learn/exercise/name-the-fear/",
        "/",
        "/progress/",
        f"/together/{ready_bond.pk}/",
        "/learn/",
    ]:
        assert CANARY not in bob_client.get(page).content.decode(), page
    saved.entry.refresh_from_db()
    assert saved.entry.answers == {"afraid": CANARY}


def test_the_writer_can_delete_an_entry(alice, alice_client):
    saved = services.exercise_save(
        user=alice, exercise_id="name-the-fear", answers={"afraid": "x y"}
    )
    alice_client.post(f"/learn/exercise/name-the-fear/{saved.entry.pk}/delete/")
    assert not ExerciseEntry.objects.exists()


def test_entries_are_in_the_writers_export_and_gone_after_erase(alice):
    from heard.accounts.data import user_erase, user_export

    services.exercise_save(user=alice, exercise_id="name-the-fear", answers={"afraid": CANARY})
    services.lesson_mark_read(user=alice, lesson_id="trust")
    exported = user_export(user=alice)["data"]
    assert CANARY in str(exported["learn.exerciseentry.user"])
    assert exported["learn.lessonread.user"][0]["lesson_id"] == "trust"
    user_erase(user=alice)
    assert not ExerciseEntry.objects.exists()


def test_name_the_fear_ends_with_a_light_prompt_for_the_bond(alice, alice_client, ready_bond):
    from heard.prompts.deck import prompt_index

    html = alice_client.get("/learn/exercise/name-the-fear/").content.decode()
    found = re.search(r"data-light-prompt=\"([^\"]+)\"", html)
    assert found, "step 4 offers a light prompt"
    prompt = prompt_index()[found.group(1)]
    assert prompt.depth == 1 and ready_bond.kind in prompt.kinds
    assert escape(prompt.text) in html
    assert f'href="/prompts/{ready_bond.pk}/"' in html


def test_name_the_fear_offers_a_light_prompt_to_someone_alone_too(carol_client):
    from heard.prompts.deck import prompt_index

    html = carol_client.get("/learn/exercise/name-the-fear/").content.decode()
    found = re.search(r"data-light-prompt=\"([^\"]+)\"", html)
    assert found and prompt_index()[found.group(1)].depth == 1
