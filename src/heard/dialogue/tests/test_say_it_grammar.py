"""The say-it sentence builder over every combination of the kinds of parts people write, with a
grammar check (rules for the mistakes people met: "When last night you were…", "Would you be
willing to could we…", "Would you be willing to don't?")."""

from __future__ import annotations

import itertools
import re

import pytest

from heard.dialogue.say_it import compose, feeling_words

HAPPENED = [
    "",
    "you came home late",
    "last night you were late",
    "Last night, you didn't call",
    "When the dishes were left in the sink",
    "this morning the car was out of fuel",
    "the bins are still full",
]
FEELING = [
    "",
    "hurt",
    "lonely, a bit hurt",
    "I feel worried",
    "I felt let down",
    "really sad and kind of alone",
]
NEED = ["", "rest", "to know you're safe", "I need some quiet"]
REQUEST = [
    "",
    "text me",
    "please call me",
    "could we talk tonight",
    "Can you help me with dinner?",
    "don't interrupt me",
    "Please don't shout",
    "let's eat together",
    "you could call me",
    "to call me",
]
QUESTION_START = re.compile(r"^(?:Would|Could|Can|Will|Shall|Might|How|What|Is|Are|Do)\b")
MISTAKES = [
    re.compile(
        r"willing (?:not )?to (?:could|would|can|will|shall|don't|do not|please|to|let's|you)\b",
        re.I,
    ),
    re.compile(
        r"\bwhen (?:last|this|yesterday|earlier|today|tonight|on|at|in|after|before|during|when)\b",
        re.I,
    ),
    re.compile(r"\bI (?:feel|felt) (?:I|i) (?:feel|felt)\b"),
    re.compile(r"\bI need (?:I need|because)\b"),
    re.compile(r"[?.!]{2,}|\s[,.?]|\s{2,}|,,"),
]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


def grammar_problems(text: str) -> list[str]:
    problems = [f"matches {m.pattern!r}" for m in MISTAKES if m.search(text)]
    for sentence in _sentences(text):
        if not sentence[:1].isupper():
            problems.append(f"no capital: {sentence!r}")
        if sentence[-1] not in ".?!":
            problems.append(f"no full stop: {sentence!r}")
        if sentence.endswith("?") != bool(QUESTION_START.match(sentence)):
            problems.append(f"question mark does not fit: {sentence!r}")
        if re.search(r"\b(?:Last|This|Yesterday|Earlier)\b", sentence[1:]):
            problems.append(f"capital inside: {sentence!r}")
    return problems


@pytest.mark.parametrize("happened", HAPPENED)
def test_every_combination_of_parts_reads_as_grammatical(happened):
    for feeling, need, request in itertools.product(FEELING, NEED, REQUEST):
        parts = {"happened": happened, "feeling": feeling, "need": need, "request": request}
        text = compose(parts)
        assert grammar_problems(text) == [], (parts, text)
        if any(parts.values()):
            assert text


def test_the_check_itself_catches_the_old_mistakes():
    for bad in (
        "When last night you were late, I feel hurt.",
        "Would you be willing to could we talk?",
        "Would you be willing to don't?",
    ):
        assert grammar_problems(bad), bad


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            {"happened": "last night you were late", "feeling": "hurt"},
            "When you were late last night, I felt hurt.",
        ),
        ({"request": "could we talk tonight"}, "Could we talk tonight?"),
        ({"request": "don't interrupt me"}, "Would you be willing not to interrupt me?"),
        ({"request": "you could call me"}, "Could you call me?"),
        ({"request": "let's eat together"}, "Let's eat together."),
        (
            {"happened": "the bins are full", "feeling": "tired"},
            "When the bins are full, I feel tired.",
        ),
    ],
)
def test_it_reshapes_parts_to_fit(parts, expected):
    assert compose(parts) == expected


def test_a_list_of_feelings_counts_as_feelings():
    assert feeling_words("lonely, a bit hurt") == ["lonely", "hurt"]
    assert feeling_words("I feel really sad and kind of alone") == ["sad", "alone"]
