"""Length limits never cut text (issue 16, item 15): no maxlength for a paste to hit, a counter
(heard.js, data-limit), and a plain explanation with the text kept."""

from __future__ import annotations

import html as htmllib
import re

import pytest

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return htmllib.unescape(response.content.decode())


def _no_maxlength_on_textareas(page: str) -> None:
    assert not re.search(r"<textarea[^>]*maxlength", page), "a paste would be cut silently"


def test_check_in_note_over_the_limit_is_explained_and_kept(alice_client, bond):
    page = _page(alice_client.get("/checkup/checkin/"))
    _no_maxlength_on_textareas(page)
    assert 'data-limit="2000"' in page
    note = "n" * 2100
    response = alice_client.post("/checkup/checkin/", {"feeling": "calm", "note": note})
    page = _page(response)
    assert response.status_code == 400
    assert "Ensure this value" not in page
    assert "That's 2100 characters, and the limit here is 2000. Nothing was cut" in page
    assert note in page


def test_practice_reply_over_the_limit_is_explained_and_kept(alice_client):
    page = _page(alice_client.get("/talk/practice/partner-01/"))
    _no_maxlength_on_textareas(page)
    assert 'data-limit="2000"' in page
    reply = "r" * 2050
    response = alice_client.post("/talk/practice/partner-01/", {"reply": reply})
    page = _page(response)
    assert response.status_code == 400
    assert "Ensure this value" not in page and "Nothing was cut" in page
    assert reply in page


def test_say_it_and_appreciation_fields_carry_a_limit_not_maxlength(alice_client, bond):
    page = _page(alice_client.get("/talk/say-it/"))
    _no_maxlength_on_textareas(page)
    assert page.count('data-limit="500"') == 3


def test_the_dialogue_textarea_has_a_limit_not_maxlength(alice_client, bob, bond):
    from heard.dialogue.services import dialogue_start
    from heard.safety.services import screening_submit

    for person in (bond.memberships.first().user, bob):
        screening_submit(user=person, bond=bond, answers={})
    dialogue = dialogue_start(
        bond=bond, starter=bond.memberships.exclude(user=bob).first().user, other=bob, mode="apart"
    )
    alice_client.post(f"/talk/d/{dialogue.pk}/need/", {"need": "listen"})
    page = _page(alice_client.get(f"/talk/d/{dialogue.pk}/"))
    _no_maxlength_on_textareas(page)
    assert 'data-limit="4000"' in page


def test_appreciation_over_the_limit_is_explained_and_kept(alice_client, ready_bond):
    url = f"/checkup/appreciation/{ready_bond.pk}/"
    page = _page(alice_client.get(url))
    _no_maxlength_on_textareas(page)
    assert 'data-limit="1000"' in page
    note = "thank you " * 110
    response = alice_client.post(url, {"text": note})
    page = _page(response)
    assert response.status_code == 400
    assert "Ensure this value" not in page and "Nothing was cut" in page
    assert note.strip() in page


def test_learn_exercise_steps_carry_a_limit_not_maxlength(alice_client):
    page = _page(alice_client.get("/learn/exercise/name-the-fear/"))
    _no_maxlength_on_textareas(page)
    assert 'data-limit="2000"' in page
