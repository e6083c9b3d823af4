"""Behaviour of the check-up and love-language scoring (pure functions, no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pytest

from heard.checkup.content import (
    COMPONENTS,
    ROADBLOCKS,
    SCALES,
    TARGETS,
    checkup_items,
    checkup_items_for,
    focus_content,
)
from heard.checkup.scoring import (
    ScaleScore,
    alpha_by_scale,
    band_for,
    compare,
    cronbach_alpha,
    focus_plan,
    keyed,
    required_answers,
    score_answers,
    things_to_talk_about,
    to_percent,
)


@dataclass(frozen=True)
class Item:
    id: str
    scale: str
    reverse: bool = False


def five_with_one_reverse(scale: str = "trust") -> list[Item]:
    return [Item(f"{scale}-{n}", scale, reverse=(n == 5)) for n in range(1, 6)]


# --------------------------------------------------------------------------- score_answers


def test_keyed_flips_reverse_items():
    assert [keyed(a, True) for a in range(1, 6)] == [5, 4, 3, 2, 1]
    assert [keyed(a, False) for a in range(1, 6)] == [1, 2, 3, 4, 5]


def test_all_fives_with_one_reverse_item_scores_exactly_80():
    items = five_with_one_reverse()
    result = score_answers(items, {i.id: 5 for i in items})
    # keyed: 5, 5, 5, 5, 1 -> mean 4.2 -> (4.2 - 1) / 4 * 100 = 80
    assert result["trust"].score == 80
    assert result["trust"].answered == 5
    assert result["trust"].total == 5
    assert result["trust"].complete


def test_extremes_and_middle():
    items = five_with_one_reverse()
    lowest = {i.id: (5 if i.reverse else 1) for i in items}
    highest = {i.id: (1 if i.reverse else 5) for i in items}
    middle = {i.id: 3 for i in items}
    assert score_answers(items, lowest)["trust"].score == 0
    assert score_answers(items, highest)["trust"].score == 100
    assert score_answers(items, middle)["trust"].score == 50


def test_real_vulnerability_items_all_fives():
    items = [i for i in checkup_items() if i.scale == "vulnerability"]
    reverse = sum(i.reverse for i in items)
    result = score_answers(items, {i.id: 5 for i in items})
    mean = Fraction(5 * (len(items) - reverse) + 1 * reverse, len(items))
    expected = int((mean - 1) * 25 + Fraction(1, 2))
    assert result["vulnerability"].score == expected


def test_rounds_half_up_not_to_even():
    items = [Item("a", "trust"), Item("b", "trust")]
    # mean 1.5 -> 12.5 -> 13 (banker's rounding would give 12)
    assert score_answers(items, {"a": 1, "b": 2})["trust"].score == 13
    # mean 3.5 -> 62.5 -> 63
    assert score_answers(items, {"a": 3, "b": 4})["trust"].score == 63
    assert to_percent([2, 3, 3]) == 42  # mean 8/3 -> 41.67 -> 42


def test_scales_are_scored_separately():
    items = [*five_with_one_reverse("trust"), *five_with_one_reverse("time")]
    answers = {i.id: 3 for i in items if i.scale == "trust"}
    answers |= {i.id: (1 if i.reverse else 5) for i in items if i.scale == "time"}
    result = score_answers(items, answers)
    assert result["trust"].score == 50
    assert result["time"].score == 100


# --------------------------------------------------------------------------- missing answers


def test_required_answers_is_sixty_percent_rounded_up():
    assert required_answers(5) == 3
    assert required_answers(6) == 4
    assert required_answers(4) == 3
    assert required_answers(3) == 2
    assert required_answers(1) == 1


def test_scale_with_enough_answers_scores_the_answered_items():
    items = five_with_one_reverse()
    answers = {"trust-1": 5, "trust-2": 4, "trust-5": 2}  # keyed 5, 4, 4 -> mean 13/3
    result = score_answers(items, answers)["trust"]
    assert result.answered == 3
    assert not result.complete
    assert result.score == 83  # (13/3 - 1) * 25 = 83.33


def test_scale_with_too_few_answers_gets_no_score():
    items = five_with_one_reverse()
    result = score_answers(items, {"trust-1": 5, "trust-2": None})["trust"]  # type: ignore[dict-item]
    assert result.score is None
    assert not result.scored
    assert result.answered == 1


def test_unanswered_scale_gets_no_score():
    result = score_answers(five_with_one_reverse(), {})
    assert result["trust"].score is None
    assert result["trust"].answered == 0


def test_unknown_answer_ids_are_ignored():
    items = five_with_one_reverse()
    answers = {i.id: 3 for i in items} | {"someone-else": 1}
    assert score_answers(items, answers)["trust"].score == 50


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, "3", True])
def test_answers_outside_one_to_five_are_rejected(bad):
    items = five_with_one_reverse()
    answers = {i.id: 3 for i in items}
    answers["trust-1"] = bad
    with pytest.raises(ValueError, match="trust-1"):
        score_answers(items, answers)


def test_duplicate_items_are_rejected():
    item = Item("x", "trust")
    with pytest.raises(ValueError, match="twice"):
        score_answers([item, item], {"x": 3})


def test_every_scale_scored_from_real_items_for_each_kind():
    for kind in ("partner", "friend", "family"):
        items = checkup_items_for(kind)
        result = score_answers(items, {i.id: 4 for i in items})
        assert set(result) == set(SCALES)
        assert all(s.score is not None for s in result.values())


# --------------------------------------------------------------------------- bands


@pytest.mark.parametrize(("score", "index"), [(0, 0), (39, 0), (40, 1), (69, 1), (70, 2), (100, 2)])
def test_band_edges(score, index):
    for scale in SCALES:
        band = band_for(scale, score)
        assert band.index == index
        assert band.low <= score <= band.high
        assert band.meaning
        assert band.scale == scale


def test_band_labels_differ_for_roadblocks():
    assert band_for("trust", 90).label == "A strength"
    assert band_for("time", 90).label == "Often in the way"
    assert band_for("time", 10).label == "Rarely in the way"


def test_band_for_rejects_bad_input():
    with pytest.raises(ValueError):
        band_for("trust", 101)
    with pytest.raises(ValueError):
        band_for("trust", -1)
    with pytest.raises(ValueError):
        band_for("nonsense", 50)


def test_bands_are_not_verdicts():
    harsh = ("bad", "fail", "broken", "wrong with you", "toxic", "disorder", "unhealthy")
    for scale in SCALES:
        for score in (0, 50, 100):
            meaning = band_for(scale, score).meaning.lower()
            assert not any(word in meaning.split() for word in harsh), (scale, meaning)


# --------------------------------------------------------------------------- cronbach_alpha


def test_alpha_hand_computed_example():
    # item 1: 1, 2, 3 -> variance 1; item 2: 2, 3, 3 -> variance 1/3
    # totals: 3, 5, 6 -> variance 7/3; alpha = 2 * (1 - (4/3) / (7/3)) = 6/7
    assert cronbach_alpha([[1, 2], [2, 3], [3, 3]]) == pytest.approx(6 / 7)


def test_alpha_matches_textbook_formula_on_random_data():
    rng = np.random.default_rng(7)
    base = rng.integers(1, 6, size=(40, 1))
    noise = rng.integers(-1, 2, size=(40, 5))
    matrix = np.clip(base + noise, 1, 5)
    k = matrix.shape[1]
    expected = k / (k - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / matrix.sum(1).var(ddof=1))
    assert cronbach_alpha(matrix.tolist()) == pytest.approx(expected)


def test_alpha_of_identical_items_is_one():
    assert cronbach_alpha([[1, 1, 1], [3, 3, 3], [5, 5, 5], [2, 2, 2]]) == pytest.approx(1.0)


def test_alpha_undefined_cases_return_none():
    assert cronbach_alpha([]) is None
    assert cronbach_alpha([[1, 2, 3]]) is None  # one respondent
    assert cronbach_alpha([[1], [2], [3]]) is None  # one item
    assert cronbach_alpha([[3, 3], [3, 3], [3, 3]]) is None  # no variance


def test_alpha_rejects_ragged_rows():
    with pytest.raises(ValueError):
        cronbach_alpha([[1, 2], [1, 2, 3]])


def test_alpha_by_scale_keys_reverse_items_first():
    items = five_with_one_reverse()
    responses = []
    for level in (1, 2, 3, 4, 5, 3):
        responses.append({i.id: (6 - level if i.reverse else level) for i in items})
    responses.append({"trust-1": 4})  # incomplete: left out
    result = alpha_by_scale(items, responses, scales=["trust"])["trust"]
    assert result.respondents == 6
    assert result.items == 5
    assert result.alpha == pytest.approx(1.0)


def test_alpha_by_scale_defaults_to_components():
    items = checkup_items()
    responses = [{i.id: 3 for i in items}]
    result = alpha_by_scale(items, responses)
    assert set(result) == set(COMPONENTS)
    assert all(r.alpha is None for r in result.values())  # one respondent


# --------------------------------------------------------------------------- compare


def test_compare_flags_gaps_at_the_threshold():
    a = {"trust": 50, "empathy": 50, "time": 80, "fear": None}
    b = {"trust": 70, "empathy": 69, "time": 20, "fear": 40}
    result = compare(a, b)
    assert result["trust"].gap == 20
    assert result["trust"].talk_about
    assert result["trust"].prompt
    assert not result["empathy"].talk_about
    assert result["empathy"].prompt is None
    assert result["time"].gap == 60
    assert "fear" not in result  # only scales both people have a score on


def test_compare_threshold_can_be_changed_and_accepts_scale_scores():
    a = {"trust": ScaleScore("trust", 50, 6, 6)}
    b = {"trust": ScaleScore("trust", 60, 6, 6)}
    assert not compare(a, b)["trust"].talk_about
    assert compare(a, b, threshold=10)["trust"].talk_about


def test_compare_is_symmetric_and_talk_list_is_sorted():
    a = {"trust": 10, "time": 90, "empathy": 40}
    b = {"trust": 60, "time": 60, "empathy": 40}
    forward, backward = compare(a, b), compare(b, a)
    assert {s: d.gap for s, d in forward.items()} == {s: d.gap for s, d in backward.items()}
    assert [d.scale for d in things_to_talk_about(forward)] == ["trust", "time"]


def test_talk_about_prompts_are_questions_not_verdicts():
    for scale in SCALES:
        prompt = focus_content().talk_about[scale].prompt
        assert "?" in prompt
        lowered = prompt.lower()
        for verdict in ("wrong", "fault", "should", "better than", "worse"):
            assert verdict not in lowered, (scale, verdict)


# --------------------------------------------------------------------------- focus plan


def neutral(**overrides: int) -> dict[str, int]:
    scores = dict.fromkeys(COMPONENTS, 60) | dict.fromkeys(ROADBLOCKS, 30)
    scores.update(overrides)
    return scores


@pytest.mark.parametrize(
    ("roadblock", "target"),
    [
        ("time", "quality_time"),
        ("fear", "start_small"),
        ("weakness_belief", "start_small"),
        ("communication", "listening_dialogue"),
        ("old_hurts", "help"),
    ],
)
def test_focus_on_strongest_roadblock(roadblock, target):
    plan = focus_plan(neutral(**{roadblock: 85}))
    assert plan.scale == roadblock
    assert plan.kind == "roadblock"
    assert plan.score == 85
    assert plan.target == target
    assert plan.reason and plan.title and plan.this_week


def test_communication_also_points_to_i_statements():
    plan = focus_plan(neutral(communication=90))
    assert "i_statement" in plan.also


@pytest.mark.parametrize(
    ("component", "target"),
    [
        ("vulnerability", "start_small"),
        ("empathy", "practice"),
        ("trust", "listening_dialogue"),
        ("authenticity", "i_statement"),
        ("acceptance", "appreciation"),
    ],
)
def test_focus_on_weakest_component(component, target):
    plan = focus_plan(neutral(**{component: 10}))
    assert plan.scale == component
    assert plan.kind == "component"
    assert plan.target == target


def test_bigger_need_wins_and_ties_go_to_the_roadblock():
    # component need 100 - 20 = 80 beats roadblock need 70
    assert focus_plan(neutral(trust=20, time=70)).scale == "trust"
    # component need 100 - 30 = 70 loses to roadblock need 75
    assert focus_plan(neutral(trust=30, time=75)).scale == "time"
    # tie (70 vs 70): the roadblock
    assert focus_plan(neutral(trust=30, time=70)).scale == "time"


def test_ties_within_a_group_follow_scale_order():
    plan = focus_plan(neutral(vulnerability=10, acceptance=10))
    assert plan.scale == "vulnerability"


def test_all_well_and_no_scores_fallbacks():
    well = focus_plan(dict.fromkeys(COMPONENTS, 85) | dict.fromkeys(ROADBLOCKS, 10))
    assert well.kind == "all_well"
    assert well.scale is None
    assert well.target == "appreciation"
    empty = focus_plan({})
    assert empty.kind == "no_scores"
    assert empty.target in TARGETS
    assert focus_plan(dict.fromkeys(SCALES)).kind == "no_scores"


def test_focus_works_with_partial_scores_and_scale_scores():
    only_roadblocks = {"time": ScaleScore("time", 90, 4, 4)}
    assert focus_plan(only_roadblocks).target == "quality_time"
    only_components = {"empathy": 20}
    assert focus_plan(only_components).target == "practice"


def test_weakness_belief_reason_frames_openness_as_strength():
    reason = focus_content().rules["weakness_belief"].reason.lower()
    assert "strength" in reason or "courage" in reason
    assert "man up" not in reason


def test_every_rule_target_is_known():
    content = focus_content()
    for rule in content.rules.values():
        assert rule.target in TARGETS
        assert set(rule.also) <= set(TARGETS)
    assert content.settings.compare_threshold == 20
