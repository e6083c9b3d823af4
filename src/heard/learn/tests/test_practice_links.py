"""Every lesson's practice link (and every exercise step's) resolves to a page that opens, for
someone in one bond, in two bonds, and in none."""

from __future__ import annotations

from typing import Any

import pytest

from heard.learn import selectors
from heard.learn.content import lessons
from heard.learn.exercises import EXERCISES

pytestmark = pytest.mark.django_db


def _opens(client: Any, url: str) -> Any:
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.redirect_chain)
    return response


@pytest.mark.parametrize("lesson_id", [x.id for x in lessons()])
def test_the_practice_link_opens_for_someone_in_a_bond(lesson_id, alice, alice_client, ready_bond):
    lesson = selectors.lesson_get(lesson_id=lesson_id)
    page = alice_client.get(f"/learn/{lesson_id}/")
    href = selectors.practice_href(user=alice, lesson=lesson)
    assert f'href="{href}"' in page.content.decode()
    response = _opens(alice_client, href)
    final = response.redirect_chain[-1][0] if response.redirect_chain else href
    # Never the login page or a detour to the safety screening: it goes to the practice.
    assert "/account/login/" not in final and "/safety/" not in final, final
    _opens(alice_client, f"/learn/{lesson_id}/practice/")


@pytest.mark.parametrize("lesson_id", [x.id for x in lessons()])
def test_the_practice_link_opens_for_someone_alone(lesson_id, carol_client):
    response = _opens(carol_client, f"/learn/{lesson_id}/practice/")
    if selectors.lesson_get(lesson_id=lesson_id).practice.kind in selectors.BOND_PRACTICE:
        assert "Invite someone" in response.content.decode()


def test_a_practice_with_someone_asks_who_with_when_there_are_two(
    alice, alice_client, ready_bond, make_user
):
    from heard.bonds.services import bond_invite, invite_accept

    erin = make_user("erin")
    invite_accept(invite=bond_invite(inviter=alice, kind="friend").invite, user=erin)
    response = _opens(alice_client, "/learn/no-time/practice/")
    html = response.content.decode()
    assert "Who with?" in html
    assert f"/prompts/{ready_bond.pk}/" in html and "With erin" in html


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_every_exercise_step_link_opens(exercise_id, alice, alice_client, ready_bond):
    for step in EXERCISES[exercise_id].steps:
        if step.link:
            link = selectors.practice_link(user=alice, practice=step.link)
            assert link.url, (exercise_id, step.key)
            _opens(alice_client, link.url)
