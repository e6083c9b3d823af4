"""A question on a theme, chosen together (from reading a lesson together): it changes an
unanswered question of the day, follows a finished one at once, and never replaces an answer."""

from __future__ import annotations

import pytest

from heard.core.errors import Conflict
from heard.prompts import selectors, services
from heard.prompts.deck import prompt_index
from heard.prompts.models import ExchangeState

pytestmark = pytest.mark.django_db


def _off_theme(exchange, theme):
    other = next(p for p in prompt_index().values() if theme not in p.themes and p.depth == 1)
    exchange.prompt_id = other.id
    exchange.save(update_fields=["prompt_id"])
    return other


def test_it_changes_an_unanswered_question_and_keeps_drafts(ready_bond, alice):
    today = services.exchange_today(bond=ready_bond, user=alice)
    _off_theme(today, "fears")
    services.answer_save_draft(exchange=today, author=alice, text="A draft I keep.")
    changed = services.exchange_on_theme(bond=ready_bond, user=alice, theme="fears")
    assert changed.pk == today.pk and "fears" in prompt_index()[changed.prompt_id].themes
    assert changed.answers.get(author=alice).text == "A draft I keep."
    assert services.exchange_on_theme(bond=ready_bond, user=alice, theme="fears") == changed


def test_it_follows_a_finished_question_with_a_new_one(ready_bond, alice, bob):
    today = services.exchange_today(bond=ready_bond, user=alice)
    for person in (alice, bob):
        services.exchange_skip(exchange=today, user=person)
    today.refresh_from_db()
    assert today.state == ExchangeState.SET_ASIDE
    fresh = services.exchange_on_theme(bond=ready_bond, user=bob, theme="appreciation")
    assert fresh.pk != today.pk and selectors.latest_exchange(bond=ready_bond) == fresh
    assert "appreciation" in prompt_index()[fresh.prompt_id].themes
    assert fresh.depth <= selectors.bond_depth(bond=ready_bond, user=bob).current


def test_it_never_replaces_a_question_someone_answered(ready_bond, alice, bob):
    today = services.exchange_today(bond=ready_bond, user=alice)
    other = _off_theme(today, "values")
    assert not services.answer_submit(
        exchange=today, author=bob, text="I like slow Sunday mornings with coffee."
    ).held
    with pytest.raises(Conflict, match="already has an answer"):
        services.exchange_on_theme(bond=ready_bond, user=alice, theme="values")
    today.refresh_from_db()
    assert today.prompt_id == other.id
