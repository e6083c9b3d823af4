"""The side-by-side view appears only after both people shared their latest check-up."""

import pytest

from heard.bonds import services as bond_services
from heard.bonds.selectors import bond_for_member
from heard.checkup import services
from heard.checkup.selectors import side_by_side

from .conftest import all_answers

pytestmark = pytest.mark.django_db

ALICE_ONLY = "Talks that go sideways"


def _answers(value: int) -> dict[str, int]:
    return all_answers(value=value)


def _take(user, bond, value, share=False):
    return services.checkup_submit(user=user, bond=bond, answers=_answers(value), share=share)


def _page(client, bond):
    return client.get(f"/checkup/together/{bond.pk}/").content.decode()


def _api(client, bond):
    return client.get(f"/api/v1/checkup/bonds/{bond.pk}/side-by-side").json()


def test_it_shows_nothing_of_the_other_until_both_shared(
    alice, bob, bond, alice_client, bob_client
):
    mine = _take(alice, bond, 5)
    theirs = _take(bob, bond, 1)
    for client in (alice_client, bob_client):
        assert "Both results" not in _page(client, bond)
        assert _api(client, bond)["available"] is False
        assert "them" not in _api(client, bond) or _api(client, bond)["them"] is None

    services.checkup_share(user=alice, result_id=mine.pk, shared=True)
    assert "Both results" not in _page(bob_client, bond)
    assert _api(bob_client, bond)["available"] is False
    # Bob can't open Alice's result by id either.
    assert bob_client.get(f"/checkup/results/{mine.pk}/").status_code == 404
    assert bob_client.get(f"/api/v1/checkup/results/{mine.pk}").status_code == 404

    services.checkup_share(user=bob, result_id=theirs.pk, shared=True)
    html = _page(bob_client, bond)
    assert "Both results" in html and "Things to talk about" in html
    data = _api(alice_client, bond)
    assert data["available"] is True
    assert data["them"]["id"] == theirs.pk
    assert any(d["talk_about"] and d["prompt"] for d in data["differences"])


def test_a_retake_that_is_not_shared_hides_the_view_again(alice, bob, bond, bob_client):
    _take(alice, bond, 4, share=True)
    _take(bob, bond, 3, share=True)
    assert _api(bob_client, bond)["available"] is True
    _take(alice, bond, 2)  # the newest is private
    assert _api(bob_client, bond)["available"] is False
    assert "Both results" not in _page(bob_client, bond)


def test_differences_are_things_to_talk_about_not_verdicts(alice, bob, bond):
    _take(alice, bond, 5, share=True)
    _take(bob, bond, 2, share=True)
    both = side_by_side(user=alice, view=bond_for_member(user=alice, bond_id=bond.pk))
    assert both.available and both.talk_about
    for difference in both.talk_about:
        assert difference.prompt and "?" in difference.prompt
        assert "wrong" not in difference.prompt.lower()


def test_outsiders_and_ex_partners_get_404(alice, bob, bond, carol_client, bob_client):
    _take(alice, bond, 4, share=True)
    _take(bob, bond, 4, share=True)
    assert carol_client.get(f"/checkup/together/{bond.pk}/").status_code == 404
    assert carol_client.get(f"/api/v1/checkup/bonds/{bond.pk}/side-by-side").status_code == 404
    bond_services.bond_leave(bond=bond, user=alice)
    assert bob_client.get(f"/checkup/together/{bond.pk}/").status_code == 404
    assert bob_client.get(f"/api/v1/checkup/bonds/{bond.pk}/side-by-side").status_code == 404
