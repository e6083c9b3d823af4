"""Start on a prompt-theme or depth practice opens a question of that theme or depth for the
bond, the same one for both, with the usual answer-then-reveal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.counsel import services
from heard.prompts import selectors as prompt_selectors
from heard.prompts import services as prompt_services
from heard.prompts.deck import prompt_index, prompts_for
from heard.prompts.models import Exchange

pytestmark = pytest.mark.django_db


def _start(client, assignment):
    return client.post(reverse("counsel:practice_start", args=[assignment.pk]))


def _exchange_from(response) -> Exchange:
    assert response.status_code == 302, response.status_code
    found = [e for e in Exchange.objects.all() if prompt_services.exchange_url(e) == response.url]
    assert found, response.url
    return found[0]


def _other_theme(bond, exchange) -> str:
    """A theme with light questions for this bond that today's question isn't on."""
    on_today = set(prompt_index()[exchange.prompt_id].themes)
    themes = {t for p in prompts_for(bond.kind, 1) for t in p.themes} - on_today
    assert themes
    return sorted(themes)[0]


def test_a_theme_practice_steers_todays_question_and_both_get_the_same_one(
    dana, alice, bob, connected, alice_client, bob_client
):
    bond = connected[0].bond
    today = prompt_services.exchange_today(bond=bond, user=alice)
    theme = _other_theme(bond, today)
    made = services.assignment_create(
        counsellor=dana, connection_id=connected[0].pk, kind="prompt", target=f"theme:{theme}"
    )
    opened = _exchange_from(_start(alice_client, made))
    assert theme in prompt_index()[opened.prompt_id].themes
    assert opened.pk == today.pk  # nobody had answered: today's question changed to the theme
    # Bob's start opens the very same question; each answers, and then both see both.
    assert _exchange_from(_start(bob_client, made)).pk == opened.pk
    prompt_services.answer_submit(exchange=opened, author=alice, text="Mine, first.")
    assert _exchange_from(_start(bob_client, made)).pk == opened.pk
    page = bob_client.get(prompt_services.exchange_url(opened)).content.decode()
    assert "Mine, first." not in page  # not before bob answers
    prompt_services.answer_submit(exchange=opened, author=bob, text="And mine.")
    # Opening it again once both answered shows that one (the reveal), not a new question.
    assert _exchange_from(_start(alice_client, made)).pk == opened.pk
    page = alice_client.get(prompt_services.exchange_url(opened)).content.decode()
    assert "And mine." in page
    assert Exchange.objects.filter(bond=bond).count() == 1


def test_a_depth_practice_opens_a_question_at_that_depth_never_past_their_choice(
    dana, alice, bob, connected, alice_client, bob_client
):
    bond = connected[0].bond
    assert prompt_selectors.bond_depth(bond=bond, user=alice).current == 1
    light = services.assignment_create(
        counsellor=dana, connection_id=connected[0].pk, kind="prompt", target="depth:1"
    )
    opened = _exchange_from(_start(bob_client, light))
    assert opened.depth == 1 and prompt_index()[opened.prompt_id].depth == 1
    assert _exchange_from(_start(alice_client, light)).pk == opened.pk
    # A deeper practice doesn't go past the depth the two of them chose.
    deep = services.assignment_create(
        counsellor=dana, connection_id=connected[0].pk, kind="prompt", target="depth:3"
    )
    assert _exchange_from(_start(alice_client, deep)).depth == 1


def test_an_answered_question_on_another_theme_is_kept_with_a_clear_message(
    dana, alice, bob, connected, alice_client
):
    bond = connected[0].bond
    today = prompt_services.exchange_today(bond=bond, user=alice)
    prompt_services.answer_submit(exchange=today, author=bob, text="Already answered.")
    theme = _other_theme(bond, today)
    made = services.assignment_create(
        counsellor=dana, connection_id=connected[0].pk, kind="prompt", target=f"theme:{theme}"
    )
    response = alice_client.post(reverse("counsel:practice_start", args=[made.pk]), follow=True)
    assert response.status_code == 200
    assert "already has an answer" in response.content.decode()
    today.refresh_from_db()
    assert today.prompt_id not in {p.id for p in prompts_for(bond.kind, 1) if theme in p.themes}
    assert Exchange.objects.filter(bond=bond).count() == 1


def test_a_paused_bond_goes_through_the_usual_gate_and_draws_nothing(
    dana, alice, bob, connected, alice_client, bob_client
):
    from heard.safety.services import screening_submit

    made = services.assignment_create(
        counsellor=dana, connection_id=connected[0].pk, kind="prompt", target="depth:1"
    )
    screening_submit(user=alice, bond=connected[0].bond, answers={"afraid": True})
    response = _start(bob_client, made)
    assert response.url == reverse("prompts:today", args=[connected[0].bond_id])
    assert not Exchange.objects.exists()
    assert bob_client.get(response.url).status_code in (200, 302)  # the neutral paused page
