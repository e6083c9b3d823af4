"""Every route, for an owner, an outsider, an ex-partner and an anonymous visitor: never a 500;
every HTML page keeps the privacy promises; bond pages are 404 for everyone but the members."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

SKIP_PREFIXES = ("api/", "admin/", "static/")


def _routes() -> list[str]:
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                found.append(route)

    walk(get_resolver().url_patterns, "")
    return sorted({r for r in found if not r.startswith(SKIP_PREFIXES) and "<path:" not in r})


ROUTES = _routes()


def _fill(route: str, ids: dict[str, int]) -> str:
    def value(match: re.Match[str]) -> str:
        kind, name = match.group(1) or "str", match.group(2)
        if kind == "int":
            return str(ids.get(name, ids["default"]))
        return "not-a-real-thing"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route).lstrip("^").rstrip("$")


def _check_html(response: Any, url: str) -> None:
    html = response.content.decode()
    if "<html" in html:  # a whole page, not an htmx fragment
        assert "data-quick-exit" in html, url
        assert 'href="/help/"' in html, url
    assert "unsafe-inline" not in response["Content-Security-Policy"], url
    assert response["Cache-Control"] == "no-store", url
    assert not re.search(r"""\ssrc=["']?(https?:)?//""", html), url
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, (url, tag)


@pytest.fixture
def world(alice: Any, bob: Any, carol: Any, bond: Any, make_user: Any) -> dict[str, Any]:
    from heard.bonds.services import bond_invite, bond_leave, invite_accept
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    dave = make_user("dave")
    old = invite_accept(invite=bond_invite(inviter=alice, kind="friend").invite, user=dave)
    bond_leave(bond=old, user=alice)
    return {"bond": bond, "old": old, "dave": dave}


def test_the_sweep_found_the_routes():
    assert len(ROUTES) > 40
    assert any(r.startswith("prompts/") for r in ROUTES)
    assert any(r.startswith("talk/") for r in ROUTES)
    assert any(r.startswith("checkup/") for r in ROUTES)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_every_route_for_every_actor(
    route: str, world: dict[str, Any], alice: Any, carol: Any
) -> None:
    bond, old, dave = world["bond"], world["old"], world["dave"]
    members = {"default": bond.pk, "bond_id": bond.pk}
    actors = {"owner": alice, "outsider": carol, "ex": dave, "anonymous": None}
    for actor, user in actors.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        ids = {"default": old.pk, "bond_id": old.pk} if actor == "ex" else members
        url = _fill(route, ids)
        response = client.get(url)
        assert response.status_code < 500, (actor, url, response.status_code)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            _check_html(response, url)
        takes_bond = "<int:bond_id>" in route
        if takes_bond and actor in {"outsider", "ex"}:
            # 405 for POST-only routes is the same for everyone, so it reveals nothing.
            assert response.status_code in {404, 405}, (actor, url, response.status_code)
        if takes_bond and actor == "anonymous":
            assert response.status_code in {302, 404, 405}, (actor, url)
