"""Drawing today's question, time zones, swaps, "not today", answers and nudges."""

from __future__ import annotations

import datetime
import random

import pytest

from heard.core.errors import Conflict, DomainError
from heard.core.models import Notice
from heard.prompts import services
from heard.prompts.deck import prompts_for
from heard.prompts.models import Answer, Exchange, ExchangeState, PromptDraw

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def _both_answer(exchange, alice, bob, now):
    services.answer_submit(exchange=exchange, author=alice, text="Mine, from alice.", now=now)
    services.answer_submit(exchange=exchange, author=bob, text="Mine, from bob.", now=now)


def test_it_draws_no_prompt_twice_until_the_deck_is_used_up(ready_bond):
    candidates = {p.id for p in prompts_for("partner", 1)}
    holder = Exchange.objects.create(bond=ready_bond, prompt_id="x", depth=1, day="2025-01-01")
    rng = random.Random(7)
    seen = []
    for _ in range(len(candidates)):
        prompt = services.draw_prompt(bond=ready_bond, depth=1, rng=rng)
        PromptDraw.objects.create(bond=ready_bond, exchange=holder, prompt_id=prompt.id)
        seen.append(prompt.id)
    assert len(set(seen)) == len(seen) and set(seen) == candidates
    # Used up: it starts over, and again nothing repeats within the second round.
    second = []
    for _ in range(10):
        prompt = services.draw_prompt(bond=ready_bond, depth=1, rng=rng)
        PromptDraw.objects.create(bond=ready_bond, exchange=holder, prompt_id=prompt.id)
        second.append(prompt.id)
    assert len(set(second)) == 10 and set(second) <= candidates


def test_it_keeps_one_exchange_until_it_is_finished(ready_bond, alice, bob, noon):
    first = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    assert services.exchange_today(bond=ready_bond, user=bob, now=noon + HOUR) == first
    # Days pass, nobody answered: the same question waits, nothing is lost.
    assert services.exchange_today(bond=ready_bond, user=alice, now=noon + 3 * DAY) == first
    _both_answer(first, alice, bob, noon + 3 * DAY)
    # Finished today: still today's question until a new day begins for the viewer.
    assert services.exchange_today(bond=ready_bond, user=alice, now=noon + 3 * DAY + HOUR) == first
    second = services.exchange_today(bond=ready_bond, user=alice, now=noon + 4 * DAY)
    assert second != first and second.prompt_id != first.prompt_id
    assert second.day == (noon + 4 * DAY).date()


def test_it_uses_each_persons_own_day(ready_bond, alice, bob):
    alice.time_zone = "Pacific/Auckland"  # UTC+13 in March
    alice.save()
    bob.time_zone = "America/Los_Angeles"  # UTC-7 in March
    bob.save()
    # 10:00 UTC on 10 March: 23:00 on the 10th in Auckland, 03:00 on the 10th in Los Angeles.
    t0 = datetime.datetime(2025, 3, 10, 10, 0, tzinfo=datetime.UTC)
    first = services.exchange_today(bond=ready_bond, user=alice, now=t0)
    assert first.day == datetime.date(2025, 3, 10)
    _both_answer(first, alice, bob, t0 + HOUR / 2)
    # 12:00 UTC: 01:00 on the 11th in Auckland. A new day for alice, so a new question.
    second = services.exchange_today(bond=ready_bond, user=alice, now=t0 + 2 * HOUR)
    assert second != first and second.day == datetime.date(2025, 3, 11)
    # bob, still on the 10th, sees the same current question, not a third one.
    assert services.exchange_today(bond=ready_bond, user=bob, now=t0 + 3 * HOUR) == second
    _both_answer(second, alice, bob, t0 + 4 * HOUR)
    # It finished after bob's midnight, so bob's own day brings nothing new until his 11th.
    assert services.exchange_today(bond=ready_bond, user=bob, now=t0 + 12 * HOUR) == second
    # 08:00 UTC on the 11th is 01:00 on the 11th for bob: his new day.
    bob_day = datetime.datetime(2025, 3, 11, 8, 0, tzinfo=datetime.UTC)
    third = services.exchange_today(bond=ready_bond, user=bob, now=bob_day)
    assert third not in (first, second) and third.day == datetime.date(2025, 3, 11)
    # alice (already on the 11th since 11:00 UTC on the 10th) has nothing new on her same day.
    _both_answer(third, alice, bob, bob_day + HOUR)
    assert services.exchange_today(bond=ready_bond, user=alice, now=bob_day + 2 * HOUR) == third


def test_swaps_are_limited_and_stop_once_someone_answered(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    shown = {exchange.prompt_id}
    for _ in range(services.MAX_SWAPS):
        exchange = services.exchange_swap(exchange=exchange, user=bob)
        assert exchange.prompt_id not in shown and exchange.depth == 1
        shown.add(exchange.prompt_id)
    with pytest.raises(Conflict, match="swapped 2 times"):
        services.exchange_swap(exchange=exchange, user=alice)
    other = services.exchange_today(bond=ready_bond, user=alice, now=noon + 2 * DAY)
    assert other == exchange  # still open
    Exchange.objects.filter(pk=exchange.pk).update(swaps_used=0)
    services.answer_submit(exchange=exchange, author=alice, text="An answer.")
    with pytest.raises(Conflict, match="already in"):
        services.exchange_swap(exchange=exchange, user=bob)
    # Swapped-away prompts count as used.
    assert set(PromptDraw.objects.values_list("prompt_id", flat=True)) == shown


def test_a_swap_keeps_a_draft_and_marks_it(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    services.answer_save_draft(exchange=exchange, author=alice, text="Half a thought")
    services.exchange_swap(exchange=exchange, user=bob)
    answer = Answer.objects.get(author=alice)
    assert (
        answer.text == "Half a thought"
        and answer.prompt_id != exchange.__class__.objects.get(pk=exchange.pk).prompt_id
    )


def test_not_today_from_both_sets_it_aside_without_penalty(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    services.answer_save_draft(exchange=exchange, author=alice, text="a draft I keep")
    services.exchange_skip(exchange=exchange, user=alice, now=noon)
    exchange.refresh_from_db()
    assert exchange.state == ExchangeState.OPEN
    services.exchange_skip(exchange=exchange, user=bob, now=noon)
    exchange.refresh_from_db()
    assert exchange.state == ExchangeState.SET_ASIDE
    assert Answer.objects.get(author=alice).text == "a draft I keep"
    nxt = services.exchange_today(bond=ready_bond, user=bob, now=noon + DAY)
    assert nxt != exchange


def test_answering_after_not_today_is_still_possible(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    services.exchange_skip(exchange=exchange, user=alice)
    services.answer_submit(exchange=exchange, author=alice, text="Changed my mind.")
    services.answer_submit(exchange=exchange, author=bob, text="Glad you did.")
    exchange.refresh_from_db()
    assert exchange.state == ExchangeState.ANSWERED


def test_answers_can_change_until_both_answered(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    services.answer_submit(exchange=exchange, author=alice, text="First try.")
    services.answer_submit(exchange=exchange, author=alice, text="Second try.")
    assert Answer.objects.get(author=alice).text == "Second try."
    with pytest.raises(Conflict, match="Save changes"):
        services.answer_save_draft(exchange=exchange, author=alice, text="sneaky draft")
    services.answer_submit(exchange=exchange, author=bob, text="Bob's answer.")
    with pytest.raises(Conflict, match="both answered"):
        services.answer_submit(exchange=exchange, author=alice, text="Third try.")
    with pytest.raises(Conflict):
        services.exchange_skip(exchange=exchange, user=alice)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write a few words"), ("   \n ", "Write a few words"), ("x" * 5001, "under 5,000")],
)
def test_it_refuses_empty_or_too_long_answers_clearly(ready_bond, alice, noon, text, message):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    with pytest.raises(DomainError, match=message):
        services.answer_submit(exchange=exchange, author=alice, text=text)
    assert not Answer.objects.filter(submitted_at__isnull=False).exists()


def test_a_risky_answer_is_kept_but_not_shared_until_the_writer_chooses(
    ready_bond, alice, bob, noon
):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    saved = services.answer_submit(exchange=exchange, author=alice, text="I want to kill myself.")
    assert saved.held and saved.check.label == "self_harm"
    answer = Answer.objects.get(author=alice)
    assert answer.text == "I want to kill myself." and answer.submitted_at is None
    assert not Notice.objects.filter(user=bob).exists()
    kept = services.answer_submit(
        exchange=exchange, author=alice, text="I want to kill myself.", private=True
    )
    assert not kept.held and Answer.objects.get(author=alice).private
    shared = services.answer_submit(
        exchange=exchange, author=alice, text="I want to kill myself.", share_anyway=True
    )
    assert not shared.held and Answer.objects.get(author=alice).is_submitted


def test_a_safety_detection_is_logged_once_per_text(ready_bond, alice, noon):
    from heard.safety.models import SafetyEvent

    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    for _ in range(3):
        services.answer_save_draft(exchange=exchange, author=alice, text="I want to kill myself.")
    assert SafetyEvent.objects.filter(user=alice).count() == 1


def test_it_nudges_the_other_without_content_and_withdraws_the_nudge(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    services.answer_submit(exchange=exchange, author=alice, text="canary-nudge-123")
    notice = Notice.objects.get(user=bob, seen_at__isnull=True)
    assert notice.text == "alice answered today's question. Your turn when you're ready."
    assert "canary" not in notice.text + notice.url
    services.answer_submit(exchange=exchange, author=alice, text="canary-nudge-456")
    assert Notice.objects.filter(user=bob).count() == 1
    services.answer_submit(exchange=exchange, author=bob, text="bob's reply")
    assert not Notice.objects.filter(user=bob).exists()
    ready = Notice.objects.get(user=alice)
    assert "read both answers" in ready.text and "canary" not in ready.text


def test_reactions_and_replies_open_only_after_the_reveal(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    services.answer_submit(exchange=exchange, author=alice, text="Alice's answer.")
    with pytest.raises(Conflict):
        services.reaction_toggle(exchange=exchange, user=bob, kind="heart")
    with pytest.raises(Conflict):
        services.reply_add(exchange=exchange, author=alice, text="hello")
    services.answer_submit(exchange=exchange, author=bob, text="Bob's answer.")
    exchange.refresh_from_db()
    assert services.reaction_toggle(exchange=exchange, user=bob, kind="heart") is True
    assert services.reaction_toggle(exchange=exchange, user=bob, kind="heart") is False
    with pytest.raises(DomainError):
        services.reaction_toggle(exchange=exchange, user=bob, kind="confetti")
    saved = services.reply_add(exchange=exchange, author=alice, text="That made me smile.")
    assert saved.reply.shared
    held = services.reply_add(exchange=exchange, author=bob, text="I want to kill myself.")
    assert held.held and not held.reply.shared
    services.reply_share(exchange=exchange, author=bob, reply_id=held.reply.pk)
    held.reply.refresh_from_db()
    assert held.reply.shared


def test_a_private_answer_never_unlocks_or_reveals(ready_bond, alice, bob, noon):
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    services.answer_submit(exchange=exchange, author=alice, text="Shared by alice.")
    services.answer_submit(exchange=exchange, author=bob, text="Bob keeps this.", private=True)
    exchange.refresh_from_db()
    assert exchange.state == ExchangeState.ANSWERED
    with pytest.raises(Conflict):
        services.reply_add(exchange=exchange, author=alice, text="hello")


def test_a_draft_racing_a_shared_answer_never_overwrites_it(ready_bond, alice, noon):
    """An autosave and a Share click can both try to create the answer at once."""
    exchange = services.exchange_today(bond=ready_bond, user=alice, now=noon)
    shared = Answer(exchange=exchange, author=alice, text="shared", submitted_at=noon)
    shared.save()
    late_draft = Answer(exchange=exchange, author=alice, text="late draft")
    with pytest.raises(Conflict):
        services._store(late_draft)
    late_submit = Answer(exchange=exchange, author=alice, text="late share", submitted_at=noon)
    services._store(late_submit)
    assert Answer.objects.get(author=alice).text == "late share"
