"""Read this together: both people in a bond mark a lesson, then a question on its theme is
offered to both, answered with the usual reveal. Paused bonds offer nothing."""

from __future__ import annotations

import pytest

from heard.core.models import Notice
from heard.learn import selectors, services
from heard.learn.content import lesson_index
from heard.prompts import selectors as prompt_selectors
from heard.prompts import services as prompts
from heard.prompts.deck import prompt_index

pytestmark = pytest.mark.django_db

FIRST = "I like slow Sunday mornings with coffee."


def test_marking_tells_the_other_person_in_heards_words(alice, bob, alice_client, ready_bond):
    response = alice_client.post(f"/learn/listening/together/{ready_bond.pk}/")
    assert response.status_code == 302
    notice = Notice.objects.get(user=bob, kind="learn_together")
    assert notice.text == "alice would like to read “Listening in three steps” together."
    assert notice.url == "/learn/listening/"
    row = selectors.together_row(bond=ready_bond, user=bob, lesson_id="listening")
    assert row.theirs and not row.mine and not row.both


def test_when_both_mark_it_a_question_on_the_theme_is_offered_to_both(
    alice, bob, alice_client, bob_client, ready_bond
):
    theme = lesson_index()["listening"].theme
    alice_client.post(f"/learn/listening/together/{ready_bond.pk}/")
    html = bob_client.get("/learn/listening/").content.decode()
    assert "alice would like to read this with you" in html
    bob_client.post(f"/learn/listening/together/{ready_bond.pk}/")
    assert not Notice.objects.filter(user=bob, kind="learn_together").exists()
    assert "There's a question on it for you both" in Notice.objects.get(user=alice).text
    assert (
        "Answer a question on this together" in bob_client.get("/learn/listening/").content.decode()
    )

    response = bob_client.post(f"/learn/listening/together/{ready_bond.pk}/prompt/")
    exchange = prompt_selectors.latest_exchange(bond=ready_bond)
    assert response.status_code == 302 and response["Location"] == prompts.exchange_url(exchange)
    assert theme in prompt_index()[exchange.prompt_id].themes
    # Alice lands on the same question; the usual reveal applies.
    again = alice_client.post(f"/learn/listening/together/{ready_bond.pk}/prompt/")
    assert again["Location"] == prompts.exchange_url(exchange)
    html = alice_client.get("/learn/listening/").content.decode()
    assert f'href="{prompts.exchange_url(exchange)}">Your question on this' in html
    assert not prompts.answer_submit(exchange=exchange, author=alice, text=FIRST).held
    page = bob_client.get(prompts.exchange_url(exchange)).content.decode()
    assert FIRST not in page


def test_the_question_waits_until_both_have_marked(alice, alice_client, ready_bond):
    alice_client.post(f"/learn/listening/together/{ready_bond.pk}/")
    with pytest.raises(Exception, match="once you've both marked"):
        services.together_prompt(bond=ready_bond, user=alice, lesson_id="listening")
    response = alice_client.post(f"/learn/listening/together/{ready_bond.pk}/prompt/", follow=True)
    assert "once you&#x27;ve both marked" in response.content.decode()


def test_an_answered_question_of_the_day_is_never_replaced(alice, bob, ready_bond):
    theme = lesson_index()["no-time"].theme
    today = prompts.exchange_today(bond=ready_bond, user=alice)
    other = next(p for p in prompt_index().values() if theme not in p.themes and p.depth == 1)
    today.prompt_id = other.id
    today.save(update_fields=["prompt_id"])
    answer = "I like slow Sunday mornings with coffee."
    assert not prompts.answer_submit(exchange=today, author=bob, text=answer).held
    for person in (alice, bob):
        services.together_mark(bond=ready_bond, user=person, lesson_id="no-time")
    with pytest.raises(Exception, match="already has an answer"):
        services.together_prompt(bond=ready_bond, user=alice, lesson_id="no-time")
    today.refresh_from_db()
    assert today.prompt_id == other.id and today.answers.get(author=bob).text == answer


def test_unmarking_withdraws_the_notice(alice, bob, alice_client, ready_bond):
    alice_client.post(f"/learn/trust/together/{ready_bond.pk}/")
    alice_client.post(f"/learn/trust/together/{ready_bond.pk}/", {"mark": "no"})
    assert not Notice.objects.filter(user=bob, kind="learn_together").exists()
    assert selectors.together_for_bond(bond=ready_bond, user=alice) == []


def test_the_bond_page_lists_lessons_marked_to_read_together(alice, bob_client, ready_bond):
    services.together_mark(bond=ready_bond, user=alice, lesson_id="trust")
    html = bob_client.get(f"/together/{ready_bond.pk}/").content.decode()
    assert "Reading together" in html and 'href="/learn/trust/"' in html


def test_a_paused_bond_offers_no_reading_together(alice, bob, bond, alice_client, bob_client):
    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=bond, answers={})
    screening_submit(user=bob, bond=bond, answers={"afraid": True})
    assert "Read this together" not in alice_client.get("/learn/trust/").content.decode()
    assert "Reading together" not in alice_client.get(f"/together/{bond.pk}/").content.decode()
    response = alice_client.post(f"/learn/trust/together/{bond.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/safety/paused/{bond.pk}/"
    assert not Notice.objects.filter(user=bob, kind="learn_together").exists()


def test_marking_before_the_safety_question_asks_it_first(alice, bond, alice_client):
    response = alice_client.post(f"/learn/trust/together/{bond.pk}/")
    assert response.status_code == 302 and "/safety/screening/" in response["Location"]
