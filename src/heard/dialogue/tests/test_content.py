"""Practice scenarios for the listening coach: counts, spread, schema and failure modes."""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from heard.content import CONTENT_DIR, ContentError
from heard.dialogue import content as d

CRISIS = re.compile(
    r"suicid|kill myself|self-harm|self harm|hurt myself|end it all|overdose|want to die", re.I
)


def original() -> Any:
    with (CONTENT_DIR / d.SCENARIOS_FILE).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_bad(tmp_path: Path, mutate) -> ContentError:
    data = copy.deepcopy(original())
    mutate(data)
    path = tmp_path / d.SCENARIOS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        d.load_scenarios(base=tmp_path)
    return info.value


# --------------------------------------------------------------------------- counts and spread


def test_there_are_enough_scenarios():
    assert len(d.scenarios()) >= 80


def test_relations_are_spread_evenly():
    counts = Counter(s.relation for s in d.scenarios())
    total = sum(counts.values())
    assert set(counts) == set(d.RELATIONS)
    for relation in d.RELATIONS:
        assert 0.25 <= counts[relation] / total <= 0.40, counts


def test_family_includes_parents_adult_children_and_siblings():
    roles = Counter(s.who for s in d.scenarios() if s.relation == "family")
    for role in ("parent", "adult_child", "sibling"):
        assert roles[role] >= 5, roles


def test_needs_are_mostly_listen_and_comfort():
    counts = Counter(s.need for s in d.scenarios())
    total = sum(counts.values())
    assert counts["listen"] + counts["comfort"] >= 0.7 * total
    assert counts["ideas"] >= 10
    for relation in d.RELATIONS:
        for need in d.NEEDS:
            assert d.scenarios_for(relation, need), (relation, need)


def test_every_scenario_has_replies_and_a_tip():
    for s in d.scenarios():
        assert 2 <= len(s.good_replies) <= 3
        assert 1 <= d.sentence_count(s.share) <= 4
        assert s.watch_for


def test_no_crisis_content():
    for s in d.scenarios():
        text = " ".join([s.share, *s.good_replies, s.watch_for])
        assert not CRISIS.search(text), s.id


def test_replies_do_not_lead_with_fixes_when_someone_wants_to_be_heard():
    fix_openers = ("you should", "just ", "have you tried", "why don't you", "at least")
    for s in d.scenarios_for(need="listen") + d.scenarios_for(need="comfort"):
        for reply in s.good_replies:
            assert not reply.lower().startswith(fix_openers), (s.id, reply)


def test_lookup_and_speaker():
    first = d.scenario("family-03")
    assert first.who == "sibling"
    assert first.speaker == "your sibling"
    assert d.scenario("partner-01").speaker == "your partner"
    with pytest.raises(KeyError):
        d.scenario("nobody-01")


def test_check_is_registered_and_cached():
    from heard.content import _CHECKS

    assert "practice-scenarios" in _CHECKS
    assert len(_CHECKS["practice-scenarios"].run()) == len(d.scenarios())  # type: ignore[arg-type]
    assert d.scenarios() is d.scenarios()


# --------------------------------------------------------------------------- failure modes


def test_a_valid_copy_loads(tmp_path):
    path = tmp_path / d.SCENARIOS_FILE
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(original()), encoding="utf-8")
    assert len(d.load_scenarios(base=tmp_path)) == len(d.scenarios())


def test_unknown_need_names_path_item_and_reason(tmp_path):
    def mutate(data):
        data["scenarios"][0]["need"] = "lecture"

    error = load_bad(tmp_path, mutate)
    assert error.path.endswith("practice/scenarios.yaml")
    assert error.item == "partner-01"
    assert "need" in error.reason


def test_one_reply_is_not_enough(tmp_path):
    def mutate(data):
        data["scenarios"][0]["good_replies"] = data["scenarios"][0]["good_replies"][:1]

    error = load_bad(tmp_path, mutate)
    assert "good_replies" in error.reason


def test_share_of_five_sentences_is_too_long(tmp_path):
    def mutate(data):
        data["scenarios"][0]["share"] = "One. Two. Three. Four. Five."

    error = load_bad(tmp_path, mutate)
    assert "sentences" in error.reason


def test_family_scenario_needs_who(tmp_path):
    def mutate(data):
        family = next(s for s in data["scenarios"] if s["relation"] == "family")
        del family["who"]

    error = load_bad(tmp_path, mutate)
    assert error.item == "family-01"
    assert "who" in error.reason


def test_who_only_for_family(tmp_path):
    def mutate(data):
        data["scenarios"][0]["who"] = "parent"

    error = load_bad(tmp_path, mutate)
    assert "family" in error.reason


def test_id_must_match_relation(tmp_path):
    def mutate(data):
        data["scenarios"][0]["relation"] = "friend"

    error = load_bad(tmp_path, mutate)
    assert "friend-" in error.reason


def test_near_duplicate_share_is_rejected(tmp_path):
    def mutate(data):
        data["scenarios"][1]["share"] = data["scenarios"][0]["share"]

    error = load_bad(tmp_path, mutate)
    assert error.item == "partner-02"
    assert "near-duplicate" in error.reason


def test_near_duplicate_replies_are_rejected(tmp_path):
    def mutate(data):
        replies = data["scenarios"][0]["good_replies"]
        replies[1] = replies[0]

    error = load_bad(tmp_path, mutate)
    assert "nearly the same" in error.reason


def test_each_relation_needs_each_kind_of_need(tmp_path):
    def mutate(data):
        data["scenarios"] = [
            s for s in data["scenarios"] if not (s["relation"] == "friend" and s["need"] == "ideas")
        ]

    error = load_bad(tmp_path, mutate)
    assert error.item == "friend"
    assert "ideas" in error.reason
