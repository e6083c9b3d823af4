"""Counsellor mode over the JSON API: the whole loop (invite, consent by code, assign, start,
done, prep), the same rules as the services (withdrawal at once, the view log, neutral
invite errors, a withdrawn client can't be assigned to), and a schema that documents it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from heard.api import api
from heard.counsel import selectors
from heard.counsel.services import INVITE_UNUSABLE
from heard.counsel.tests.actors import (
    canary,
    client_for,
    counsellor,
    item_with,
    partners,
    person,
    write_checkin,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _send(browser: Any, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    if body is None:
        return getattr(browser, method)(url)
    return getattr(browser, method)(url, json.dumps(body), content_type=JSON)


@pytest.fixture
def people() -> dict[str, Any]:
    alice, bob = person("alice"), person("bob")
    return {"alice": alice, "bob": bob, "bond": partners(alice, bob), "cora": counsellor("cora")}


@pytest.fixture
def joined(people: dict[str, Any]) -> dict[str, Any]:
    """cora invites the bond over the API; alice and bob consent with the code."""
    cora = client_for(people["cora"])
    made = _send(cora, "post", "/api/v1/counsel/invites", {"kind": "bond"})
    assert made.status_code == 201, made.content
    invite = made.json()
    assert invite["link"].startswith("http://testserver/counsel/join/")
    conns = {}
    for name in ("alice", "bob"):
        browser = client_for(people[name])
        seen = _send(browser, "post", "/api/v1/counsel/mine/preview", {"code": invite["code"]})
        assert seen.status_code == 200, seen.content
        assert seen.json()["will_see"] and seen.json()["will_not_see"]
        consent = _send(browser, "post", "/api/v1/counsel/mine/consent", {"code": invite["code"]})
        assert consent.status_code == 201, consent.content
        conns[name] = consent.json()["id"]
    return {**people, "conns": conns, "cora_client": cora}


def test_the_loop_over_the_api(joined: dict[str, Any]) -> None:
    cora, conn = joined["cora_client"], joined["conns"]["alice"]
    groups = cora.get("/api/v1/counsel/clients").json()
    assert len(groups) == 1 and groups[0]["can_assign"] is True
    assert {c["status"] for c in groups[0]["clients"]} == {"active"}
    library = cora.get("/api/v1/counsel/library").json()
    need = library["dialogue_needs"][0]["value"]
    topic = library["dialogue_topics"][0]["value"]
    made = _send(
        cora,
        "post",
        f"/api/v1/counsel/clients/{conn}/assignments",
        {
            "kind": "dialogue",
            "target": topic,
            "need": need,
            "note": "Ten minutes",
            "habit": "After dinner",
        },
    )
    assert made.status_code == 201, made.content
    assignment = made.json()
    assert {p["state"] for p in assignment["progress"]} == {"assigned"}
    secret, open_words = canary("private"), canary("open")
    for name, reflection, shared in (("alice", secret, False), ("bob", open_words, True)):
        browser = client_for(joined[name])
        week = browser.get("/api/v1/counsel/mine/assignments").json()
        assert [a["id"] for a in week] == [assignment["id"]]
        assert week[0]["note"] == "Ten minutes" and week[0]["habit"] == "After dinner"
        started = _send(
            browser, "post", f"/api/v1/counsel/mine/assignments/{assignment['id']}/start"
        )
        assert started.status_code == 200 and started.json()["url"].startswith("/")
        done = _send(
            browser,
            "post",
            f"/api/v1/counsel/mine/assignments/{assignment['id']}/done",
            {"reflection": reflection, "shared": shared},
        )
        assert done.status_code == 200, done.content
        assert done.json()["state"] == "done" and done.json()["reflection"] == reflection
    prep = cora.get(f"/api/v1/counsel/clients/{conn}/prep")
    assert prep.status_code == 200
    body = prep.content.decode()
    (shown,) = [a for a in prep.json()["assignments"] if a["id"] == assignment["id"]]
    assert {p["state"] for p in shown["progress"]} == {"done"}
    assert open_words in body and secret not in body
    # The same data as the session-prep page (its own selector, without logging a view).
    page = selectors.prep_data(counsellor=joined["cora"], connection_id=conn).as_json()
    assert set(prep.json()) == set(page)
    assert [a["id"] for a in prep.json()["assignments"]] == [a["id"] for a in page["assignments"]]
    assert prep.json()["items"] == page["items"] == []


def test_items_and_figures_are_shared_one_by_one_and_logged(joined: dict[str, Any]) -> None:
    cora, conn = joined["cora_client"], joined["conns"]["alice"]
    alice = client_for(joined["alice"])
    words = canary("item")
    write_checkin(joined["alice"], words)
    item = item_with(joined["alice"], conn, words)
    listed = alice.get(f"/api/v1/counsel/mine/{conn}/items").json()
    assert any(r["id"] == item.id and r["shared"] is False for r in listed)
    assert words not in cora.get(f"/api/v1/counsel/clients/{conn}/prep").content.decode()
    url = f"/api/v1/counsel/mine/{conn}/items/{item.kind}/{item.id}"
    assert _send(alice, "put", url).status_code == 204
    assert _send(alice, "put", f"/api/v1/counsel/mine/{conn}/figures/checkin").json()[
        "figures"
    ] == ["checkin"]
    prep = cora.get(f"/api/v1/counsel/clients/{conn}/prep").json()
    assert [i["text"] for i in prep["items"]] == [words]
    log = alice.get("/api/v1/counsel/mine/views").json()
    assert {v["what"] for v in log} >= {f"item:{item.kind}:{item.id}"}
    assert all(v["counsellor_name"] for v in log)
    assert alice.get(f"/api/v1/counsel/mine/{conn}/views").json() == log
    # Unsharing takes effect at once.
    assert _send(alice, "delete", url).status_code == 204
    assert (
        _send(alice, "delete", f"/api/v1/counsel/mine/{conn}/figures/checkin").json()["figures"]
        == []
    )
    prep = cora.get(f"/api/v1/counsel/clients/{conn}/prep")
    assert words not in prep.content.decode() and prep.json()["figures"] == []
    # The partner can't share alice's item, even through his own connection.
    bob = client_for(joined["bob"])
    theirs = f"/api/v1/counsel/mine/{joined['conns']['bob']}/items/{item.kind}/{item.id}"
    assert _send(bob, "put", theirs).status_code == 404
    # His log shows the prep views, never alice's item.
    bobs = {v["what"] for v in bob.get("/api/v1/counsel/mine/views").json()}
    assert "prep" in bobs and not [w for w in bobs if w.startswith("item:")]


def test_withdrawal_takes_effect_at_once(joined: dict[str, Any]) -> None:
    cora, conn = joined["cora_client"], joined["conns"]["alice"]
    alice = client_for(joined["alice"])
    words = canary("gone")
    write_checkin(joined["alice"], words)
    item = item_with(joined["alice"], conn, words)
    _send(alice, "put", f"/api/v1/counsel/mine/{conn}/items/{item.kind}/{item.id}")
    assert words in cora.get(f"/api/v1/counsel/clients/{conn}/prep").content.decode()
    assert _send(alice, "post", f"/api/v1/counsel/mine/{conn}/withdraw").status_code == 204
    prep = cora.get(f"/api/v1/counsel/clients/{conn}/prep")
    assert words not in prep.content.decode()
    if prep.status_code == 200:
        assert prep.json()["items"] == [] and prep.json()["figures"] == []
    groups = cora.get("/api/v1/counsel/clients").json()
    rows = [c for g in groups for c in g["clients"] if c["connection_id"] == conn]
    assert rows and rows[0]["status"] == "ended"
    # A withdrawn client can't be given practice: a clear 409, nothing made.
    made = _send(cora, "post", f"/api/v1/counsel/clients/{conn}/assignments", {"kind": "checkup"})
    assert made.status_code in {404, 409}, made.content
    assert made.json()["detail"]
    # And withdrawing again is a 404, like any connection that isn't open.
    assert _send(alice, "post", f"/api/v1/counsel/mine/{conn}/withdraw").status_code == 404
    assert alice.get("/api/v1/counsel/mine").json()[0]["status"] == "ended"


def test_unusable_invites_get_one_neutral_answer(joined: dict[str, Any]) -> None:
    cora = joined["cora_client"]
    carol = client_for(person("carol"))
    for body in ({"code": "ZZZZ-9999"}, {"token": "not-a-token"}):
        answer = _send(carol, "post", "/api/v1/counsel/mine/consent", body)
        assert answer.status_code == 400 and answer.json()["detail"] == INVITE_UNUSABLE
    made = _send(cora, "post", "/api/v1/counsel/invites", {"kind": "person"}).json()
    assert [i["id"] for i in cora.get("/api/v1/counsel/invites").json()].count(made["id"]) == 1
    assert _send(cora, "delete", f"/api/v1/counsel/invites/{made['id']}").status_code == 204
    revoked = _send(carol, "post", "/api/v1/counsel/mine/consent", {"code": made["code"]})
    assert revoked.status_code == 400 and revoked.json()["detail"] == INVITE_UNUSABLE
    assert _send(cora, "delete", f"/api/v1/counsel/invites/{made['id']}").status_code == 404
    # Someone who is not a counsellor can't make one.
    assert _send(carol, "post", "/api/v1/counsel/invites", {"kind": "person"}).status_code == 404
    # Bad input is refused by the schema first.
    assert _send(cora, "post", "/api/v1/counsel/invites", {"kind": "everyone"}).status_code == 422
    assert _send(carol, "post", "/api/v1/counsel/mine/consent", {}).status_code == 422


def test_templates_two_taps_and_notes(joined: dict[str, Any]) -> None:
    cora, conn = joined["cora_client"], joined["conns"]["alice"]
    made = _send(
        cora,
        "post",
        "/api/v1/counsel/templates",
        {"name": "Check-up", "kind": "checkup", "note": "Fill it in together"},
    )
    assert made.status_code == 201, made.content
    template = made.json()
    assert cora.get(f"/api/v1/counsel/templates/{template['id']}").json() == template
    changed = _send(
        cora,
        "put",
        f"/api/v1/counsel/templates/{template['id']}",
        {"name": "Monthly check-up", "kind": "checkup"},
    )
    assert changed.json()["name"] == "Monthly check-up"
    assigned = _send(
        cora,
        "post",
        f"/api/v1/counsel/clients/{conn}/assignments/from-template",
        {"template_id": template["id"]},
    )
    assert assigned.status_code == 201, assigned.content
    assert assigned.json()["kind"] == "checkup"
    again = _send(
        cora,
        "post",
        f"/api/v1/counsel/assignments/{assigned.json()['id']}/template",
        {"name": "Again"},
    )
    assert again.status_code == 201 and again.json()["kind"] == "checkup"
    assert (
        _send(
            cora, "post", f"/api/v1/counsel/assignments/{assigned.json()['id']}/withdraw"
        ).status_code
        == 204
    )
    assert client_for(joined["alice"]).get("/api/v1/counsel/mine/assignments").json() == []
    assert _send(cora, "delete", f"/api/v1/counsel/templates/{template['id']}").status_code == 204
    assert cora.get(f"/api/v1/counsel/templates/{template['id']}").status_code == 404
    # Bad targets: the schema lists the kinds; the service checks the target against content.
    wrong = _send(
        cora,
        "post",
        f"/api/v1/counsel/clients/{conn}/assignments",
        {"kind": "lesson", "target": "no-such-lesson"},
    )
    assert wrong.status_code == 400 and wrong.json()["detail"]
    assert (
        _send(
            cora, "post", "/api/v1/counsel/templates", {"name": "x", "kind": "homework"}
        ).status_code
        == 422
    )
    # Private notes: the counsellor's only.
    words = canary("note")
    note = _send(cora, "post", f"/api/v1/counsel/clients/{conn}/notes", {"text": words})
    assert note.status_code == 201, note.content
    assert [n["text"] for n in cora.get(f"/api/v1/counsel/clients/{conn}/notes").json()] == [words]
    edited = _send(
        cora, "put", f"/api/v1/counsel/notes/{note.json()['id']}", {"text": words + " more"}
    )
    assert edited.json()["text"] == words + " more"
    for name in ("alice", "bob"):
        browser = client_for(joined[name])
        for url in (
            "/api/v1/counsel/mine",
            "/api/v1/counsel/mine/assignments",
            "/api/v1/counsel/mine/views",
        ):
            assert words not in browser.get(url).content.decode()
        assert browser.get(f"/api/v1/counsel/clients/{conn}/notes").status_code == 404
    assert (
        _send(
            cora, "put", f"/api/v1/counsel/notes/{note.json()['id']}", {"text": "   "}
        ).status_code
        == 422
    )
    assert _send(cora, "delete", f"/api/v1/counsel/notes/{note.json()['id']}").status_code == 204
    assert cora.get(f"/api/v1/counsel/clients/{conn}/notes").json() == []


def test_every_counsel_operation_is_documented() -> None:
    schema = api.get_openapi_schema()
    counsel = {
        (method, path): op
        for path, methods in schema["paths"].items()
        if path.startswith("/api/v1/counsel")
        for method, op in methods.items()
    }
    assert len(counsel) >= 35
    for (_method, path), op in counsel.items():
        assert op["tags"] in (["counsellor"], ["my counsellor"]), path
        assert {"401", "404"} <= {str(s) for s in op["responses"]}, path
        if path.startswith("/api/v1/counsel/mine"):
            assert op["tags"] == ["my counsellor"], path
    assert "429" in {str(s) for s in counsel[("post", "/api/v1/counsel/mine/consent")]["responses"]}
    names = [n for n in schema["components"]["schemas"] if "Counsel" in n]
    assert names and all(n.startswith("Counsel") for n in names)


def test_the_schema_stays_flat() -> None:
    """No recursive or deeply nested shapes (they made the docs page stop rendering)."""
    schemas = api.get_openapi_schema()["components"]["schemas"]

    def depth(shape: Any, seen: tuple[str, ...] = ()) -> int:
        if isinstance(shape, dict):
            ref = shape.get("$ref")
            if ref:
                name = ref.rsplit("/", 1)[-1]
                assert name not in seen, f"{name} refers to itself"
                return 1 + depth(schemas[name], (*seen, name))
            return max((depth(v, seen) for v in shape.values()), default=0)
        if isinstance(shape, list):
            return max((depth(v, seen) for v in shape), default=0)
        return 0

    for name, shape in schemas.items():
        if name.startswith("Counsel"):
            assert depth(shape, (name,)) <= 2, name


def test_practice_for_a_later_week_is_listed(joined: dict[str, Any]) -> None:
    import datetime

    cora, conn = joined["cora_client"], joined["conns"]["alice"]
    later = (datetime.date.today() + datetime.timedelta(weeks=3)).isoformat()
    body = {"kind": "checkup", "week_of": later}
    made = _send(cora, "post", f"/api/v1/counsel/clients/{conn}/assignments", body)
    assert made.status_code == 201, made.content
    assert made.json()["week_of"] <= later
    listed = cora.get(f"/api/v1/counsel/clients/{conn}/assignments").json()
    assert made.json()["id"] in [a["id"] for a in listed]
    too_far = {"kind": "checkup", "week_of": "2099-01-05"}
    refused = _send(cora, "post", f"/api/v1/counsel/clients/{conn}/assignments", too_far)
    assert refused.status_code == 400 and "week" in refused.json()["detail"]
    bad_day = {"kind": "checkup", "week_of": "2026-02-30"}
    assert (
        _send(cora, "post", f"/api/v1/counsel/clients/{conn}/assignments", bad_day).status_code
        == 422
    )


def test_a_pause_shows_only_with_the_reporters_consent(joined: dict[str, Any]) -> None:
    from heard.safety.services import SCREENING_QUESTIONS, screening_submit

    cora, bob_conn = joined["cora_client"], joined["conns"]["bob"]
    screening_submit(
        user=joined["bob"], bond=joined["bond"], answers={SCREENING_QUESTIONS[0][0]: True}
    )
    for key in joined["conns"].values():
        assert cora.get(f"/api/v1/counsel/clients/{key}/prep").json()["paused"] is False
    assert not [g for g in cora.get("/api/v1/counsel/clients").json() if g["paused"]]
    bob = client_for(joined["bob"])
    assert _send(bob, "put", f"/api/v1/counsel/mine/{bob_conn}/figures/pause").status_code == 200
    assert cora.get(f"/api/v1/counsel/clients/{bob_conn}/prep").json()["paused"] is True
    # The partner's own side says nothing of it.
    alice = client_for(joined["alice"])
    for url in (
        "/api/v1/counsel/mine",
        "/api/v1/counsel/mine/assignments",
        "/api/v1/counsel/mine/views",
    ):
        assert "pause" not in alice.get(url).content.decode()


def test_a_client_who_erases_leaves_nothing_a_counsellor_could_see(joined: dict[str, Any]) -> None:
    from heard.accounts.data import user_erase

    cora, conn, bob_conn = joined["cora_client"], joined["conns"]["alice"], joined["conns"]["bob"]
    alice = client_for(joined["alice"])
    words = canary("erased")
    write_checkin(joined["alice"], words)
    item = item_with(joined["alice"], conn, words)
    _send(alice, "put", f"/api/v1/counsel/mine/{conn}/items/{item.kind}/{item.id}")
    _send(alice, "put", f"/api/v1/counsel/mine/{conn}/figures/checkin")
    about = canary("kept")
    _send(cora, "post", f"/api/v1/counsel/clients/{conn}/notes", {"text": about})
    assert words in cora.get(f"/api/v1/counsel/clients/{conn}/prep").content.decode()
    user_erase(user=joined["alice"])
    seen = "".join(
        cora.get(url).content.decode()
        for url in (
            "/api/v1/counsel/clients",
            f"/api/v1/counsel/clients/{bob_conn}/prep",
            f"/api/v1/counsel/clients/{bob_conn}/assignments",
            f"/api/v1/counsel/clients/{bob_conn}/notes",
        )
    )
    assert words not in seen and "alice" not in seen
    assert cora.get(f"/api/v1/counsel/clients/{conn}/prep").status_code == 404
    # The practice's default keeps the counsellor's own notes, marked as a former client's.
    kept = cora.get("/api/v1/counsel/notes/former-clients").json()
    assert [n["text"] for n in kept] == [about] and kept[0]["client_id"] is None
