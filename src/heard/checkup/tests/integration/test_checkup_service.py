"""Scoring through the service, with known answer sets (reverse-keyed items included)."""

import pytest

from heard.checkup import services
from heard.checkup.content import COMPONENTS, ROADBLOCKS, checkup_items_for
from heard.core.errors import DomainError, NotFound

from .conftest import all_answers

pytestmark = pytest.mark.django_db


def _agree_fully_in_the_keyed_direction() -> dict[str, int]:
    return {i.id: 1 if i.reverse else 5 for i in checkup_items_for("partner")}


def test_it_scores_100_when_every_answer_points_the_keyed_way(alice, bond):
    result = services.checkup_submit(
        user=alice, bond=bond, answers=_agree_fully_in_the_keyed_direction()
    )
    assert result.scores == dict.fromkeys((*COMPONENTS, *ROADBLOCKS), 100)


def test_it_flips_reverse_keyed_items_when_everything_is_agreed_with(alice, bond):
    items = checkup_items_for("partner")
    result = services.checkup_submit(user=alice, bond=bond, answers=all_answers(value=5))
    for scale in result.scores:
        scoped = [i for i in items if i.scale == scale]
        reverse = sum(i.reverse for i in scoped)
        # keyed answers: 5 for each forward item, 1 for each reverse one
        mean = (5 * (len(scoped) - reverse) + reverse) / len(scoped)
        assert result.scores[scale] == int((mean - 1) / 4 * 100 + 0.5), scale
    # vulnerability has two reverse items of six: (5*4 + 1*2) / 6 = 3.67 -> 67
    assert result.scores["vulnerability"] == 67


def test_it_scores_50_for_all_middle_answers_and_keeps_answers(alice, bond):
    result = services.checkup_submit(
        user=alice, bond=bond, answers=all_answers(value=3), closeness=5
    )
    assert set(result.scores.values()) == {50}
    assert result.answers["trust-01"] == 3
    assert result.closeness == 5
    assert result.kind == "partner"
    assert result.shared is False


def test_it_leaves_a_scale_unscored_when_most_of_it_was_skipped(alice, bond):
    answers = all_answers(value=4)
    for item_id in [k for k in answers if k.startswith("trust-")][:-2]:
        answers[item_id] = None
    result = services.checkup_submit(user=alice, bond=bond, answers=answers)
    assert result.scores["trust"] is None
    assert result.scores["empathy"] is not None


@pytest.mark.parametrize(
    "answers",
    [{"trust-01": 6}, {"trust-01": 0}, {"trust-01": "4"}, {"trust-01": True}, {"nope-01": 3}],
)
def test_it_refuses_answers_outside_1_to_5_or_unknown_items(alice, bond, answers):
    with pytest.raises(DomainError):
        services.checkup_submit(user=alice, bond=bond, answers=answers)


def test_it_needs_enough_answers_for_at_least_one_score(alice, bond):
    with pytest.raises(DomainError, match="a few more"):
        services.checkup_submit(user=alice, bond=bond, answers={"trust-01": 4})


@pytest.mark.parametrize("closeness", [0, 8, -1])
def test_it_refuses_a_closeness_picture_that_does_not_exist(alice, bond, closeness):
    with pytest.raises(DomainError):
        services.checkup_submit(user=alice, bond=bond, answers=all_answers(), closeness=closeness)


def test_it_works_alone_with_a_kind_and_is_never_shared(alice):
    result = services.checkup_submit(
        user=alice, bond=None, kind="friend", answers=all_answers("friend"), share=True
    )
    assert result.bond is None and result.kind == "friend" and result.shared is False
    with pytest.raises(DomainError):
        services.checkup_share(user=alice, result_id=result.pk, shared=True)
    with pytest.raises(DomainError):
        services.checkup_submit(user=alice, bond=None, kind="stranger", answers=all_answers())


def test_it_keeps_past_results_when_retaken(alice, bond):
    first = services.checkup_submit(user=alice, bond=bond, answers=all_answers(value=2))
    second = services.checkup_submit(user=alice, bond=bond, answers=all_answers(value=4))
    from heard.checkup.selectors import checkup_results, latest_checkup

    assert latest_checkup(user=alice, bond=bond) == second
    assert [r.pk for r in checkup_results(user=alice)] == [second.pk, first.pk]


def test_only_the_owner_can_share_a_result(alice, bob, bond):
    result = services.checkup_submit(user=alice, bond=bond, answers=all_answers())
    with pytest.raises(NotFound):
        services.checkup_share(user=bob, result_id=result.pk, shared=True)
    assert services.checkup_share(user=alice, result_id=result.pk, shared=True).shared
