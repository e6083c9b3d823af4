"""Text clean-up, tokenising and the small checks on input (length, language)."""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 5000

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[?!]")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")

# Very common English words, for a cheap "is this English?" check.
_ENGLISH = frozenset(
    """a about after again all also am an and any are as at be because been but by can
    could did do does don't for from get go going got had has have he her here him his how
    i i'm if in is it it's just know like me more my no not now of oh ok okay on one or our
    out really right said say she so some that that's the them then there they think this
    to too up us very was we well were what when where which who why will with would yeah
    yes you you're your feel sorry sounds hard""".split()  # noqa: SIM905
)


def clean(text: str) -> str:
    """Normalise unicode (NFKC, plain quotes), drop zero-width and control characters."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_ZERO_WIDTH).translate(_QUOTES)
    text = _CONTROL.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def words(text: str) -> list[str]:
    """Lower-case word tokens; '?' and '!' are tokens of their own."""
    return _WORD.findall(text.lower())


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` (outer spaces trimmed)."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans or ([(0, len(text))] if text else [])


def looks_english(text: str) -> bool:
    """False when the text is clearly in another language (or another script)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return True
    latin = sum(1 for c in letters if c.isascii())
    if latin / len(letters) < 0.6:
        return False
    tokens = [t for t in words(text) if t.isalpha() or "'" in t]
    if len(tokens) < 4:
        return True
    common = sum(1 for t in tokens if t in _ENGLISH)
    return common / len(tokens) >= 0.15
