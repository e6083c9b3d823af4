"""Nobody reads what is not theirs: on every Learn page and API operation, an outsider, an
ex-partner after leaving, and an anonymous visitor get a 404 (or the login page / a 401), and
nothing changes."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from heard.learn import services
from heard.learn.models import ExerciseEntry, LessonRead, TogetherMark

pytestmark = pytest.mark.django_db

# Routes on a bond: members only.
BOND_PAGES = [
    ("post", "/learn/trust/together/{b}/"),
    ("post", "/learn/trust/together/{b}/prompt/"),
]
# Routes on a person's own entry: the writer only.
ENTRY_PAGES = [
    ("get", "/learn/exercise/name-the-fear/{e}/"),
    ("post", "/learn/exercise/name-the-fear/{e}/"),
    ("post", "/learn/exercise/name-the-fear/{e}/delete/"),
]
# Everyone signed in may see these; anonymous visitors go to the login page.
OWN_PAGES = [
    ("get", "/learn/"),
    ("get", "/learn/trust/"),
    ("post", "/learn/trust/read/"),
    ("get", "/learn/trust/practice/"),
    ("get", "/learn/exercise/name-the-fear/"),
    ("post", "/learn/exercise/name-the-fear/"),
]
API = [
    ("get", "/api/v1/lessons", None),
    ("get", "/api/v1/lessons/trust", None),
    ("post", "/api/v1/lessons/trust/read", None),
    ("delete", "/api/v1/lessons/trust/read", None),
]


@pytest.fixture
def world(alice, bob, ready_bond, ended_bond):
    for person in (alice, bob):
        services.together_mark(bond=ready_bond, user=person, lesson_id="trust")
    entry = services.exercise_save(
        user=alice, exercise_id="name-the-fear", answers={"afraid": "only mine"}
    ).entry
    return {"b": ready_bond.pk, "old": ended_bond.pk, "e": entry.pk}


def _snapshot():
    return (
        sorted(TogetherMark.objects.values_list("bond_id", "user_id", "lesson_id", "exchange_id")),
        sorted(ExerciseEntry.objects.values_list("id", "answers_json")),
    )


@pytest.mark.parametrize(("method", "url"), BOND_PAGES)
def test_bond_pages_are_404_for_an_outsider_and_an_ex(
    method, url, world, carol_client, dave, login_client
):
    before = _snapshot()
    for client, bond_id in [(carol_client, world["b"]), (login_client(dave), world["old"])]:
        response = getattr(client, method)(url.format(b=bond_id))
        assert response.status_code == 404, (url, response.status_code)
    anonymous = getattr(Client(), method)(url.format(b=world["b"]))
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    assert _snapshot() == before


@pytest.mark.parametrize(("method", "url"), ENTRY_PAGES)
def test_entry_pages_are_404_for_everyone_but_the_writer(
    method, url, world, bob_client, carol_client, dave, login_client
):
    before = _snapshot()
    for client in (bob_client, carol_client, login_client(dave)):
        response = getattr(client, method)(url.format(e=world["e"]), {"afraid": "changed"})
        assert response.status_code == 404, (url, response.status_code)
        assert "only mine" not in response.content.decode()
    anonymous = getattr(Client(), method)(url.format(e=world["e"]))
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    assert _snapshot() == before


@pytest.mark.parametrize(("method", "url"), OWN_PAGES)
def test_own_pages_send_anonymous_visitors_to_log_in(method, url, world):
    response = getattr(Client(), method)(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize(("method", "url"), OWN_PAGES)
def test_own_pages_show_an_outsider_and_an_ex_nothing_of_anyone_else(
    method, url, world, carol_client, dave, login_client
):
    for client in (carol_client, login_client(dave)):
        response = getattr(client, method)(url)
        assert response.status_code < 500
        html = response.content.decode()
        assert "only mine" not in html and "bob" not in html and "alice" not in html


@pytest.mark.parametrize(("method", "url", "body"), API)
def test_the_api_needs_a_login_and_keeps_read_marks_per_person(
    method, url, body, world, alice, carol_client, dave, login_client
):
    services.lesson_mark_read(user=alice, lesson_id="trust")
    anonymous = getattr(Client(), method)(url)
    assert anonymous.status_code == 401
    for client in (carol_client, login_client(dave)):
        kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body else {}
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == 200
        if method == "get" and url.endswith("lessons"):
            assert not any(x["read"] for x in response.json())
    assert LessonRead.objects.filter(user=alice, lesson_id="trust").exists()


def test_an_ex_sees_no_reading_together_from_the_ended_bond(alice, dave, ended_bond, login_client):
    from heard.learn.models import TogetherMark

    TogetherMark.objects.create(bond=ended_bond, user=alice, lesson_id="trust")
    html = login_client(dave).get("/learn/trust/").content.decode()
    assert "Read this together" not in html and "alice" not in html
