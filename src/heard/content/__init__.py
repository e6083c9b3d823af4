"""Our own content (prompts, items, scenarios, ideas, resources) as YAML data files.

Every file is checked against a pydantic schema when it is loaded. A bad file fails with
its path, the item and the reason, never with a traceback. This module imports no Django,
so the coach, the safety detector and the CLI can use it without settings.

It is the one place for the machinery every app's loader shares: reading and validating
(:func:`load_items`), the path shown in errors (:func:`shown_path`), the near-duplicate
check (:func:`check_near_duplicates`), the strict base schema (:class:`ContentModel`) and
the vocabulary several content files use (kinds of bond, cost).
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

CONTENT_DIR = Path(__file__).resolve().parent

T = TypeVar("T", bound=BaseModel)

# The kinds of bond content is written for, and what an idea costs.
Kind = Literal["partner", "friend", "family"]
KINDS: tuple[Kind, ...] = get_args(Kind)
Cost = Literal["free", "low", "some"]
# Ids in content files: lowercase words joined by hyphens ("trust-03").
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Two texts whose normalised wording matches at least this closely count as near-duplicates.
NEAR_DUPLICATE_RATIO = 0.85


class ContentError(Exception):
    """A content file that does not match its schema."""

    def __init__(self, path: Path | str, item: object, reason: str) -> None:
        self.path = str(path)
        self.item = item
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.item is not None:
            where += f": item {self.item}"
        return f"{where}: {self.reason}"


def shown_file(path: Path) -> str:
    """A content file's path as we show it in errors (relative to ``src/`` if we can)."""
    try:
        return str(path.relative_to(CONTENT_DIR.parent.parent))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise ContentError(shown_file(path), None, "file not found") from None
    except yaml.YAMLError as exc:
        raise ContentError(shown_file(path), None, f"not valid YAML: {exc}") from None


def shown_path(relpath: str, base: Path | None = None) -> str:
    """The path of a content file as we show it in errors (relative to ``src/`` if we can)."""
    return shown_file(content_files(relpath, base)[0])


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        loc = ".".join(str(p) for p in error["loc"]) or "item"
        parts.append(f"{loc}: {error['msg']}")
    return "; ".join(parts)


def content_files(relpath: str, base: Path | None = None) -> list[Path]:
    """The YAML files at ``relpath``: the file itself, or every *.yaml in that folder."""
    root = (base or CONTENT_DIR) / relpath
    if root.is_dir():
        return sorted(p for p in root.iterdir() if p.suffix in {".yaml", ".yml"})
    return [root]


def load_items(
    relpath: str,
    schema: type[T],
    *,
    key: str = "items",
    base: Path | None = None,
    id_field: str | None = "id",
) -> list[T]:
    """Load and validate every item under ``key`` in the YAML file(s) at ``relpath``.

    Ids must be unique across all the files read together.
    """
    items: list[T] = []
    seen: dict[Any, str] = {}
    for path in content_files(relpath, base):
        shown = shown_file(path)
        data = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            raise ContentError(shown, None, f"expected a mapping with a list under '{key}'")
        for index, raw in enumerate(data[key]):
            label = raw.get(id_field) if isinstance(raw, dict) and id_field else None
            label = label if label is not None else f"#{index + 1}"
            try:
                item = schema.model_validate(raw)
            except ValidationError as exc:
                raise ContentError(shown, label, _describe(exc)) from None
            if id_field:
                ident = getattr(item, id_field)
                if ident in seen:
                    raise ContentError(shown, ident, f"duplicate id (also in {seen[ident]})")
                seen[ident] = shown
            items.append(item)
    return items


class ContentModel(BaseModel):
    """The base of every content schema: unknown keys are errors, items are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def unique_kinds(value: tuple[str, ...]) -> tuple[str, ...]:
    """A validator for a ``kinds`` list: at least one kind of bond, none twice."""
    if not value:
        raise ValueError("kinds must name at least one of partner, friend, family")
    if len(set(value)) != len(value):
        raise ValueError("kinds must not repeat")
    return value


# --------------------------------------------------------------------------- near-duplicates


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split())


def near_duplicate(
    texts: Iterable[tuple[object, str]], ratio: float = NEAR_DUPLICATE_RATIO
) -> tuple[object, object, float] | None:
    """The first pair of (id, text) whose wording is nearly the same, with its similarity."""
    seen: list[tuple[object, str]] = []
    for ident, text in texts:
        norm = _normalise(text)
        for other_id, other in seen:
            matcher = difflib.SequenceMatcher(None, norm, other, autojunk=False)
            if matcher.real_quick_ratio() < ratio or matcher.quick_ratio() < ratio:
                continue
            similarity = matcher.ratio()
            if similarity >= ratio:
                return other_id, ident, similarity
        seen.append((ident, norm))
    return None


def check_near_duplicates(shown: str, texts: Iterable[tuple[object, str]]) -> None:
    """Raise :class:`ContentError` naming the second of two nearly identical texts."""
    found = near_duplicate(texts)
    if found:
        first, second, similarity = found
        raise ContentError(
            shown, second, f"text is a near-duplicate of {first} ({similarity:.0%} alike)"
        )


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class ContentCheck:
    name: str
    run: Callable[[], object]


# Modules that register checks when imported. Listed by name so that importing this package
# stays cheap and free of Django.
CHECK_MODULES: list[str] = [
    "heard.coach.feelings",
    "heard.prompts.deck",
    "heard.safety.resources",
    "heard.checkup.content",
    "heard.together.content",
    "heard.dialogue.content",
    "heard.learn.content",
    "heard.quality.content",
]
_CHECKS: dict[str, ContentCheck] = {}


def register(name: str) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Register a function that loads (and so validates) one kind of content."""

    def wrap(func: Callable[[], object]) -> Callable[[], object]:
        _CHECKS[name] = ContentCheck(name, func)
        return func

    return wrap


def all_checks() -> Iterable[ContentCheck]:
    for module in CHECK_MODULES:
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    return [_CHECKS[name] for name in sorted(_CHECKS)]


def validate_all() -> list[tuple[str, int]]:
    """Run every registered content check. Returns (name, item count); raises ContentError."""
    results = []
    for check in all_checks():
        loaded = check.run()
        count = len(loaded) if hasattr(loaded, "__len__") else 1  # type: ignore[arg-type]
        results.append((check.name, count))
    return results
