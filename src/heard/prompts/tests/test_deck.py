"""The prompt deck: its content, its checks, its stats and its command line."""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from pydantic import ValidationError

from heard.content import ContentError
from heard.prompts import deck as deck_module
from heard.prompts.deck import (
    DEPTHS,
    KINDS,
    THEMES,
    Prompt,
    deck,
    deck_stats,
    docs_stats_block,
    find_near_duplicates,
    load_deck,
    main,
    normalise,
    prompts_for,
    render_stats_table,
    romantic_words,
    write_docs_stats,
)

REPO = Path(__file__).resolve().parents[4]


@pytest.fixture
def settings() -> SimpleNamespace:
    """The deck is plain Python: these tests run without Django (``pytest -p no:django``).
    The root conftest's autouse fixture writes to ``settings``; give it a stand-in here."""
    return SimpleNamespace()


DOCS = REPO / "docs" / "prompts.md"


def item(ident: str, text: str, **extra: object) -> dict[str, object]:
    theme = ident.split("-")[0]
    data: dict[str, object] = {
        "id": ident,
        "text": text,
        "depth": 1,
        "themes": [theme],
        "kinds": ["partner", "friend", "family"],
    }
    data.update(extra)
    return data


def write(base: Path, name: str, items: list[dict[str, object]]) -> Path:
    folder = base / "prompts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump({"items": items}, sort_keys=False), encoding="utf-8")
    return path


# --- the real deck -------------------------------------------------------------------------


def test_deck_meets_the_counts() -> None:
    prompts = load_deck()
    stats = deck_stats(prompts)
    assert stats["total"] >= 360
    for depth in DEPTHS:
        assert stats["by_depth"][depth] >= 100, f"depth {depth}"
    for theme in THEMES:
        assert stats["by_main_theme"][theme] >= 20, f"theme {theme} is thin"
        for depth in DEPTHS:
            assert stats["theme_depth"][theme][depth] >= 1, f"{theme} has no depth {depth}"
    for kind in KINDS:
        for depth in DEPTHS:
            assert stats["kind_depth"][kind][depth] >= 1, f"{kind} has no depth {depth}"
            assert stats["only_kind_depth"][kind][depth] >= 1, f"no {kind}-only at {depth}"


def test_each_kind_has_plenty_at_each_depth() -> None:
    for kind in KINDS:
        for depth in DEPTHS:
            assert len(prompts_for(kind, depth)) >= 80, (kind, depth)


def test_ids_are_stable_slugs_that_name_their_file_theme() -> None:
    pattern = re.compile(r"^(?P<theme>[a-z_]+)-[123]-\d{3}$")
    for prompt in deck():
        match = pattern.match(prompt.id)
        assert match, prompt.id
        assert match["theme"] == prompt.theme, prompt.id


def test_friend_and_family_prompts_use_no_romantic_words() -> None:
    offenders = [
        p.id
        for p in deck()
        if {"friend", "family"} & set(p.kinds)
        and (romantic_words(p.text) or romantic_words(p.follow_up or ""))
    ]
    assert offenders == []


def test_intimacy_prompts_for_friends_or_family_are_about_emotional_closeness() -> None:
    physical = re.compile(r"\b(touch|touched|hug|affection|physical|body|desir\w*)\b", re.I)
    for p in deck():
        if "intimacy" in p.themes and set(p.kinds) != {"partner"}:
            assert not physical.search(p.text), p.id


def test_every_prompt_asks_a_question_or_makes_a_gentle_invitation() -> None:
    for p in deck():
        assert p.text[0].isupper(), p.id
        assert "  " not in p.text, p.id
        assert len(p.text) <= 160, f"{p.id} is long for a card"
        if p.follow_up:
            assert len(p.follow_up) <= 120, p.id


def test_deck_is_cached_and_indexed() -> None:
    assert deck() is deck()
    index = deck_module.prompt_index()
    assert len(index) == len(deck())
    assert index["childhood-1-001"].depth == 1


def test_deck_check_is_registered() -> None:
    from heard import content

    deck_module.register("prompts")(deck)  # idempotent; importing the module already did it
    assert "prompts" in content._CHECKS
    assert content._CHECKS["prompts"].run() is deck()


def test_near_duplicate_check_is_fast() -> None:
    texts = [p.text for p in deck()]
    started = time.perf_counter()
    assert find_near_duplicates(texts) == []
    assert time.perf_counter() - started < 2.0


# --- the checks ----------------------------------------------------------------------------


def test_a_good_temp_deck_loads(tmp_path: Path) -> None:
    write(tmp_path, "childhood.yaml", [item("childhood-1-001", "What did you play as a kid?")])
    write(tmp_path, "values.yaml", [item("values-1-001", "What rule do you live by?")])
    assert [p.id for p in load_deck(tmp_path)] == ["childhood-1-001", "values-1-001"]


def test_duplicate_id_fails_with_path_and_id(tmp_path: Path) -> None:
    write(tmp_path, "childhood.yaml", [item("childhood-1-001", "What did you play as a kid?")])
    write(
        tmp_path,
        "values.yaml",
        [item("childhood-1-001", "What rule do you live by?", themes=["values"])],
    )
    with pytest.raises(ContentError) as caught:
        load_deck(tmp_path)
    assert caught.value.item == "childhood-1-001"
    assert caught.value.path.endswith("values.yaml")
    assert "duplicate id" in caught.value.reason
    assert "childhood.yaml" in caught.value.reason


def test_near_duplicate_text_fails(tmp_path: Path) -> None:
    write(
        tmp_path,
        "childhood.yaml",
        [
            item("childhood-1-001", "What game did you play over and over as a child?"),
            item("childhood-1-002", "Which toy would you love to hold again?"),
        ],
    )
    write(
        tmp_path,
        "friendship.yaml",
        [item("friendship-1-001", "What games did you play over and over as a child?")],
    )
    with pytest.raises(ContentError) as caught:
        load_deck(tmp_path)
    assert caught.value.path.endswith("friendship.yaml")
    assert caught.value.item == "friendship-1-001"
    assert caught.value.reason.startswith("near-duplicate of childhood-1-001")


def test_same_words_in_another_order_is_a_near_duplicate() -> None:
    found = find_near_duplicates(
        [
            "When do you feel most at home in your own skin?",
            "In your own skin, when do you feel most at home?",
            "What makes a good neighbour?",
        ]
    )
    assert [(i, j) for i, j, _ in found] == [(0, 1)]


def test_different_prompts_on_one_pattern_are_not_near_duplicates() -> None:
    found = find_near_duplicates(
        [
            "What is one thing you were taught as a child that you still believe?",
            "What is something you were taught as a child that you have quietly let go of?",
            "What did you learn about anger growing up?",
            "What did you learn about health and bodies growing up?",
        ]
    )
    assert found == []


def test_normalise_ignores_case_punctuation_and_accents() -> None:
    assert normalise("  Café — what's UP?! ") == "cafe whats up"


def test_missing_field_fails_with_a_clear_reason(tmp_path: Path) -> None:
    broken = item("fears-1-001", "What gives you the creeps?")
    del broken["kinds"]
    write(tmp_path, "fears.yaml", [broken])
    with pytest.raises(ContentError) as caught:
        load_deck(tmp_path)
    assert caught.value.item == "fears-1-001"
    assert caught.value.path.endswith("fears.yaml")
    assert "kinds" in caught.value.reason
    assert "required" in caught.value.reason.lower()


def test_bad_yaml_fails_with_path(tmp_path: Path) -> None:
    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "needs.yaml").write_text("items:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_deck(tmp_path)
    assert caught.value.path.endswith("needs.yaml")
    assert "not valid YAML" in caught.value.reason


def test_first_theme_must_match_the_file(tmp_path: Path) -> None:
    write(tmp_path, "needs.yaml", [item("needs-1-001", "What helps you rest?", themes=["values"])])
    with pytest.raises(ContentError, match="first theme must be 'needs'"):
        load_deck(tmp_path)


def test_file_must_be_named_after_a_theme(tmp_path: Path) -> None:
    write(tmp_path, "misc.yaml", [item("misc-1-001", "What helps you rest?", themes=["needs"])])
    with pytest.raises(ContentError, match="file name must be a theme"):
        load_deck(tmp_path)


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [
        ("Where would you like to go on date night?", None),
        ("What makes you feel close to me?", "Is it like being in love?"),
        ("What would you tell a future partner about yourself?", None),
    ],
)
def test_romantic_words_fail_for_friends_and_family(
    tmp_path: Path, text: str, follow_up: str | None
) -> None:
    extra: dict[str, object] = {"kinds": ["partner", "friend"]}
    if follow_up:
        extra["follow_up"] = follow_up
    write(tmp_path, "intimacy.yaml", [item("intimacy-1-001", text, **extra)])
    with pytest.raises(ContentError) as caught:
        load_deck(tmp_path)
    assert caught.value.item == "intimacy-1-001"
    assert "romantic wording" in caught.value.reason


def test_romantic_words_are_fine_for_partners_only(tmp_path: Path) -> None:
    write(
        tmp_path,
        "intimacy.yaml",
        [item("intimacy-1-001", "Where would you like to go on date night?", kinds=["partner"])],
    )
    assert len(load_deck(tmp_path)) == 1


def test_romantic_words_match_whole_words_only() -> None:
    assert romantic_words("Who would you like to kiss? Tell me about date  night.") == [
        "kiss",
        "date  night",
    ]
    assert romantic_words("What is a couple of things that went well in Sussex?") == []
    assert romantic_words("Who are your partners in crime?") == ["partners"]


# --- the schema ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "Too short"}, "10 to 300"),
        ({"text": "x" * 301 + "?"}, "10 to 300"),
        ({"text": "What did you play as a kid"}, "end with"),
        ({"follow_up": "And then what"}, "end with"),
        ({"depth": 4}, "depth"),
        ({"themes": []}, "at least one theme"),
        ({"themes": ["childhood", "romance"]}, "unknown theme"),
        ({"themes": ["childhood", "childhood"]}, "twice"),
        ({"kinds": []}, "at least one kind"),
        ({"kinds": ["coworker"]}, "unknown kind"),
        ({"id": "Childhood 1"}, "slug"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_schema_rejects_bad_items(change: dict[str, object], message: str) -> None:
    data = item("childhood-1-001", "What did you play as a kid?")
    data.update(change)
    with pytest.raises(ValidationError, match=message):
        Prompt.model_validate(data)


def test_prompt_is_frozen() -> None:
    prompt = Prompt.model_validate(item("childhood-1-001", "What did you play as a kid?"))
    with pytest.raises(ValidationError):
        prompt.text = "Changed?"  # type: ignore[misc]
    assert prompt.theme == "childhood"
    assert prompt.suits("friend")


# --- stats, docs and the command line ------------------------------------------------------


def test_stats_count_each_theme_and_kind() -> None:
    prompts = [
        Prompt.model_validate(item("childhood-1-001", "What did you play as a kid?")),
        Prompt.model_validate(
            item(
                "fears-3-001",
                "What are you afraid of losing?",
                depth=3,
                themes=["fears", "family"],
                kinds=["family"],
            )
        ),
    ]
    stats = deck_stats(prompts)
    assert stats["total"] == 2
    assert stats["by_depth"] == {1: 1, 2: 0, 3: 1}
    assert stats["theme_depth"]["family"][3] == 1
    assert stats["by_main_theme"]["family"] == 0
    assert stats["kind_depth"]["family"] == {1: 1, 2: 0, 3: 1}
    assert stats["only_kind_depth"]["family"][3] == 1
    text = render_stats_table(prompts)
    assert "all prompts" in text
    markdown = render_stats_table(prompts, "markdown")
    assert "| fears | 0 | 0 | 1 | 1 |" in markdown
    assert "| all prompts | 1 | 0 | 1 | 2 |" in markdown
    with pytest.raises(ValueError):
        render_stats_table(prompts, "html")


def test_docs_table_matches_the_deck() -> None:
    if not (REPO / "pyproject.toml").exists():
        pytest.skip("not running from a source checkout")
    block = docs_stats_block(DOCS.read_text(encoding="utf-8"))
    assert block is not None, "docs/prompts.md has no stats markers"
    expected = render_stats_table(deck(), "markdown").strip()
    assert block == expected, (
        "docs/prompts.md is out of date; run: "
        "python -m heard.prompts.deck stats --markdown --write-docs docs/prompts.md"
    )


def test_write_docs_stats(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Deck\n\n<!-- stats:start -->\nold\n<!-- stats:end -->\n\nAfter.\n")
    prompts = [Prompt.model_validate(item("childhood-1-001", "What did you play as a kid?"))]
    assert write_docs_stats(page, prompts) is True
    assert write_docs_stats(page, prompts) is False
    text = page.read_text()
    assert docs_stats_block(text) == render_stats_table(prompts, "markdown").strip()
    assert text.endswith("<!-- stats:end -->\n\nAfter.\n")


def test_cli_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == f"ok: {len(deck())} prompts\n"


def test_cli_validate_reports_errors_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "childhood.yaml", [item("childhood-1-001", "What did you play as a kid?")])
    write(tmp_path, "values.yaml", [item("childhood-1-001", "What rule do you live by?")])
    assert main(["--base", str(tmp_path), "validate"]) == 1
    captured = capsys.readouterr()
    assert "values.yaml: item childhood-1-001: duplicate id" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_cli_stats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--markdown"]) == 0
    assert capsys.readouterr().out == render_stats_table(deck(), "markdown")
    assert main(["stats"]) == 0
    assert capsys.readouterr().out == render_stats_table(deck(), "text")


def test_cli_usage_errors_return_a_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shuffle"]) == 2
    assert main([]) == 2
    capsys.readouterr()
