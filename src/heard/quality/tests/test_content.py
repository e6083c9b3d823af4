"""The quality-time activities file: schema, coverage, near-duplicates, filters."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

from heard.content import CONTENT_DIR, ContentError
from heard.quality.content import (
    ACTIVITIES_FILE,
    UnknownFilter,
    activities,
    activities_filter,
    activity_surprise,
    load_activities,
)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / ACTIVITIES_FILE
    target.parent.mkdir(parents=True)
    shutil.copy(CONTENT_DIR / ACTIVITIES_FILE, target)
    return target


def _rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data["activities"])
    path.write_text(yaml.safe_dump(data))


def test_it_has_at_least_150_activities_each_with_a_cue_and_a_starter():
    found = activities()
    assert len(found) >= 150
    assert all(a.phones and a.starter.strip() for a in found)
    assert len({a.id for a in found}) == len(found)


def test_it_covers_rituals_walks_cooking_games_hikes_screens_and_distance():
    themes = {a.theme for a in activities()}
    assert {"ritual", "walk", "cook", "game", "outdoors", "screen", "distance"} <= themes
    assert activities_filter(place="apart") and activities_filter(place="call")
    assert activities_filter(kind="parent_adult_child", duration="ten_minutes")


def test_it_refuses_an_unknown_tag(tmp_path):
    path = _copy(tmp_path)
    _rewrite(path, lambda items: items[0].update(energy="exhausted"))
    with pytest.raises(ContentError, match="energy"):
        load_activities(tmp_path)


def test_it_refuses_a_near_duplicate_title(tmp_path):
    path = _copy(tmp_path)

    def dup(items):
        items[5]["title"] = items[4]["title"] + "!"

    _rewrite(path, dup)
    with pytest.raises(ContentError, match="near-duplicate"):
        load_activities(tmp_path)


def test_it_refuses_too_few_activities(tmp_path):
    path = _copy(tmp_path)
    _rewrite(path, lambda items: items.__delitem__(slice(100, None)))
    with pytest.raises(ContentError, match="needs 150"):
        load_activities(tmp_path)


def test_a_family_bond_gets_parent_and_adult_child_ideas_too():
    ids = {a.id for a in activities_filter(kind="family")}
    assert "parent-childhood-questions" in ids


def test_filters_combine_and_an_unknown_value_is_a_clear_error():
    found = activities_filter(duration="ten_minutes", energy="tired", place="home")
    assert found and all(a.duration == "ten_minutes" and a.energy == "tired" for a in found)
    with pytest.raises(UnknownFilter, match="duration must be one of"):
        activities_filter(duration="forever")


def test_surprise_picks_one_that_fits_or_none():
    pick = activity_surprise(rng=random.Random(1), place="call", energy="tired")
    assert pick is not None and pick.place == "call" and pick.energy == "tired"
    assert activity_surprise(kind="friend", theme="care", place="apart") is None
