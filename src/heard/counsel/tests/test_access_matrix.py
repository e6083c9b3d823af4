"""SECURITY.md promises 1 and 20: every counsel web route and every counsel API operation,
for every actor: owner, partner, ex-partner, other bond, own counsellor with share, own
counsellor without share, other counsellor, former counsellor after withdrawal, anonymous.

The routes and operations are found by walking the URL resolver and the ninja router, so a
new one is covered as soon as it exists (an API operation also needs a body below: a test
says so). Each route is asked about the owner's things (alice's connection with cora, cora's
assignment, template, note and invite, alice's shared item). Never a 500; anonymous visitors
are sent to log in (401 from the API); only the counsellor whose client it is reaches a
counsellor's things, everyone else gets the same 404; and no text reaches anyone it wasn't
shared with (canaries: unshared items, private reflections, counsellor notes, another bond's
words, items shared with a counsellor before a withdrawal)."""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from heard.counsel.api import router
from heard.counsel.tests.actors import World, build_world, client_for

pytestmark = pytest.mark.django_db

ACTORS = {
    "owner": "alice",
    "partner": "bob",
    "ex-partner": "dave",
    "other bond": "carol",
    "own counsellor with share": "cora",
    "own counsellor without share": "cleo",
    "other counsellor": "olga",
    "former counsellor": "fern",
    "anonymous": None,
}
# Unsafe requests by those who may do them go last, so everyone else asks about the world
# as it was built (the owner's withdrawal would otherwise end cora's connection first).
ORDER = [a for a in ACTORS if a not in {"owner", "own counsellor with share"}] + [
    "own counsellor with share",
    "owner",
]
COUNSELLORS = {"cora", "cleo", "olga", "fern"}
CLIENT_WEB = ("counsel/join", "counsel/mine", "counsel/practice")

# --------------------------------------------------------------------------- the routes


def _web_routes() -> list[str]:
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str, inside: bool) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, inside or entry.namespace == "counsel")
            elif isinstance(entry, URLPattern) and inside:
                found.append(route)

    walk(get_resolver().url_patterns, "", False)
    return sorted(set(found))


def _api_operations() -> list[tuple[str, str, str, list[str]]]:
    """(method, path, view name, tags) for every operation of counsel's router."""
    found = []
    for path, view in router.path_operations.items():
        for operation in view.operations:
            for method in operation.methods:
                name = operation.view_func.__name__
                found.append((method, "/api/v1" + path, name, list(operation.tags or [])))
    return sorted(found, key=lambda op: (op[1], op[0]))


WEB_ROUTES = _web_routes()
API_OPERATIONS = _api_operations()


def _bodies(world: World | None) -> dict[str, dict[str, Any]]:
    """A valid body for each operation that takes one, so the answer is about who asks."""
    return {
        "invite_create": {"kind": "person"},
        "assignment_create": {"kind": "say_it", "note": "Before the weekly shop"},
        "assignment_from_template": {"template_id": world.template.pk if world else 1},
        "assignment_save_template": {"name": "Say it, again"},
        "template_create": {"name": "Check-up", "kind": "checkup"},
        "template_update": {"name": "Check-up, monthly", "kind": "checkup"},
        "note_create": {"text": "Talked about the move."},
        "note_update": {"text": "Talked about the move, again."},
        "my_invite_preview": {"code": "ABCD-2345"},
        "my_consent": {"code": "ABCD-2345"},
        "my_assignment_done": {"reflection": "", "shared": False},
        "my_reflection_share": {"shared": False},
    }


def _ids(world: World) -> dict[str, int | str]:
    return {
        "connection_id": world.conn.pk,
        "invite_id": world.invite.pk,
        "assignment_id": world.assignment.pk,
        "template_id": world.template.pk,
        "note_id": world.note.pk,
        "item_id": world.shared_item.id,
    }


def _fill_api(path: str, world: World) -> str:
    ids = _ids(world)

    def value(match: re.Match[str]) -> str:
        name = match.group(2)
        if name == "kind":
            return world.shared_item.kind if "/items/" in path else "checkin"
        return str(ids[name])

    return re.sub(r"\{(?:(\w+):)?(\w+)\}", value, path)


def _fill_web(route: str, world: World, *, missing: bool = False) -> str:
    """The route for the owner's things (or, ``missing``, for things that don't exist)."""
    ids = _ids(world)

    def value(match: re.Match[str]) -> str:
        kind, name = match.group(1) or "str", match.group(2)
        if kind == "int":
            return "999999" if missing else str(ids.get(name, world.conn.pk))
        return "not-a-real-token"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route).lstrip("^").rstrip("$")


def _send(browser: Any, method: str, url: str, body: dict[str, Any] | None) -> Any:
    if body is None:
        return getattr(browser, method.lower())(url)
    return getattr(browser, method.lower())(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def world() -> World:
    return build_world()


def _no_canaries(world: World, username: str | None, where: str, text: str) -> None:
    for canary in world.forbidden_for(username or "anonymous"):
        assert canary not in text, f"{username} saw {canary} in {where}"


# --------------------------------------------------------------------------- the tests


def test_the_walks_found_the_routes() -> None:
    assert len(API_OPERATIONS) >= 35
    tags = {tag for *_, op_tags in API_OPERATIONS for tag in op_tags}
    assert tags == {"counsellor", "my counsellor"}


def test_every_operation_has_a_body_when_it_takes_one() -> None:
    taking = {
        operation.view_func.__name__
        for view in router.path_operations.values()
        for operation in view.operations
        if "payload" in inspect.signature(operation.view_func).parameters
    }
    assert taking, "the walk found the operations that take a body"
    missing = taking - set(_bodies(None))
    assert not missing, f"give these operations a body in _bodies: {sorted(missing)}"


@pytest.mark.parametrize(
    ("method", "path", "name", "tags"),
    API_OPERATIONS,
    ids=[f"{m} {p}" for m, p, _, _ in API_OPERATIONS],
)
def test_every_api_operation_for_every_actor(
    world: World, method: str, path: str, name: str, tags: list[str]
) -> None:
    url = _fill_api(path, world)
    body = _bodies(world).get(name)
    takes_ids = "{" in path
    for actor in ORDER:
        username = ACTORS[actor]
        user = world.users.get(username) if username else None
        response = _send(client_for(user), method, url, body)
        status = response.status_code
        where = f"{actor}: {method} {url} -> {status}"
        assert status < 500, where
        _no_canaries(world, username, where, response.content.decode())
        if user is None:
            assert status == 401, where
            continue
        if "counsellor" in tags:
            if username == "cora":
                if method == "GET":
                    assert status == 200, where
            elif username not in COUNSELLORS or takes_ids:
                # Not a counsellor, or not their client: the same neutral 404.
                assert status == 404, where
            else:
                assert status < 400 or status == 409, where
        else:  # the client's side
            if takes_ids and username in COUNSELLORS | {"dave", "carol"}:
                assert status == 404, where
            if username == "bob" and "{connection_id}" in path:
                assert status == 404, where  # alice's connection, not his
            if username == "alice" and method == "GET":
                assert status == 200, where


def _answer(response: Any) -> tuple[int, str]:
    return response.status_code, response.get("Location", "")


@pytest.mark.parametrize("route", WEB_ROUTES or ["(no counsel pages yet)"])
def test_every_web_route_for_every_actor(world: World, route: str) -> None:
    if not WEB_ROUTES:
        pytest.skip("counsel's pages are not in this tree yet")
    url = _fill_web(route, world)
    missing = _fill_web(route, world, missing=True)
    counsellors_page = not route.startswith(CLIENT_WEB)
    public = route.startswith("counsel/join")  # what an invite is, before logging in
    takes_ids = "<int:" in route
    for actor in ORDER:
        username = ACTORS[actor]
        user = world.users.get(username) if username else None
        browser = client_for(user)
        response = browser.get(url)
        status = response.status_code
        where = f"{actor}: GET {url} -> {status}"
        assert status < 500, where
        _no_canaries(world, username, where, response.content.decode())
        if user is None and not public:
            if status == 302:
                assert response["Location"].startswith("/account/login"), where
            else:
                assert status in {404, 405}, where
            continue
        if public:
            # A link that isn't an invite: one neutral answer, for everyone.
            assert status in {200, 302, 400, 405}, where
            continue
        outsider = (
            (counsellors_page and username != "cora")
            or (not counsellors_page and username in COUNSELLORS | {"dave", "carol"})
            or (not counsellors_page and username == "bob" and "<int:connection_id>" in route)
        )
        if counsellors_page and username not in COUNSELLORS:
            assert status in {302, 403, 404, 405}, where
            if status == 302:  # sent somewhere harmless, never into a counsellor's page
                assert not response["Location"].startswith("/counsel/clients"), where
        if outsider and takes_ids:
            # Someone else's thing looks exactly like a thing that doesn't exist.
            assert _answer(response) == _answer(browser.get(missing)), (where, missing)
            assert status in {302, 403, 404, 405}, where
        if username == "cora" and counsellors_page:
            assert status in {200, 302, 405}, where


def test_shared_things_reach_only_the_counsellor_they_were_shared_with(world: World) -> None:
    shared = next(t for t, who in world.canaries.items() if who == {"alice", "cora"})
    cora = client_for(world.users["cora"])
    prep = cora.get(f"/api/v1/counsel/clients/{world.conn.pk}/prep")
    assert prep.status_code == 200
    found = prep.json()
    assert shared in prep.content.decode()
    assert [i["text"] for i in found["items"] if shared in i["text"]]
    assert {f["kind"] for f in found["figures"]} <= {"checkin"}
    # The counsellor alice sees alone, with nothing shared: completion only, no items.
    cleo = client_for(world.users["cleo"]).get(f"/api/v1/counsel/clients/{world.cleo_conn.pk}/prep")
    assert cleo.status_code == 200
    assert cleo.json()["items"] == [] and cleo.json()["figures"] == []
    assert shared not in cleo.content.decode()
    # The former counsellor: only that the connection ended.
    fern = client_for(world.users["fern"]).get(f"/api/v1/counsel/clients/{world.fern_conn.pk}/prep")
    if fern.status_code == 200:
        ended = fern.json()
        assert ended["ended"] is True
        assert ended["items"] == [] and ended["figures"] == [] and ended["assignments"] == []
    else:
        assert fern.status_code == 404
    # Another counsellor's client is a 404, as is one that doesn't exist.
    olga = client_for(world.users["olga"])
    assert olga.get(f"/api/v1/counsel/clients/{world.conn.pk}/prep").status_code == 404
    assert (
        olga.get("/api/v1/counsel/clients/999999/prep").json()
        == olga.get(f"/api/v1/counsel/clients/{world.conn.pk}/prep").json()
    )


def test_a_detection_is_never_shown_to_a_counsellor_unless_shared(world: World) -> None:
    cora = client_for(world.users["cora"])
    found = cora.get(f"/api/v1/counsel/clients/{world.conn.pk}/prep").json()
    assert not [i for i in found["items"] if "safety" in i["kind"] or "screening" in i["kind"]]
    mine = client_for(world.users["alice"]).get(f"/api/v1/counsel/mine/{world.conn.pk}/items")
    kinds = {row["kind"] for row in mine.json()}
    assert any("safety" in kind for kind in kinds), kinds  # alice may share it; nobody else sees it
