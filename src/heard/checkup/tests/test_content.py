"""Check-up content: counts, schemas and failure modes."""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from heard.checkup import content as c
from heard.content import CONTENT_DIR, ContentError

GENDERED = re.compile(r"\b(he|she|him|her|his|hers|himself|herself|man up|boys|girls)\b", re.I)


def original(relpath: str) -> Any:
    with (CONTENT_DIR / relpath).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def write(base: Path, relpath: str, data: Any) -> None:
    path = base / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# --------------------------------------------------------------------------- counts


def test_checkup_item_counts_meet_the_minimums():
    items = c.checkup_items()
    assert len(items) >= 40
    per_scale = Counter(i.scale for i in items)
    for scale in c.COMPONENTS:
        assert per_scale[scale] >= 5, scale
        assert any(i.reverse for i in items if i.scale == scale), scale
    for scale in c.ROADBLOCKS:
        assert per_scale[scale] >= 3, scale


def test_checkup_items_work_for_every_kind():
    for kind in c.KINDS:
        scoped = c.checkup_items_for(kind)
        assert {i.scale for i in scoped} == set(c.SCALES)
    with pytest.raises(ValueError):
        c.checkup_items_for("colleague")


def test_bands_cover_every_scale_with_meanings():
    bands = c.checkup_bands()
    assert set(bands) == set(c.SCALES)
    for scale_bands in bands.values():
        assert scale_bands.ranges[0].low == 0
        assert scale_bands.ranges[-1].high == 100
        assert all(r.meaning for r in scale_bands.ranges)


def test_closeness_picture_has_seven_steps():
    steps = c.closeness_steps()
    assert [s.step for s in steps] == list(range(1, 8))
    assert all(s.label for s in steps)
    assert steps[0].centre_distance > 2.0  # apart
    assert steps[-1].centre_distance < 0.5  # almost fully overlapping
    assert c.closeness_question().endswith("?")


def test_text_is_gender_neutral():
    texts = [i.text for i in c.checkup_items()]
    texts += [r.meaning for b in c.checkup_bands().values() for r in b.ranges]
    focus = c.focus_content()
    texts += [f"{r.title} {r.reason} {r.this_week}" for r in focus.rules.values()]
    texts += [f"{r.title} {r.reason} {r.this_week}" for r in focus.fallbacks.values()]
    texts += [t.prompt for t in focus.talk_about.values()]
    for text in texts:
        assert not GENDERED.search(text), text


def test_content_checks_are_registered():
    from heard.content import _CHECKS

    for name in (
        "checkup-items",
        "checkup-bands",
        "checkup-closeness",
        "checkup-focus",
    ):
        assert name in _CHECKS
        assert len(_CHECKS[name].run()) > 0  # type: ignore[arg-type]


def test_loaders_are_cached():
    assert c.checkup_items() is c.checkup_items()


# --------------------------------------------------------------------------- failure modes


def load_bad_items(tmp_path: Path, mutate) -> ContentError:
    data = copy.deepcopy(original(c.CHECKUP_ITEMS_FILE))
    mutate(data)
    write(tmp_path, c.CHECKUP_ITEMS_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_checkup_items(base=tmp_path)
    return info.value


def test_a_valid_copy_loads(tmp_path):
    write(tmp_path, c.CHECKUP_ITEMS_FILE, original(c.CHECKUP_ITEMS_FILE))
    assert len(c.load_checkup_items(base=tmp_path)) == len(c.checkup_items())


def test_unknown_scale_names_path_item_and_reason(tmp_path):
    def mutate(data):
        data["items"][0]["scale"] = "closeness"

    error = load_bad_items(tmp_path, mutate)
    assert error.path.endswith("checkup/items.yaml")
    assert error.item == "vulnerability-01"
    assert "scale" in error.reason
    assert "checkup/items.yaml: item vulnerability-01: scale" in str(error)


def test_duplicate_id_is_rejected(tmp_path):
    def mutate(data):
        data["items"][1]["id"] = data["items"][0]["id"]

    error = load_bad_items(tmp_path, mutate)
    assert "duplicate id" in error.reason


def test_id_must_match_scale(tmp_path):
    def mutate(data):
        data["items"][0]["id"] = "trust-99"

    error = load_bad_items(tmp_path, mutate)
    assert error.item == "trust-99"
    assert "vulnerability-01" in error.reason


def test_too_few_items_on_a_scale(tmp_path):
    def mutate(data):
        data["items"] = [i for i in data["items"] if i["id"] not in ("time-01", "time-02")]

    error = load_bad_items(tmp_path, mutate)
    assert error.item == "time"
    assert "at least 3" in error.reason


def test_kinds_restriction_counts_towards_the_minimum(tmp_path):
    def mutate(data):
        for item in data["items"]:
            if item["scale"] == "fear" and item["id"] != "fear-01":
                item["kinds"] = ["partner"]

    error = load_bad_items(tmp_path, mutate)
    assert error.item == "fear"
    assert "friend" in error.reason


def test_component_needs_a_reverse_item(tmp_path):
    def mutate(data):
        for item in data["items"]:
            if item["scale"] == "trust":
                item["reverse"] = False

    error = load_bad_items(tmp_path, mutate)
    assert error.item == "trust"
    assert "reverse" in error.reason


def test_near_duplicate_text_is_rejected(tmp_path):
    def mutate(data):
        data["items"][1]["text"] = data["items"][0]["text"].replace(".", "!")

    error = load_bad_items(tmp_path, mutate)
    assert error.item == "vulnerability-02"
    assert "near-duplicate of vulnerability-01" in error.reason


def test_extra_fields_are_rejected(tmp_path):
    def mutate(data):
        data["items"][0]["weight"] = 2

    error = load_bad_items(tmp_path, mutate)
    assert "weight" in error.reason


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        c.load_checkup_items(base=tmp_path)
    path = tmp_path / c.CHECKUP_ITEMS_FILE
    path.parent.mkdir(parents=True)
    path.write_text("items: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        c.load_checkup_items(base=tmp_path)


def test_bands_with_a_gap_are_rejected(tmp_path):
    data = copy.deepcopy(original(c.CHECKUP_BANDS_FILE))
    data["bands"][0]["ranges"][1]["low"] = 41
    write(tmp_path, c.CHECKUP_BANDS_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_bands(base=tmp_path)
    assert info.value.item == "vulnerability"
    assert "start at 40" in info.value.reason


def test_bands_missing_a_scale_are_rejected(tmp_path):
    data = copy.deepcopy(original(c.CHECKUP_BANDS_FILE))
    data["bands"] = [b for b in data["bands"] if b["scale"] != "old_hurts"]
    write(tmp_path, c.CHECKUP_BANDS_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_bands(base=tmp_path)
    assert info.value.item == "old_hurts"


def test_closeness_must_have_seven_steps_getting_closer(tmp_path):
    data = copy.deepcopy(original(c.CLOSENESS_FILE))
    data["steps"] = data["steps"][:6]
    write(tmp_path, c.CLOSENESS_FILE, data)
    with pytest.raises(ContentError, match="1 to 7"):
        c.load_closeness(base=tmp_path)
    data = copy.deepcopy(original(c.CLOSENESS_FILE))
    data["steps"][3]["centre_distance"] = 3.0
    write(tmp_path, c.CLOSENESS_FILE, data)
    with pytest.raises(ContentError, match="closer"):
        c.load_closeness(base=tmp_path)


def test_focus_rule_with_unknown_target_is_rejected(tmp_path):
    data = copy.deepcopy(original(c.FOCUS_FILE))
    data["rules"][0]["target"] = "meditation"
    write(tmp_path, c.FOCUS_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_focus(base=tmp_path)
    assert info.value.item == "vulnerability"
    assert "target" in info.value.reason


def test_focus_needs_a_rule_for_every_scale(tmp_path):
    data = copy.deepcopy(original(c.FOCUS_FILE))
    data["rules"] = [r for r in data["rules"] if r["scale"] != "time"]
    write(tmp_path, c.FOCUS_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_focus(base=tmp_path)
    assert info.value.item == "time"
