"""Start small: deeper questions open after answering together and when both say yes;
either person steps back at once, and nobody is told why."""

from __future__ import annotations

import datetime

import pytest

from heard.core.errors import DomainError
from heard.core.models import Notice
from heard.prompts import selectors, services
from heard.prompts.models import Exchange

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _answer_days(bond, alice, bob, start, count):
    now = start
    for _ in range(count):
        exchange = services.exchange_today(bond=bond, user=alice, now=now)
        services.answer_submit(exchange=exchange, author=alice, text="From alice.", now=now)
        services.answer_submit(exchange=exchange, author=bob, text="From bob.", now=now)
        now += DAY
    return now


def test_it_starts_light_and_opens_deeper_only_with_both_and_enough_answers(
    ready_bond, alice, bob, noon
):
    assert selectors.bond_depth(bond=ready_bond, user=alice).current == 1
    services.depth_choose(bond=ready_bond, user=alice, depth=2)
    services.depth_choose(bond=ready_bond, user=bob, depth=2)
    status = selectors.bond_depth(bond=ready_bond, user=alice)
    assert (status.current, status.earned, status.needed) == (1, 1, 5)
    now = _answer_days(ready_bond, alice, bob, noon, 4)
    assert selectors.bond_depth(bond=ready_bond, user=alice).current == 1
    now = _answer_days(ready_bond, alice, bob, now, 1)
    assert selectors.bond_depth(bond=ready_bond, user=alice).current == 2
    assert services.exchange_today(bond=ready_bond, user=bob, now=now).depth == 2
    # Depth 3 needs five at depth 2 as well as both opting in.
    now = _answer_days(ready_bond, alice, bob, now, 5)
    assert selectors.bond_depth(bond=ready_bond, user=alice).earned == 3
    assert selectors.bond_depth(bond=ready_bond, user=alice).current == 2
    services.depth_choose(bond=ready_bond, user=alice, depth=3)
    assert selectors.bond_depth(bond=ready_bond, user=alice).current == 2
    services.depth_choose(bond=ready_bond, user=bob, depth=3)
    assert selectors.bond_depth(bond=ready_bond, user=bob).current == 3


def test_one_person_opting_in_is_not_enough(ready_bond, alice, bob, noon):
    services.depth_choose(bond=ready_bond, user=alice, depth=3)
    _answer_days(ready_bond, alice, bob, noon, 5)
    assert selectors.bond_depth(bond=ready_bond, user=alice).current == 1


def test_stepping_back_works_at_once_and_is_not_explained(
    ready_bond, alice, bob, alice_client, noon
):
    services.depth_choose(bond=ready_bond, user=alice, depth=2)
    services.depth_choose(bond=ready_bond, user=bob, depth=2)
    now = _answer_days(ready_bond, alice, bob, noon, 5)
    today = services.exchange_today(bond=ready_bond, user=alice, now=now)
    assert today.depth == 2
    services.depth_choose(bond=ready_bond, user=bob, depth=1)
    # Today's unanswered question follows at once.
    today.refresh_from_db()
    assert today.depth == 1
    status = selectors.bond_depth(bond=ready_bond, user=alice)
    assert (status.current, status.mine) == (1, 2)
    # Alice sees the depth and her own choice; nothing about bob's choice, no notice.
    body = alice_client.get(f"/api/v1/prompts/depth?bond_id={ready_bond.pk}").json()
    assert body["current"] == 1 and body["mine"] == 2
    assert not any("theirs" in key or "other" in key for key in body)
    assert not Notice.objects.filter(user=alice).exclude(kind__startswith="prompt_").exists()
    html = alice_client.get(f"/prompts/{ready_bond.pk}/depth/").content.decode()
    assert "light" in html and "bob chose" not in html and "stepped" not in html


def test_an_answered_question_keeps_its_depth_when_someone_steps_back(ready_bond, alice, bob, noon):
    services.depth_choose(bond=ready_bond, user=alice, depth=2)
    services.depth_choose(bond=ready_bond, user=bob, depth=2)
    now = _answer_days(ready_bond, alice, bob, noon, 5)
    today = services.exchange_today(bond=ready_bond, user=alice, now=now)
    services.answer_submit(exchange=today, author=alice, text="Already answered.")
    services.depth_choose(bond=ready_bond, user=bob, depth=1)
    assert Exchange.objects.get(pk=today.pk).depth == 2


def test_it_refuses_an_unknown_depth(ready_bond, alice):
    with pytest.raises(DomainError, match="depth of 1"):
        services.depth_choose(bond=ready_bond, user=alice, depth=4)
