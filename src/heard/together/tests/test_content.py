"""Love-language and appreciation content: counts, schemas and failure modes (moved here
from the check-up's content tests)."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from heard.checkup.tests.test_content import GENDERED, original, write
from heard.content import KINDS, ContentError
from heard.together import content as c


def test_love_language_counts():
    items = c.love_language_items()
    for language in c.LANGUAGES:
        for kind in KINDS:
            count = sum(1 for i in items if i.language == language and i.applies_to(kind))
            assert count >= 4, (language, kind)


def test_appreciation_counts():
    ideas = c.appreciation_ideas()
    assert len(ideas) >= 60
    per_language = Counter(i.language for i in ideas)
    assert set(per_language) == set(c.LANGUAGES)
    assert min(per_language.values()) >= 10
    assert {i.effort for i in ideas} == {"small", "medium", "big"}
    assert {i.cost for i in ideas} == {"free", "low", "some"}
    for kind in KINDS:
        assert len(c.ideas_for(kind)) >= 30, kind
    suggestions = c.appreciation_suggestions()
    assert len(suggestions) >= 15
    assert {s.language for s in suggestions} == set(c.LANGUAGES)


def test_ideas_for_filters():
    small_free = c.ideas_for("friend", effort="small", cost="free")
    assert small_free
    assert all(i.effort == "small" and i.cost == "free" for i in small_free)
    assert all("friend" in i.kinds for i in small_free)
    touch = c.ideas_for("family", language="physical_touch")
    assert touch and all(i.language == "physical_touch" for i in touch)


def test_text_is_gender_neutral():
    texts = [i.text for i in c.love_language_items()]
    texts += [i.text for i in c.appreciation_ideas()]
    texts += [s.text for s in c.appreciation_suggestions()]
    for text in texts:
        assert not GENDERED.search(text), text


def test_content_checks_are_registered():
    from heard.content import _CHECKS

    for name in ("love-language-items", "appreciation-ideas", "appreciation-suggestions"):
        assert name in _CHECKS
        assert len(_CHECKS[name].run()) > 0  # type: ignore[arg-type]


def test_loaders_are_cached():
    assert c.appreciation_ideas() is c.appreciation_ideas()


# --------------------------------------------------------------------------- failure modes


def test_love_language_needs_four_items_per_kind(tmp_path):
    data = copy.deepcopy(original(c.LOVE_LANGUAGE_FILE))
    for item in data["items"]:
        if item["id"] == "physical-touch-01":
            item["kinds"] = ["partner"]
    write(tmp_path, c.LOVE_LANGUAGE_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_love_language_items(base=tmp_path)
    assert info.value.item == "physical_touch"
    assert "friend" in info.value.reason


def test_appreciation_idea_with_bad_effort_is_rejected(tmp_path):
    data = copy.deepcopy(original(c.APPRECIATION_FILE))
    data["ideas"][2]["effort"] = "huge"
    write(tmp_path, c.APPRECIATION_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_appreciation_ideas(base=tmp_path)
    assert info.value.item == "words-03"
    assert "effort" in info.value.reason


def test_appreciation_idea_needs_kinds(tmp_path):
    data = copy.deepcopy(original(c.APPRECIATION_FILE))
    data["ideas"][0]["kinds"] = []
    write(tmp_path, c.APPRECIATION_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_appreciation_ideas(base=tmp_path)
    assert info.value.item == "words-01"


def test_appreciation_suggestions_need_every_language(tmp_path):
    data = copy.deepcopy(original(c.APPRECIATION_FILE))
    data["suggestions"] = [s for s in data["suggestions"] if s["language"] != "gifts"]
    write(tmp_path, c.APPRECIATION_FILE, data)
    with pytest.raises(ContentError) as info:
        c.load_appreciation_suggestions(base=tmp_path)
    assert info.value.item == "gifts"
