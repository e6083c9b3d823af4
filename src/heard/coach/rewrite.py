"""Examples built from the other person's own words, so a suggestion fits what was shared.

    >>> gist("I'm so stressed about this deadline, I can't sleep")
    "you're so stressed about this deadline"
    >>> reflection("I'm so stressed about this deadline, I can't sleep")
    "It sounds like you're so stressed about this deadline."

The most telling clause of the share (one that names a feeling, speaks in the first person and
is short enough to say back) is turned from "I" to "you". Nothing is invented: every content
word of the example comes from the share.
"""

from __future__ import annotations

import re

from heard.coach import rules

_CLAUSE = re.compile(r"[.!?;:\n]+|,\s*|\s+(?:but|and|because)\s+|\s[-–—]\s")
_WORD = re.compile(r"[A-Za-z']+|[^\sA-Za-z']+")
_SWAP = {
    "i": "you",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "ive": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "am": "are",
    "we": "you",
    "we're": "you're",
    "our": "your",
    "us": "you",
    "your": "my",
    "you're": "I'm",
    "yours": "mine",
}
_SUBJECT_NEXT = frozenset(
    [
        "are",
        "were",
        "have",
        "had",
        "do",
        "did",
        "don't",
        "didn't",
        "can",
        "can't",
        "will",
        "won't",
        "would",
        "should",
        "never",
        "always",
        "just",
        "really",
        "still",
        "keep",
    ]
)
_STARTERS = frozenset(
    [
        "you",
        "your",
        "you're",
        "you've",
        "you'd",
        "you'll",
        "it",
        "it's",
        "they",
        "they're",
        "he",
        "he's",
        "she",
        "she's",
        "the",
        "this",
        "that",
        "there",
        "everyone",
        "everything",
        "nobody",
        "nothing",
        "work",
        "mum",
        "mom",
        "dad",
    ]
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|myself)\b", re.I)
_FILLER_START = re.compile(
    r"^(?:honestly|basically|so|well|like|ok|okay|anyway|also|and|but|just|idk|tbh|ugh|omg|lol)\b[\s,]*",
    re.I,
)
MAX_WORDS = 14
GENERIC_GIST = "this has been weighing on you"


def _clauses(share: str) -> list[str]:
    parts = [p.strip(" '\"") for p in _CLAUSE.split(share or "")]
    return [p for p in parts if len(p.split()) >= 2]


def _score(clause: str) -> float:
    n = len(clause.split())
    score = 0.0
    if rules.any_feeling_word(clause):
        score += 2.0
    if _FIRST_PERSON.search(clause):
        score += 1.0
    if 3 <= n <= MAX_WORDS:
        score += 1.0
    if n > MAX_WORDS:
        score -= (n - MAX_WORDS) / 4
    if "?" in clause:
        score -= 1.0
    return score


def _swap(clause: str) -> str:
    out = []
    tokens = _WORD.findall(clause)
    for i, token in enumerate(tokens):
        low = token.lower()
        swapped = _SWAP.get(low)
        if low == "was" and i and tokens[i - 1].lower() in {"i", "we"}:
            swapped = "were"
        if low == "you":
            following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            swapped = "I" if following in _SUBJECT_NEXT else "me"
        if low == "are" and i and tokens[i - 1].lower() == "you":
            swapped = "am"
        out.append(swapped if swapped is not None else token)
    text = ""
    for token in out:
        if text and (token[0].isalnum() or token[0] == "'") and not text.endswith(("'", "(")):
            text += " "
        text += token
    return text.replace(" n't", "n't")


def gist(share: str | None) -> str:
    """The clause of ``share`` most worth saying back, in the second person."""
    clauses = _clauses(share or "")
    if not clauses:
        return GENERIC_GIST
    best = max(clauses, key=_score)
    best = _FILLER_START.sub("", best).strip()
    words = best.split()
    if len(words) > MAX_WORDS:
        best = " ".join(words[:MAX_WORDS])
    said = _swap(best)
    if not said:
        return GENERIC_GIST
    if said[:1].isupper() and not said.startswith("I "):
        said = said[0].lower() + said[1:]
    first = said.split()[0].lower()
    if first not in _STARTERS | {"i", "i'm"} and not _FIRST_PERSON.search(best.split()[0]):
        # A clause with no subject ("got the job", "exhausted lately"): it was about them.
        said = ("you're " if rules.any_feeling_word(first) else "you ") + said
    return said


def feeling_word(share: str | None) -> str | None:
    spans = list(rules._feeling_words().finditer(share or ""))
    return spans[0].group(0).lower() if spans else None


def reflection(share: str | None) -> str:
    return f"It sounds like {gist(share)}."


def feeling(share: str | None) -> str:
    word = feeling_word(share)
    if word:
        return f"You sound really {word}. Is that close to how it feels?"
    return f"It sounds like {gist(share)}. How does that feel?"


def validation(share: str | None) -> str:
    return f"Of course that's hard: {gist(share)}. Anyone would feel it."


def question(share: str | None) -> str:
    return f"It sounds like {gist(share)}. What's been the hardest part?"


def support(share: str | None) -> str:
    return f"It sounds like {gist(share)}. I'm here. Do you want company, or some space?"


EXAMPLES = {
    "reflection": reflection,
    "feeling": feeling,
    "validation": validation,
    "question": question,
    "support": support,
}
