"""The pages: today's question, answering with and without JavaScript, the waiting state,
reactions and replies, history, depth, and the Today and bond-page sections."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from heard.core.tests.test_pages_and_headers import _check_page
from heard.prompts import services
from heard.prompts.models import Answer, Exchange, Reaction, Reply

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return htmllib.unescape(response.content.decode())


def _today(client, bond):
    response = client.get(f"/prompts/{bond.pk}/")
    assert response.status_code == 200
    return response


def _exchange(bond):
    return Exchange.objects.get(bond=bond)


def test_the_prompt_pages_keep_the_promises(ready_bond, alice_client):
    _check_page(_today(alice_client, ready_bond))
    exchange = _exchange(ready_bond)
    for url in (
        f"/prompts/{ready_bond.pk}/e/{exchange.pk}/",
        f"/prompts/{ready_bond.pk}/history/",
        f"/prompts/{ready_bond.pk}/depth/",
    ):
        _check_page(alice_client.get(url))


def test_it_sends_people_to_the_safety_question_first(bond, alice_client):
    response = alice_client.get(f"/prompts/{bond.pk}/")
    assert response.status_code == 302 and "/safety/" in response["Location"]
    assert not Exchange.objects.exists()


def test_two_people_answer_and_then_see_each_other(ready_bond, alice_client, bob_client):
    html = _text(_today(alice_client, ready_bond))
    exchange = _exchange(ready_bond)
    assert "Today's question" in html and "Share my answer" in html
    url = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/answer/"
    response = alice_client.post(url, {"text": "alice-canary-1", "action": "submit"}, follow=True)
    html = _text(response)
    assert "Waiting for bob" in html and "data-waiting" in html and 'hx-trigger="every 10s"' in html
    bob_html = _text(_today(bob_client, ready_bond))
    assert "alice-canary-1" not in bob_html and "alice has answered" in bob_html
    response = bob_client.post(url, {"text": "bob-canary-2", "action": "submit"}, follow=True)
    html = _text(response)
    assert "alice-canary-1" in html and "You can read each other's answers now" in html
    assert "bob-canary-2" in _text(_today(alice_client, ready_bond))


def test_the_waiting_poll_refreshes_once_they_answer(ready_bond, alice, bob, alice_client):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    services.answer_submit(exchange=exchange, author=alice, text="alice-poll")
    status_url = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/status/"
    waiting = alice_client.get(status_url, headers={"HX-Request": "true"})
    assert "Waiting for bob" in _text(waiting) and "HX-Refresh" not in waiting
    services.answer_submit(exchange=exchange, author=bob, text="bob-poll")
    done = alice_client.get(status_url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true" and "bob-poll" not in _text(done)


def test_autosave_keeps_a_draft_without_sharing(ready_bond, alice_client, bob_client):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    url = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/draft/"
    response = alice_client.post(url, {"text": "draft-canary"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Draft saved" in _text(response)
    assert "<html" not in _text(response)
    answer = Answer.objects.get()
    assert answer.text == "draft-canary" and answer.submitted_at is None
    # Reopening the page brings the draft back; the other person sees nothing of it.
    assert "draft-canary" in _text(_today(alice_client, ready_bond))
    bob_html = _text(_today(bob_client, ready_bond))
    assert "draft-canary" not in bob_html and "alice has answered" not in bob_html
    # Without JavaScript the endpoint just goes back to the page.
    assert alice_client.post(url, {"text": "x"}).status_code == 302


def test_save_draft_works_without_javascript(ready_bond, alice_client):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    response = alice_client.post(
        f"/prompts/{ready_bond.pk}/e/{exchange.pk}/answer/",
        {"text": "no-js draft", "action": "save"},
        follow=True,
    )
    assert "Draft saved" in _text(response)
    assert Answer.objects.get().submitted_at is None


@pytest.mark.parametrize(
    ("text", "message"), [("", "Write a few words"), ("y" * 5001, "under 5,000")]
)
def test_bad_answers_show_a_clear_error_and_keep_the_text(ready_bond, alice_client, text, message):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    response = alice_client.post(
        f"/prompts/{ready_bond.pk}/e/{exchange.pk}/answer/", {"text": text, "action": "submit"}
    )
    assert response.status_code == 400
    html = _text(response)
    assert message in html and text in html and 'aria-invalid="true"' in html


def test_a_risky_answer_shows_the_writer_help_and_a_choice(ready_bond, alice_client, bob_client):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    url = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/answer/"
    response = alice_client.post(url, {"text": "I want to kill myself.", "action": "submit"})
    html = _text(response)
    assert response.status_code == 200 and "data-crisis-panel" in html and "data-held" in html
    assert "Keep it just for me" in html and "Get help first" in html
    bob_html = _text(_today(bob_client, ready_bond))
    assert "kill myself" not in bob_html and "alice has answered" not in bob_html
    assert "data-crisis-panel" not in bob_html
    alice_client.post(url, {"text": "I want to kill myself.", "action": "keep_private"})
    assert Answer.objects.get().private and Answer.objects.get().is_submitted


def test_swap_and_not_today_from_the_page(ready_bond, alice_client):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    base = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/"
    html = _text(alice_client.post(base + "swap/", follow=True))
    assert "Here's another question" in html and "(1 left)" in html
    alice_client.post(base + "swap/")
    html = _text(alice_client.post(base + "swap/", follow=True))
    assert "swapped 2 times" in html
    html = _text(alice_client.post(base + "skip/", follow=True))
    assert "Not today, and that's fine" in html


def test_reactions_and_replies_after_the_reveal(ready_bond, alice, bob, alice_client, bob_client):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    services.answer_submit(exchange=exchange, author=alice, text="alice shares")
    services.answer_submit(exchange=exchange, author=bob, text="bob shares")
    base = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/"
    bob_client.post(base + "react/", {"kind": "thanks"})
    assert Reaction.objects.get().kind == "thanks"
    assert "bob sent a thank you for sharing" in _text(alice_client.get(base))
    alice_client.post(base + "reply/", {"text": "reply-canary"})
    assert "reply-canary" in _text(bob_client.get(base))
    response = alice_client.post(base + "reply/", {"text": ""})
    assert response.status_code == 400
    risky = alice_client.post(base + "reply/", {"text": "I want to kill myself."})
    assert "data-crisis-panel" in _text(risky)
    held = Reply.objects.get(shared=False)
    assert "kill myself" not in _text(bob_client.get(base))
    alice_client.post(base + f"reply/{held.pk}/share/")
    assert "kill myself" in _text(bob_client.get(base))


def test_history_is_newest_first_paginated_and_searches_only_your_answers(
    ready_bond, alice, bob, alice_client, noon
):
    import datetime

    for day in range(25):
        now = noon + datetime.timedelta(days=day)
        exchange = services.exchange_today(bond=ready_bond, user=alice, now=now)
        services.answer_submit(
            exchange=exchange, author=alice, text=f"alice entry {day:02d}.", now=now
        )
        services.answer_submit(
            exchange=exchange, author=bob, text=f"bob pelican {day:02d}.", now=now
        )
    url = f"/prompts/{ready_bond.pk}/history/"
    html = _text(alice_client.get(url))
    assert html.count("data-history-item") == 20 and "Page 1 of 2" in html
    assert "alice entry 24." in html and "alice entry 04." not in html
    assert html.index("alice entry 24.") < html.index("alice entry 23.")
    assert "alice entry 04." in _text(alice_client.get(url + "?page=2"))
    found = _text(alice_client.post(url, {"q": "ENTRY 07"}))
    assert "alice entry 07." in found and "alice entry 08." not in found
    # bob's words are not searchable by alice.
    assert "None of your answers mention" in _text(alice_client.post(url, {"q": "pelican"}))


def test_history_search_keeps_the_words_out_of_every_url(
    ready_bond, alice, bob, alice_client, noon
):
    """SECURITY.md promise 6: no personal text in URLs. Searching one's own answers posts the
    words; they never reach a URL (browser history, proxy logs), a link or a redirect."""
    import datetime

    for day in range(22):
        now = noon + datetime.timedelta(days=day)
        exchange = services.exchange_today(bond=ready_bond, user=alice, now=now)
        services.answer_submit(exchange=exchange, author=alice, text=f"secretword {day}", now=now)
        services.answer_submit(exchange=exchange, author=bob, text="bob", now=now)
    url = f"/prompts/{ready_bond.pk}/history/"
    page = _text(alice_client.get(url))
    form = page[page.index('role="search"') - 40 :]
    assert 'method="post"' in form[:80]
    found = alice_client.post(url, {"q": "secretword"})
    html = _text(found)
    assert found.status_code == 200 and "Page 1 of 2" in html
    hrefs = re.findall(r'(?:href|action|hx-get)="([^"]*)"', html)
    assert hrefs and not [h for h in hrefs if "secretword" in h]
    second = _text(alice_client.post(url, {"q": "secretword", "page": "2"}))
    assert "secretword 1" in second and "Page 2 of 2" in second
    # A search in the URL is not honoured, so no link can carry one.
    assert "None of your answers mention" not in _text(alice_client.get(url + "?q=zzz"))
    api = alice_client.post(
        "/api/v1/prompts/history/search",
        {"bond_id": ready_bond.pk, "q": "secretword 3"},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["count"] == 1


def test_depth_page_saves_your_choice(ready_bond, alice_client):
    url = f"/prompts/{ready_bond.pk}/depth/"
    assert alice_client.post(url, {"depth": "2"}).status_code == 302
    assert re.search(r'value="2"[^>]*checked', _text(alice_client.get(url)))
    assert alice_client.post(url, {"depth": "9"}).status_code == 400


def test_today_and_bond_pages_show_the_question_status(
    ready_bond, alice, bob, alice_client, bob_client
):
    html = _text(alice_client.get("/"))
    assert "A question for you and bob is ready" in html
    _today(alice_client, ready_bond)
    services.answer_submit(exchange=_exchange(ready_bond), author=alice, text="status-canary")
    assert "Waiting for bob" in _text(alice_client.get("/"))
    bob_home = _text(bob_client.get("/"))
    assert "alice answered today's question. Your turn" in bob_home
    assert "status-canary" not in bob_home
    bond_page = _text(alice_client.get(f"/together/{ready_bond.pk}/"))
    assert "Questions for you two" in bond_page and "Past questions" in bond_page


def test_it_says_exactly_what_happens_to_a_just_for_me_answer(ready_bond, alice_client, bob_client):
    _today(alice_client, ready_bond)
    exchange = _exchange(ready_bond)
    url = f"/prompts/{ready_bond.pk}/e/{exchange.pk}/answer/"
    html = _text(
        alice_client.post(url, {"text": "mine", "private": "on", "action": "submit"}, follow=True)
    )
    # The writer is not promised bob's answer.
    assert "you won't see theirs for this question" in html
    assert "it shows here" not in html
    # bob is not promised alice's answer (nor told early that it is private).
    bob_html = _text(_today(bob_client, ready_bond))
    assert "unless one of you keeps theirs just for yourself" in bob_html
    assert "You'll see their answer once you've shared yours" not in bob_html
    bob_html = _text(bob_client.post(url, {"text": "his", "action": "submit"}, follow=True))
    assert "alice kept theirs just for them, so neither of you sees the other's" in bob_html
    html = _text(_today(alice_client, ready_bond))
    assert "You kept yours just for you, so neither of you sees the other's" in html
