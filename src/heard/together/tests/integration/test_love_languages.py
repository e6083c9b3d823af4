import pytest

from heard.bonds.selectors import bond_for_member
from heard.core.errors import DomainError, NotFound
from heard.together import services
from heard.together.models import LoveLanguageResult
from heard.together.selectors import appreciation_hint

from .conftest import form_data, love_answers

pytestmark = pytest.mark.django_db


def test_each_language_gets_its_own_score_with_no_primary(alice, bond):
    result = services.love_languages_submit(
        user=alice, bond=bond, answers=love_answers(words=5, gifts=1, physical_touch=5)
    )
    assert set(result.scores) == {
        "words",
        "quality_time",
        "gifts",
        "acts_of_service",
        "physical_touch",
    }
    assert result.scores["words"] == 100 and result.scores["physical_touch"] == 100
    assert result.scores["gifts"] == 0 and result.scores["quality_time"] == 50


def test_bad_answers_are_refused(alice, bond):
    with pytest.raises(DomainError):
        services.love_languages_submit(user=alice, bond=bond, answers={"words-01": 7})
    with pytest.raises(DomainError):
        services.love_languages_submit(user=alice, bond=bond, answers={"words-01": 4})


def test_the_page_form_saves_and_keeps_answers_on_error(alice_client, alice, bond):
    bad = alice_client.post(f"/checkup/love-languages/take/{bond.pk}/", form_data({"words-01": 4}))
    assert bad.status_code == 400
    assert 'value="4"' in bad.content.decode()
    ok = alice_client.post(f"/checkup/love-languages/take/{bond.pk}/", form_data(love_answers()))
    assert ok.status_code == 302
    assert LoveLanguageResult.objects.get(user=alice).bond == bond


def test_a_profile_stays_private_until_shared(alice, bob, bond, bob_client):
    result = services.love_languages_submit(user=alice, bond=bond, answers=love_answers(gifts=5))
    view = bond_for_member(user=bob, bond_id=bond.pk)
    assert "How alice likes" not in bob_client.get("/checkup/love-languages/").content.decode()
    assert bob_client.get("/api/v1/love-languages").json()["shared_with_you"] == []
    assert appreciation_hint(user=bob, view=view).from_profile is False
    with pytest.raises(NotFound):
        services.love_languages_share(user=bob, result_id=result.pk, shared=True)

    services.love_languages_share(user=alice, result_id=result.pk, shared=True)
    assert "How alice likes" in bob_client.get("/checkup/love-languages/").content.decode()
    shared = bob_client.get("/api/v1/love-languages").json()["shared_with_you"]
    assert shared[0]["id"] == result.pk
    hint = appreciation_hint(user=bob, view=view)
    assert hint.from_profile and "Thoughtful gifts" in hint.languages
    assert all(idea.language == "gifts" for idea in hint.ideas)


def test_general_ideas_fit_the_kind_of_bond(alice, bob, make_user):
    from heard.bonds import services as bond_services

    new = bond_services.bond_invite(inviter=alice, kind="friend")
    friend = bond_services.invite_accept(invite=new.invite, user=make_user("dana"))
    view = bond_for_member(user=alice, bond_id=friend.pk)
    for turn in range(5):
        hint = appreciation_hint(user=alice, view=view, turn=turn)
        assert len(hint.ideas) == 3
        assert all("friend" in idea.kinds for idea in hint.ideas)
        assert hint.suggestion is not None and "friend" in hint.suggestion.kinds


def test_share_toggle_rejects_bad_input_and_outsiders(alice, bond, alice_client, carol_client):
    result = services.love_languages_submit(user=alice, bond=bond, answers=love_answers())
    alice_client.post(f"/checkup/love-languages/{result.pk}/share/", {"shared": "perhaps"})
    result.refresh_from_db()
    assert not result.shared
    assert (
        carol_client.post(
            f"/checkup/love-languages/{result.pk}/share/", {"shared": "yes"}
        ).status_code
        == 404
    )
    result.refresh_from_db()
    assert not result.shared
