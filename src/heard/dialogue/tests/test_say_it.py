"""Say it without blame: flags for blame, contempt and "you always / you never", softer
wording, a copyable paragraph, and a way to open a dialogue with it."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from heard.dialogue import selectors
from heard.dialogue.models import Dialogue
from heard.dialogue.say_it import compose, say_it_check

pytestmark = pytest.mark.django_db

KIND = {
    "happened": "you came home at eleven without texting",
    "feeling": "worried",
    "need": "to know you're safe",
    "request": "text me when you're running late",
}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def test_it_composes_one_paragraph():
    assert compose(KIND) == (
        "When you came home at eleven without texting, I felt worried. I need to know you're "
        "safe. Would you be willing to text me when you're running late?"
    )
    assert compose({"request": "Could you call me"}) == "Could you call me?"
    assert compose({}) == ""


def test_a_kind_statement_has_no_flags(alice):
    checked = say_it_check(user=alice, parts=KIND)
    assert checked.flags == [] and checked.feeling_known


@pytest.mark.parametrize(
    "field, text, kind",
    [
        ("happened", "you always leave the dishes", "always_never"),
        ("request", "stop, you never help", "always_never"),
        ("happened", "you were so selfish at dinner", "judgement"),
        ("feeling", "you make me feel small", "you_make_me"),
        ("feeling", "like you don't care", "thought_not_feeling"),
    ],
)
def test_it_flags_blaming_wording_with_a_softer_suggestion(alice, field, text, kind):
    checked = say_it_check(user=alice, parts={**KIND, field: text})
    flag = next(f for f in checked.flags if f.kind == kind)
    assert flag.suggestion and flag.message


def test_the_coach_adds_contempt_and_blame(alice):
    checked = say_it_check(
        user=alice,
        parts={**KIND, "happened": "you did your usual pathetic routine, what a joke"},
    )
    assert {"contempt", "blame", "judgement"} & {f.kind for f in checked.flags}


def test_the_page_checks_live_and_without_javascript(alice_client):
    live = alice_client.post("/talk/say-it/check/", {**KIND, "happened": "you always forget"})
    assert 'data-flag="always_never"' in live.content.decode()
    page = alice_client.post("/talk/say-it/", KIND).content.decode()
    assert "data-say-it-clear" in page and 'data-copy="#statement"' in page
    assert alice_client.post("/talk/say-it/", {"need": "x" * 501}).status_code == 400


def test_the_feeling_picker_searches_the_vocabulary(alice_client):
    html = alice_client.get("/talk/feelings/?q=lonel").content.decode()
    assert 'data-feeling="lonely"' in html
    page = alice_client.get("/talk/say-it/").content.decode()
    assert page.count("<option value=") >= 120 and "<details" in page
    api = alice_client.get("/api/v1/feelings?q=worr").json()
    assert any("worried" in f["words"] for f in api)


def test_it_starts_a_dialogue_with_the_statement_as_the_opening_draft(
    alice_client, screened, alice
):
    statement = compose(KIND)
    response = alice_client.post(
        "/talk/say-it/start/", {**KIND, "statement": statement, "bond": screened.pk}
    )
    d = Dialogue.objects.get()
    assert response.url == f"/talk/d/{d.pk}/"
    assert d.speaker == alice and d.state == "choosing_need"
    assert selectors.draft_for(dialogue=d, author=alice).text == statement
    alice_client.post(f"/talk/d/{d.pk}/need/", {"need": "listen"})
    assert statement.replace("'", "&#x27;") in alice_client.get(f"/talk/d/{d.pk}/").content.decode()


def test_starting_needs_a_bond_of_yours(alice_client, carol_client, screened):
    assert alice_client.post("/talk/say-it/start/", {"statement": "x", "bond": ""}).status_code == (
        400
    )
    assert (
        carol_client.post(
            "/talk/say-it/start/", {"statement": "x", "bond": screened.pk}
        ).status_code
        == 404
    )


def test_say_it_through_the_api(alice_client):
    body = alice_client.post(
        "/api/v1/say-it/check",
        json.dumps({**KIND, "happened": "you never listen"}),
        content_type="application/json",
    ).json()
    assert body["statement"].startswith("When you never listen")
    assert any(f["kind"] == "always_never" for f in body["flags"])


def test_several_feeling_words_are_known_feelings(alice):
    assert say_it_check(user=alice, parts={"feeling": "lonely, a bit hurt"}).feeling_known
    assert not say_it_check(user=alice, parts={"feeling": "that you never listen"}).feeling_known


def test_an_empty_check_says_what_to_do(alice_client):
    page = alice_client.post("/talk/say-it/check/?explicit=1", {}).content.decode()
    assert "data-say-it-empty" in page
    # Live checks while typing stay quiet.
    assert "data-say-it-empty" not in alice_client.post("/talk/say-it/check/", {}).content.decode()
    # Without JavaScript too: the page answers, and the feedback comes right after the form.
    page = alice_client.post("/talk/say-it/", {}).content.decode()
    assert "data-say-it-empty" in page
    assert page.index('id="say-it-result"') < page.index('id="feelings-heading"')
