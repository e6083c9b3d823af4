"""The lessons as content: every file passes its schema at load, bad files fail with the file,
the lesson and the reason, the rendered HTML is sanitized, and every lesson reads at about US
grade 8 or below."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import textstat

from heard.checkup.content import COMPONENTS
from heard.content import CONTENT_DIR, ContentError, validate_all
from heard.learn.content import (
    TOPICS,
    WORDS_PER_MINUTE,
    clean_html,
    lessons,
    load_lessons,
    plain_text,
    render_html,
    word_count,
)
from heard.learn.exercises import EXERCISES
from heard.prompts.deck import KINDS, prompts_for

MAX_GRADE = 8.0

GOOD = """---
id: {id}
title: A test lesson
minutes: 2
topic: skills
components: [empathy]
theme: needs
summary: A lesson written for a test.
practice:
  kind: say_it
  label: Try it
  text: One small practice for the test lesson, in a sentence.
---
{body}
"""
BODY = " ".join(["You can listen. It helps."] * 100)


def _folder(tmp_path: Path, *, keep_ours: bool = False) -> Path:
    base = tmp_path / "content"
    (base / "lessons").mkdir(parents=True)
    shutil.copytree(CONTENT_DIR / "practice", base / "practice")
    if keep_ours:
        for path in (CONTENT_DIR / "lessons").glob("*.md"):
            shutil.copy(path, base / "lessons" / path.name)
    return base


def _write(base: Path, lesson_id: str, text: str) -> None:
    (base / "lessons" / f"{lesson_id}.md").write_text(text, encoding="utf-8")


def _fails(tmp_path: Path, text: str, lesson_id: str = "test-lesson") -> str:
    base = _folder(tmp_path)
    _write(base, lesson_id, text)
    with pytest.raises(ContentError) as caught:
        load_lessons(base)
    return str(caught.value)


def test_it_loads_at_least_twenty_lessons_from_the_content_check():
    assert len(lessons()) >= 20
    assert ("lessons", len(lessons())) in validate_all()


def test_it_covers_every_topic_the_issue_lists():
    ids = {lesson.id for lesson in lessons()}
    for wanted in [
        "what-is-emotional-intimacy",
        "emotional-and-physical",
        "why-it-matters",
        "vulnerability",
        "empathy",
        "trust",
        "authenticity",
        "acceptance",
        "no-time",
        "fear-learned-young",
        "vulnerability-is-not-weakness",
        "past-hurts",
        "when-talks-break-down",
        "listening",
        "soothing",
        "appreciation",
        "love-languages",
        "start-small",
        "quality-time",
        "without-blame",
        "mistakes-and-small-wins",
        "getting-help",
    ]:
        assert wanted in ids, wanted
    assert {lesson.topic for lesson in lessons()} == set(TOPICS)
    one_each = [x.components[0] for x in lessons() if x.topic == "components"]
    assert sorted(one_each) == sorted(COMPONENTS)


def test_every_lesson_reads_at_about_grade_eight_or_below():
    for lesson in lessons():
        text = plain_text(lesson)
        grade = textstat.flesch_kincaid_grade(text)
        assert grade <= MAX_GRADE, (lesson.id, grade)


def test_every_lesson_is_a_two_to_four_minute_read_at_a_normal_pace():
    for lesson in lessons():
        minutes = word_count(lesson.body) / WORDS_PER_MINUTE
        assert 2 <= minutes <= 4, (lesson.id, round(minutes, 1))
        assert lesson.minutes == round(minutes), (lesson.id, lesson.minutes, round(minutes, 1))


def test_a_short_lesson_cannot_claim_two_minutes(tmp_path):
    short = " ".join(["You can listen. It helps."] * 60)  # 300 words: about 1 minute
    message = _fails(tmp_path, GOOD.format(id="test-lesson", body=short))
    assert "300 words does not fit 2 minutes" in message


def test_the_readability_test_would_catch_a_hard_lesson():
    dense = (
        "Notwithstanding considerable methodological heterogeneity, longitudinal investigations "
        "consistently demonstrate associations between interpersonal responsiveness and "
        "subsequent psychological wellbeing across developmental trajectories. "
    )
    assert textstat.flesch_kincaid_grade(dense * 5) > MAX_GRADE


def test_the_love_languages_lesson_says_the_evidence_for_fixed_types_is_weak():
    body = next(x for x in lessons() if x.id == "love-languages").body.lower()
    assert "evidence for fixed types is weak" in body
    assert "not a label" in body or "not to decide who you are" in body


def test_lessons_speak_to_everyone_without_man_up_framing():
    for lesson in lessons():
        assert "man up" not in lesson.body.lower(), lesson.id
    weakness = next(x for x in lessons() if x.id == "vulnerability-is-not-weakness").body
    assert "kept alive by all of us" in weakness


def test_every_lesson_theme_has_a_light_prompt_for_every_kind_of_bond():
    for lesson in lessons():
        for kind in KINDS:
            assert any(lesson.theme in p.themes for p in prompts_for(kind, 1)), (lesson.id, kind)


def test_the_suggested_path_runs_from_one():
    steps = sorted(x.path for x in lessons() if x.path is not None)
    assert steps == list(range(1, len(steps) + 1)) and len(steps) >= 5


def test_every_exercise_belongs_to_a_lesson_that_links_to_it():
    by_id = {x.id: x for x in lessons()}
    for exercise in EXERCISES.values():
        lesson = by_id[exercise.lesson_id]
        assert lesson.practice.kind == "exercise" and lesson.practice.target == exercise.id


def test_a_good_file_loads(tmp_path):
    base = _folder(tmp_path)
    _write(base, "test-lesson", GOOD.format(id="test-lesson", body=BODY))
    assert [x.id for x in load_lessons(base)] == ["test-lesson"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace(BODY, BODY + " <script>alert(1)</script>"), "raw HTML"),
        (lambda t: t.replace(BODY, BODY + " <b>bold</b>"), "raw HTML"),
        (lambda t: t.replace(BODY, BODY + " [x](https://example.org)"), "links may only"),
        (lambda t: t.replace(BODY, BODY + " [x](lesson:nope)"), "unknown lesson 'nope'"),
        (lambda t: t.replace("minutes: 2", "minutes: 4"), "does not fit 4 minutes"),
        (lambda t: t.replace("minutes: 2", "minutes: 9"), "minutes"),
        (lambda t: t.replace("topic: skills", "topic: misc"), "topic"),
        (lambda t: t.replace("theme: needs", "theme: cooking"), "theme must be"),
        (lambda t: t.replace("[empathy]", "[kindness]"), "components"),
        (lambda t: t.replace("kind: say_it", "kind: scenario\n  target: partner-99"), "not found"),
        (lambda t: t.replace("kind: say_it", "kind: exercise\n  target: nope"), "not found"),
        (lambda t: t.replace("kind: say_it", "kind: scenario"), "needs a target"),
        (lambda t: t.replace("kind: say_it", "kind: say_it\n  target: x"), "takes no target"),
        (lambda t: t.replace("summary: A lesson written for a test.\n", ""), "summary"),
        (
            lambda t: t.replace("title: A test lesson", "title: A test lesson\ncolour: blue"),
            "colour",
        ),
        (lambda t: t.replace("---\n", "", 1), "front matter"),
        (lambda t: t.replace("id: test-lesson", "id: other"), "match the file name"),
        (
            lambda t: t.replace("topic: skills", "topic: components").replace(
                "[empathy]", "[empathy, trust]"
            ),
            "exactly that one",
        ),
    ],
)
def test_a_bad_file_fails_with_the_file_the_lesson_and_the_reason(tmp_path, change, reason):
    message = _fails(tmp_path, change(GOOD.format(id="test-lesson", body=BODY)))
    assert "lessons/test-lesson.md" in message
    assert reason in message


def test_a_reserved_id_fails(tmp_path):
    message = _fails(tmp_path, GOOD.format(id="exercise", body=BODY), lesson_id="exercise")
    assert "reserved" in message


def test_a_gap_in_the_suggested_path_fails(tmp_path):
    base = _folder(tmp_path)
    _write(
        base,
        "test-lesson",
        GOOD.format(id="test-lesson", body=BODY).replace("theme:", "path: 2\ntheme:"),
    )
    with pytest.raises(ContentError, match="suggested path"):
        load_lessons(base)


def test_rendering_keeps_only_the_tags_a_lesson_uses():
    html = render_html("past-hurts")
    assert "<h2>" in html and "<li>" in html
    assert '<a href="/learn/getting-help/">' in html
    for lesson in lessons():
        rendered = render_html(lesson.id)
        assert not re.search(r"<(script|style|iframe|img|form|input)\b", rendered), lesson.id
        assert "javascript:" not in rendered and " on" not in re.sub(r">[^<]*<", "><", rendered)


def test_the_sanitizer_strips_anything_dangerous_that_reaches_it():
    dirty = (
        '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">a</a>'
        '<a href="https://example.org/">b</a><img src=x onerror=alert(1)></p>'
    )
    cleaned = clean_html(dirty)
    assert "script" not in cleaned and "onclick" not in cleaned and "onerror" not in cleaned
    assert "javascript:" not in cleaned and "example.org" not in cleaned and "<img" not in cleaned
    assert "Hi" in cleaned


def test_the_quality_time_lesson_practice_is_a_quality_time_idea():
    from heard.quality.content import activity_get

    practice = next(x for x in lessons() if x.id == "quality-time").practice
    assert practice.kind == "idea"
    assert activity_get(practice.target or "") is not None


def test_a_practice_idea_that_does_not_exist_fails(tmp_path):
    message = _fails(
        tmp_path,
        GOOD.format(id="test-lesson", body=BODY).replace(
            "kind: say_it", "kind: idea\n  target: no-such-idea"
        ),
    )
    assert "practice idea 'no-such-idea' not found" in message


def _body(lesson_id: str) -> str:
    return next(x for x in lessons() if x.id == lesson_id).body


def test_why_it_matters_states_research_as_findings_without_overclaiming():
    body = _body("why-it-matters")
    for finding in ["Stress", "Happiness", "Health", "Commitment", "Conflict", "Self-awareness"]:
        assert f"**{finding}.**" in body, finding
    assert "## What this does not mean" in body and "links, not proof of cause" in body
    for claim in ["proves", "proven", "guarantee", "always leads", "will make you"]:
        assert claim not in body.lower(), claim


def test_the_basics_say_emotional_closeness_is_the_foundation_and_needs_safety():
    assert "## It needs safety" in _body("what-is-emotional-intimacy")
    physical = _body("emotional-and-physical")
    assert "## Each can carry the other" in physical
    assert "## Why the emotional one comes first" in physical


def test_vulnerability_is_not_weakness_assumes_nothing_about_who_feels_and_who_fixes():
    body = _body("vulnerability-is-not-weakness")
    assert "boys and men" in body and "Girls and women feel it too" in body
    assert "People of every gender" in body
    assert "the fixer and the other to always be the feeler" in body
    assert "**Between partners**, either of you might be the one who holds it all in" in body


def test_the_long_view_points_to_help_and_to_counselling():
    help_lesson = next(x for x in lessons() if x.id == "getting-help")
    assert help_lesson.topic == "long_view" and help_lesson.practice.kind == "help"
    assert "**Couples counselling**" in help_lesson.body
    assert "## When joint counselling is not the right step" in help_lesson.body
    assert next(x for x in lessons() if x.id == "mistakes-and-small-wins").topic == "long_view"


def test_the_readme_credits_say_the_lessons_are_our_own_writing():
    readme = (Path(__file__).resolve().parents[4] / "README.md").read_text(encoding="utf-8")
    credits = readme.split("## Credits", 1)[1]
    assert "The lessons in `src/heard/content/lessons/` are our own" in credits
