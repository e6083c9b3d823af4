"""The feelings vocabulary (``content/feelings.yaml``), shared with the feelings picker."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator

from heard.content import ContentError, load_items, register

FEELINGS_FILE = "feelings.yaml"
MIN_WORDS = 120


class FeelingFamily(BaseModel):
    """One family of feelings, e.g. "sad": sad, down, heartbroken, ..."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+$")
    name: str = Field(min_length=1)
    pleasant: bool
    words: tuple[str, ...] = Field(min_length=3)

    @field_validator("words")
    @classmethod
    def _clean_words(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        for word in words:
            if word != word.strip().lower() or not word:
                raise ValueError(f"word {word!r} must be lower case with no outer spaces")
        if len(set(words)) != len(words):
            raise ValueError("words repeat within the family")
        return words


@dataclass(frozen=True)
class FeelingWord:
    word: str
    family: str
    pleasant: bool


_lock = threading.Lock()
_cache: list[FeelingFamily] | None = None


def _load() -> list[FeelingFamily]:
    loaded = load_items(FEELINGS_FILE, FeelingFamily)
    seen: dict[str, str] = {}
    for family in loaded:
        for word in family.words:
            if word in seen:
                raise ContentError(FEELINGS_FILE, family.id, f"'{word}' is also in {seen[word]}")
            seen[word] = family.id
    if len(seen) < MIN_WORDS:
        raise ContentError(FEELINGS_FILE, None, f"{len(seen)} words; at least {MIN_WORDS} needed")
    return loaded


def families() -> list[FeelingFamily]:
    """Every family, in file order (loaded and checked once)."""
    global _cache
    if _cache is None:
        with _lock:
            if _cache is None:
                _cache = _load()
    return list(_cache)


register("feelings")(families)


def words() -> list[FeelingWord]:
    return [FeelingWord(w, f.id, f.pleasant) for f in families() for w in f.words]


def all_words() -> list[str]:
    return [w.word for w in words()]


def family_of(word: str) -> FeelingFamily | None:
    word = word.strip().lower()
    for family in families():
        if word in family.words:
            return family
    return None


def search(query: str) -> list[FeelingWord]:
    """Words matching ``query``: exact, then prefix, then substring, then family name."""
    query = " ".join(query.lower().split())
    if not query:
        return []
    ranked: list[tuple[int, int, FeelingWord]] = []
    for index, item in enumerate(words()):
        if item.word == query:
            rank = 0
        elif item.word.startswith(query):
            rank = 1
        elif query in item.word:
            rank = 2
        elif item.family.startswith(query):
            rank = 3
        else:
            continue
        ranked.append((rank, index, item))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in ranked]
