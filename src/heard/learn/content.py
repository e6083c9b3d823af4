"""Lessons: our own short readings, as Markdown files with YAML front matter under
``content/lessons/``. Schema, loader, renderer and content check.

Each file is ``<id>.md``::

    ---
    id: listening
    title: Listening in three steps
    minutes: 3
    topic: skills
    components: [empathy]
    theme: needs            # the prompt theme for "read this together"
    summary: One line for the list.
    path: 4                 # optional: its place on the suggested path for new people
    practice:
      kind: scenario        # where the practice link goes (see PRACTICE_KINDS)
      target: friend-01     # a scenario, exercise or quality-time idea id, where the kind needs one
      label: Try a practice reply
      text: One small practice, in a sentence or two.
    ---
    The lesson, in Markdown. No raw HTML. Links may only point at other lessons: [text](lesson:id).

Loading checks the schema, that ids are unique and match their file, that the body has no raw
HTML and only links to lessons that exist, that scenario and exercise targets exist, that the
reading time fits the length, and that the suggested path runs 1, 2, 3... A problem raises
:class:`heard.content.ContentError` with the file, the lesson and the reason.

Plain Python: no Django here.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Literal, get_args

import markdown
import nh3
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from heard.checkup.content import Component
from heard.content import CONTENT_DIR, ContentError, register, shown_file
from heard.prompts.deck import THEMES, Prompt, prompts_for

LESSONS_DIR = "lessons"

Topic = Literal["basics", "components", "roadblocks", "skills", "long_view"]
TOPICS: tuple[str, ...] = get_args(Topic)
TOPIC_NAMES: dict[str, str] = {
    "basics": "The basics",
    "components": "The five parts of closeness",
    "roadblocks": "What gets in the way",
    "skills": "Skills to practise",
    "long_view": "The long view",
}

PracticeKind = Literal[
    "scenario",  # a practice scenario with the coach (target: scenario id)
    "practice",  # practice with the coach, any scenario
    "prompt",  # today's question with someone
    "depth",  # how deep today's questions go
    "say_it",  # the I-statement builder
    "checkin",  # the daily check-in
    "appreciation",  # an appreciation note
    "love_languages",
    "checkup",
    "dialogue",  # a listening dialogue with someone
    "comfort",  # ask someone for comfort
    "help",
    "exercise",  # a private solo exercise (target: exercise id)
    "idea",  # a quality-time idea (target: activity id)
]
PRACTICE_KINDS: tuple[str, ...] = get_args(PracticeKind)
TARGETED_KINDS = {"scenario", "exercise", "idea"}

# Ids that would clash with the Learn pages' own addresses.
RESERVED_IDS = {"exercise", "exercises", "go", "together"}

# ``minutes`` is the length read at a normal adult pace, about 240 words a minute, to the
# nearest minute: a 3-minute read has 600 to 840 words.
WORDS_PER_MINUTE = 240
MINUTES = (2, 4)

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
_RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_LINK = re.compile(r"\]\(([^)\s]*)[^)]*\)")
_LESSON_LINK = re.compile(r"\]\(lesson:([a-z0-9-]+)\)")

ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


class Practice(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    kind: PracticeKind
    target: str | None = Field(None, max_length=80)
    label: str = Field(min_length=3, max_length=60)
    text: str = Field(min_length=20, max_length=400)

    @model_validator(mode="after")
    def _target_fits_kind(self) -> Practice:
        if self.kind in TARGETED_KINDS and not self.target:
            raise ValueError(f"a {self.kind} practice needs a target")
        if self.kind not in TARGETED_KINDS and self.target:
            raise ValueError(f"a {self.kind} practice takes no target")
        return self


class Lesson(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)
    title: str = Field(min_length=3, max_length=70)
    minutes: int = Field(ge=MINUTES[0], le=MINUTES[1])
    topic: Topic
    components: tuple[Component, ...] = ()
    theme: str
    summary: str = Field(min_length=10, max_length=160)
    path: int | None = Field(None, ge=1)
    practice: Practice
    body: str = Field(min_length=200)

    @model_validator(mode="after")
    def _check(self) -> Lesson:
        if self.id in RESERVED_IDS:
            raise ValueError(f"id {self.id!r} is reserved")
        if self.theme not in THEMES:
            raise ValueError(f"theme must be a prompt theme: {', '.join(THEMES)}")
        if len(set(self.components)) != len(self.components):
            raise ValueError("lists a component twice")
        if self.topic == "components" and len(self.components) != 1:
            raise ValueError("a lesson on one of the five components names exactly that one")
        if _RAW_HTML.search(self.body):
            raise ValueError("raw HTML is not allowed in a lesson; use Markdown")
        for target in _LINK.findall(self.body):
            if not target.startswith("lesson:"):
                raise ValueError(
                    f"links may only point at other lessons (lesson:ID), not {target!r}"
                )
        words = word_count(self.body)
        low, high = words_for(self.minutes)
        if not low <= words <= high:
            raise ValueError(
                f"{words} words does not fit {self.minutes} minutes ({low}-{high} words, "
                f"at about {WORDS_PER_MINUTE} words a minute)"
            )
        return self

    @property
    def topic_name(self) -> str:
        return TOPIC_NAMES[self.topic]

    @property
    def linked_lessons(self) -> list[str]:
        return _LESSON_LINK.findall(self.body)


def words_for(minutes: int) -> tuple[int, int]:
    """The word counts that read in ``minutes``, to the nearest minute, at our pace."""
    half = WORDS_PER_MINUTE // 2
    return WORDS_PER_MINUTE * minutes - half, WORDS_PER_MINUTE * minutes + half


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’']+", text))


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        loc = ".".join(str(p) for p in error["loc"])
        parts.append(f"{loc}: {error['msg']}" if loc else str(error["msg"]))
    return "; ".join(parts)


def parse_lesson(path: Path) -> Lesson:
    shown = shown_file(path)
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ContentError(shown, None, "expected front matter between two '---' lines")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise ContentError(shown, None, f"front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise ContentError(shown, None, "front matter must be a mapping")
    if "body" in meta:
        raise ContentError(shown, meta.get("id"), "'body' is the text after the front matter")
    try:
        lesson = Lesson.model_validate({**meta, "body": match.group(2).strip()})
    except ValidationError as exc:
        raise ContentError(shown, meta.get("id"), _describe(exc)) from None
    if lesson.id != path.stem:
        raise ContentError(shown, lesson.id, f"id must match the file name ({path.stem!r})")
    return lesson


def load_lessons(base: Path | None = None) -> tuple[Lesson, ...]:
    """Load and check every lesson. ``base`` is the content folder (default: ours)."""
    folder = (base or CONTENT_DIR) / LESSONS_DIR
    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise ContentError(shown_file(folder), None, "no lessons found")
    lessons = [parse_lesson(path) for path in paths]
    where = {lesson.id: shown_file(path) for lesson, path in zip(lessons, paths, strict=True)}
    ids = set(where)
    for lesson in lessons:
        for linked in lesson.linked_lessons:
            if linked not in ids:
                raise ContentError(
                    where[lesson.id], lesson.id, f"links to unknown lesson {linked!r}"
                )
        _check_target(lesson.practice, where[lesson.id], lesson.id, base)
    steps = sorted(lesson.path for lesson in lessons if lesson.path is not None)
    if steps != list(range(1, len(steps) + 1)):
        raise ContentError(
            shown_file(folder), None, f"the suggested path must run 1, 2, 3...: {steps}"
        )
    order = {topic: i for i, topic in enumerate(TOPICS)}
    return tuple(sorted(lessons, key=lambda item: (order[item.topic], item.id)))


def _check_target(practice: Practice, shown: str, lesson_id: str, base: Path | None) -> None:
    if practice.kind == "scenario":
        from heard.dialogue.content import load_scenarios, scenarios

        known = {s.id for s in (scenarios() if base is None else load_scenarios(base))}
        if practice.target not in known:
            raise ContentError(shown, lesson_id, f"practice scenario {practice.target!r} not found")
    if practice.kind == "exercise":
        from heard.learn.exercises import EXERCISES

        if practice.target not in EXERCISES:
            raise ContentError(shown, lesson_id, f"practice exercise {practice.target!r} not found")
    if practice.kind == "idea":
        # Quality-time ideas are their own content, checked when they load.
        from heard.quality.content import activity_get

        if activity_get(practice.target or "") is None:
            raise ContentError(shown, lesson_id, f"practice idea {practice.target!r} not found")


@cache
def lessons() -> tuple[Lesson, ...]:
    """Every checked lesson, by topic, loaded once per process."""
    return load_lessons()


register("lessons")(lessons)


def lesson_index() -> dict[str, Lesson]:
    return {lesson.id: lesson for lesson in lessons()}


def suggested_path() -> list[Lesson]:
    return sorted((x for x in lessons() if x.path is not None), key=lambda x: x.path or 0)


# The theme a light starter question is taken from first: small, everyday things to share.
LIGHT_THEME = "everyday_life"
LightPrompt = Prompt


def light_prompt_for(kind: str, turn: int) -> Prompt | None:
    """A light (depth 1) question from the deck for a kind of bond, on everyday life where
    there is one; ``turn`` picks which, so the caller can keep it the same for a day."""
    light = prompts_for(kind, 1)
    everyday = [p for p in light if LIGHT_THEME in p.themes] or light
    return everyday[turn % len(everyday)] if everyday else None


# --- rendering -----------------------------------------------------------------------------


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    # Lesson files may not carry HTML; take out the parsers for it so any that slipped
    # through is shown as text. nh3 then keeps only the tags a lesson uses.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


@cache
def render_html(lesson_id: str) -> str:
    """The lesson body as sanitized HTML, with lesson links pointing at their pages."""
    lesson = lesson_index()[lesson_id]
    body = _LESSON_LINK.sub(lambda m: f"](/learn/{m.group(1)}/)", lesson.body)
    return clean_html(_markdown().convert(body))


def clean_html(raw: str) -> str:
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(),
        link_rel=None,
    )


def plain_text(lesson: Lesson) -> str:
    """The lesson as plain sentences, for readability checks: each block ends a sentence."""
    rendered = _markdown().convert(lesson.body)
    rendered = re.sub(r"</(p|h2|h3|li|blockquote)>", ".\n", rendered)
    text = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    text = re.sub(r"([.!?:])\s*\.", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()
