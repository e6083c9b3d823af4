"""Nobody reads what is not theirs: an outsider, an ex-partner after leaving, and an anonymous
visitor get a 404 (or the login page) from every page and API operation."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from heard.bonds.services import bond_leave
from heard.prompts import services

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", "/prompts/{b}/"),
    ("get", "/prompts/{b}/history/"),
    ("get", "/prompts/{b}/depth/"),
    ("post", "/prompts/{b}/depth/"),
    ("get", "/prompts/{b}/e/{e}/"),
    ("post", "/prompts/{b}/e/{e}/answer/"),
    ("post", "/prompts/{b}/e/{e}/draft/"),
    ("get", "/prompts/{b}/e/{e}/status/"),
    ("post", "/prompts/{b}/e/{e}/swap/"),
    ("post", "/prompts/{b}/e/{e}/skip/"),
    ("post", "/prompts/{b}/e/{e}/react/"),
    ("post", "/prompts/{b}/e/{e}/reply/"),
    ("post", "/prompts/{b}/e/{e}/reply/{r}/share/"),
]
API = [
    ("get", "/api/v1/prompts/today?bond_id={b}", None),
    ("get", "/api/v1/prompts/exchanges/{e}", None),
    ("put", "/api/v1/prompts/exchanges/{e}/draft", {"text": "x"}),
    ("post", "/api/v1/prompts/exchanges/{e}/submit", {"text": "x"}),
    ("post", "/api/v1/prompts/exchanges/{e}/swap", None),
    ("post", "/api/v1/prompts/exchanges/{e}/not-today", None),
    ("post", "/api/v1/prompts/exchanges/{e}/react", {"kind": "heart"}),
    ("post", "/api/v1/prompts/exchanges/{e}/replies", {"text": "x"}),
    ("post", "/api/v1/prompts/exchanges/{e}/replies/{r}/share", None),
    ("get", "/api/v1/prompts/history?bond_id={b}", None),
    ("get", "/api/v1/prompts/depth?bond_id={b}", None),
    ("post", "/api/v1/prompts/depth", {"bond_id": "{b}", "depth": 1}),
    ("get", "/api/v1/prompts/export?bond_id={b}", None),
]


@pytest.fixture
def revealed(ready_bond, alice, bob):
    exchange = services.exchange_today(bond=ready_bond, user=alice)
    services.answer_submit(exchange=exchange, author=alice, text="secret-alice")
    services.answer_submit(exchange=exchange, author=bob, text="secret-bob")
    exchange.refresh_from_db()
    reply = services.reply_add(exchange=exchange, author=alice, text="secret-reply").reply
    return {"b": ready_bond.pk, "e": exchange.pk, "r": reply.pk}


def _call(client, method, url, payload=None):
    if payload is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def _fill(template, ids):
    return template.format(**ids)


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_outsiders_get_404_from_every_page(revealed, carol_client, method, url):
    response = getattr(carol_client, method)(_fill(url, revealed))
    assert response.status_code == 404
    assert "secret" not in response.content.decode()


@pytest.mark.parametrize(("method", "url", "payload"), API)
def test_outsiders_get_404_from_every_api_operation(revealed, carol_client, method, url, payload):
    if payload and "bond_id" in payload:
        payload = {**payload, "bond_id": revealed["b"]}
    response = _call(carol_client, method, _fill(url, revealed), payload)
    assert response.status_code == 404
    assert "secret" not in response.content.decode()


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_an_ex_partner_gets_404_after_leaving(revealed, ready_bond, bob, alice_client, method, url):
    bond_leave(bond=ready_bond, user=bob)
    response = getattr(alice_client, method)(_fill(url, revealed))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "url", "payload"), API)
def test_an_ex_partner_gets_404_from_the_api_after_leaving(
    revealed, ready_bond, bob, alice_client, bob_client, method, url, payload
):
    bond_leave(bond=ready_bond, user=bob)
    if payload and "bond_id" in payload:
        payload = {**payload, "bond_id": revealed["b"]}
    for client in (alice_client, bob_client):
        response = _call(client, method, _fill(url, revealed), payload)
        assert response.status_code == 404
        assert "secret" not in response.content.decode()


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_anonymous_visitors_are_asked_to_log_in(revealed, client, method, url):
    response = getattr(client, method)(_fill(url, revealed))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize(("method", "url", "payload"), API)
def test_anonymous_api_calls_get_401(revealed, client, method, url, payload):
    response = _call(client, method, _fill(url, revealed), payload)
    assert response.status_code == 401


def test_another_bonds_exchange_is_404_through_your_own_bond(revealed, carol, make_user):
    from heard.bonds.services import bond_invite, invite_accept
    from heard.safety.services import screening_submit

    dave = make_user("dave")
    new = bond_invite(inviter=carol, kind="friend")
    own = invite_accept(invite=new.invite, user=dave)
    screening_submit(user=carol, bond=own, answers={})
    client = Client()
    client.force_login(carol)
    response = client.get(f"/prompts/{own.pk}/e/{revealed['e']}/")
    assert response.status_code == 404 and "secret" not in response.content.decode()
    posted = client.post(f"/prompts/{own.pk}/e/{revealed['e']}/answer/", {"text": "x"})
    assert posted.status_code == 404
