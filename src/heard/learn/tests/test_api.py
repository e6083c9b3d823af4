"""The lessons API: list, read (Markdown and HTML) and private read marks."""

from __future__ import annotations

import pytest

from heard.learn.content import lessons, render_html

pytestmark = pytest.mark.django_db


def test_it_lists_every_lesson_with_my_read_marks(alice_client):
    alice_client.post("/api/v1/lessons/trust/read")
    items = alice_client.get("/api/v1/lessons").json()
    assert [x["id"] for x in items] == [x.id for x in lessons()]
    assert {x["id"] for x in items if x["read"]} == {"trust"}
    assert {"title", "minutes", "topic", "components", "summary", "path"} <= set(items[0])


def test_it_reads_a_lesson_as_markdown_and_html_with_its_practice(alice_client, ready_bond):
    body = alice_client.get("/api/v1/lessons/listening").json()
    assert body["markdown"].startswith("Most of us listen")
    assert body["html"] == render_html("listening") and "<h2>1. Mirror</h2>" in body["html"]
    assert body["practice"] == {
        "kind": "scenario",
        "label": "Practise listening",
        "text": body["practice"]["text"],
        "url": "/talk/practice/friend-01/",
        "choose_url": "/learn/listening/practice/",
    }
    with_someone = alice_client.get("/api/v1/lessons/no-time").json()["practice"]
    assert with_someone["url"] == f"/prompts/{ready_bond.pk}/"


def test_marking_read_and_unread(alice_client):
    first = alice_client.post("/api/v1/lessons/trust/read").json()
    again = alice_client.post("/api/v1/lessons/trust/read").json()
    assert first["read"] and first["read_at"] == again["read_at"]
    assert alice_client.delete("/api/v1/lessons/trust/read").json() == {
        "id": "trust",
        "read": False,
        "read_at": None,
    }


def test_an_unknown_lesson_is_a_clear_404(alice_client):
    for method in ("get", "post"):
        suffix = "" if method == "get" else "/read"
        response = getattr(alice_client, method)(f"/api/v1/lessons/nope{suffix}")
        assert response.status_code == 404
        assert response.json() == {"detail": "There is no such lesson."}
