"""A form or request sent twice (a double click, a retry after a timeout) stores one row:
each form carries a submission key, kept with the row."""

from __future__ import annotations

import re
import uuid

import pytest

from heard.core.models import Notice
from heard.core.tests.concurrency import at_once, needs_concurrent_writers
from heard.prompts import services as prompts
from heard.prompts.models import Exchange, Reply
from heard.together.models import Appreciation
from heard.together.services import appreciation_send


def _key(html: str, action: str) -> str:
    form = html[html.index(f'action="{action}"') :]
    found = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', form)
    assert found is not None, "the form carries no submission key"
    return found.group(1)


def _revealed(bond, alice, bob) -> Exchange:
    exchange = prompts.exchange_today(bond=bond, user=alice)
    prompts.answer_submit(exchange=exchange, author=alice, text="alice shares")
    prompts.answer_submit(exchange=exchange, author=bob, text="bob shares")
    return Exchange.objects.get(pk=exchange.pk)


@pytest.mark.django_db
def test_an_appreciation_form_sent_twice_stores_one_note(alice_client, bob, ready_bond):
    url = f"/checkup/appreciation/{ready_bond.pk}/"
    key = _key(alice_client.get(url).content.decode(), url)
    for _ in range(2):
        assert (
            alice_client.post(
                url, {"text": "thanks for the tea", "submission_key": key}
            ).status_code
            == 302
        )
    assert Appreciation.objects.count() == 1
    assert Notice.objects.filter(user=bob).count() == 1
    # The next form is a new note.
    assert _key(alice_client.get(url).content.decode(), url) != key


@pytest.mark.django_db
def test_a_reply_form_sent_twice_stores_one_reply(alice, bob, alice_client, ready_bond):
    exchange = _revealed(ready_bond, alice, bob)
    page = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/"
    key = _key(alice_client.get(page).content.decode(), page + "reply/")
    for _ in range(2):
        alice_client.post(page + "reply/", {"text": "me too", "submission_key": key})
    assert Reply.objects.count() == 1


@pytest.mark.django_db
def test_the_api_takes_a_submission_key_too(alice_client, ready_bond):
    body = {"bond_id": ready_bond.pk, "text": "thank you", "submission_key": str(uuid.uuid4())}
    first = alice_client.post("/api/v1/appreciation", body, content_type="application/json")
    again = alice_client.post("/api/v1/appreciation", body, content_type="application/json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and Appreciation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_with_one_key_store_one_note_and_one_reply(alice, bob, ready_bond):
    needs_concurrent_writers()
    key = uuid.uuid4()
    results = at_once(
        *[
            lambda: appreciation_send(
                user=alice, bond_id=ready_bond.pk, text="at once", submission_key=key
            )
        ]
        * 2
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Appreciation.objects.count() == 1
    exchange = _revealed(ready_bond, alice, bob)
    results = at_once(
        *[
            lambda: prompts.reply_add(
                exchange=exchange, author=alice, text="same here", submission_key=key
            )
        ]
        * 2
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Reply.objects.count() == 1
