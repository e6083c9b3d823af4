"""The conversation-prompt deck: our own prompts, stored as YAML under content/prompts/.

Plain Python, no Django. The Django app, the CLI and the tests all read the deck from here.

Layout: one file per theme (``content/prompts/<theme>.yaml``), each a mapping with a list
under ``items``. Every item has a stable ``id`` (``<theme>-<depth>-<nnn>``, never renumbered),
its ``text``, a ``depth`` (1 light, 2 personal, 3 vulnerable), ``themes`` (the first is the
file's theme), the bond ``kinds`` it suits and, optionally, a gentle ``follow_up``.

Loading checks the schema, duplicate ids, near-duplicate texts, that the first theme matches
the file, and that prompts for friends or family use no romantic words. A problem raises
:class:`heard.content.ContentError` with the file, the prompt id and the reason.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from heard.content import CONTENT_DIR, ContentError, content_files, load_items, register

THEMES: tuple[str, ...] = (
    "childhood",
    "family",
    "fears",
    "hopes_and_dreams",
    "appreciation",
    "needs",
    "everyday_life",
    "friendship",
    "conflict_and_repair",
    "body_and_health",
    "intimacy",
    "values",
)
KINDS: tuple[str, ...] = ("partner", "friend", "family")
DEPTHS: tuple[int, ...] = (1, 2, 3)
DEPTH_NAMES: dict[int, str] = {1: "light", 2: "personal", 3: "vulnerable"}

TEXT_MIN = 10
TEXT_MAX = 300

# Two texts count as near-duplicates when either measure reaches its threshold, after
# normalising case, punctuation and spacing.
SIMILARITY_RATIO = 0.9  # difflib.SequenceMatcher.ratio() on the normalised text
SIMILARITY_JACCARD = 0.85  # overlap of the two sets of words

# Words that make a prompt read as a couples' prompt. A prompt that suits friends or family
# must not use them (matched as whole words, any case).
ROMANTIC_WORDS: tuple[str, ...] = (
    "partner",
    "partners",
    "romantic",
    "romance",
    "date night",
    "dating",
    "kiss",
    "kissing",
    "sex",
    "sexual",
    "sexy",
    "in love",
    "lover",
    "flirt",
    "flirting",
    "spouse",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "honeymoon",
    "desire",
    "desired",
)
_ROMANTIC_RE = re.compile(
    r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ROMANTIC_WORDS) + r")\b",
    re.IGNORECASE,
)
_ID_RE = re.compile(r"^[a-z0-9_]+(-[a-z0-9_]+)*$")

PROMPTS_DIR = "prompts"


class Prompt(BaseModel):
    """One conversation prompt. Both people answer it privately, then see each other's."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=3, max_length=80)
    text: str
    depth: Literal[1, 2, 3]
    themes: tuple[str, ...]
    kinds: tuple[str, ...]
    follow_up: str | None = None

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError("must be a lowercase slug like 'childhood-1-003'")
        return value

    @field_validator("text", "follow_up")
    @classmethod
    def _check_text(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not TEXT_MIN <= len(value) <= TEXT_MAX:
            raise ValueError(f"must be {TEXT_MIN} to {TEXT_MAX} characters, not {len(value)}")
        if not value.endswith(("?", ".")):
            raise ValueError("must end with '?' or '.'")
        return value

    @field_validator("themes")
    @classmethod
    def _check_themes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_choices(value, THEMES, "theme")

    @field_validator("kinds")
    @classmethod
    def _check_kinds(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_choices(value, KINDS, "kind")

    @property
    def theme(self) -> str:
        """The main theme: the one whose file holds this prompt."""
        return self.themes[0]

    def suits(self, kind: str) -> bool:
        return kind in self.kinds


def _check_choices(value: tuple[str, ...], allowed: tuple[str, ...], noun: str) -> tuple[str, ...]:
    if not value:
        raise ValueError(f"needs at least one {noun}")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ValueError(f"unknown {noun} {unknown[0]!r}; use one of: {', '.join(allowed)}")
    if len(set(value)) != len(value):
        raise ValueError(f"lists a {noun} twice")
    return value


# --- loading -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lowercase, drop accents and punctuation, collapse spaces. Used to compare texts."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def romantic_words(text: str) -> list[str]:
    """The romantic words in ``text`` (empty when there are none)."""
    return [m.group(0).lower() for m in _ROMANTIC_RE.finditer(text)]


def find_near_duplicates(
    texts: Sequence[str],
    *,
    ratio: float = SIMILARITY_RATIO,
    jaccard: float = SIMILARITY_JACCARD,
) -> list[tuple[int, int, str]]:
    """Pairs ``(i, j, why)`` with ``i < j`` whose texts are near-duplicates.

    Cheap upper bounds skip most pairs before difflib runs, so ~400 texts take well under
    a second.
    """
    norms = [normalise(t) for t in texts]
    words = [frozenset(n.split()) for n in norms]
    sizes = [len(w) for w in words]
    lengths = [len(n) for n in norms]
    letters = [Counter(n) for n in norms]
    found: list[tuple[int, int, str]] = []
    matcher = SequenceMatcher(None, autojunk=False)
    for j in range(len(norms)):
        matcher.set_seq2(norms[j])
        size_j, length_j = sizes[j], lengths[j]
        for i in range(j):
            if norms[i] == norms[j]:
                found.append((i, j, "same text"))
                continue
            # Jaccard can never exceed smaller set / larger set, and ratio() can never
            # exceed 2 * shorter / total, so most pairs stop here.
            size_i, length_i = sizes[i], lengths[i]
            may_share_words = min(size_i, size_j) >= jaccard * max(size_i, size_j)
            may_match_text = 2 * min(length_i, length_j) >= ratio * (length_i + length_j)
            if may_share_words:
                union = len(words[i] | words[j])
                if union and len(words[i] & words[j]) >= jaccard * union:
                    found.append((i, j, "same words"))
                    continue
            if not may_match_text:
                continue
            # The letters two texts share bound ratio() too (as quick_ratio() does).
            if 2 * _shared_letters(letters[i], letters[j]) < ratio * (length_i + length_j):
                continue
            matcher.set_seq1(norms[i])
            if matcher.ratio() >= ratio:
                found.append((i, j, "nearly the same text"))
    return found


def _shared_letters(a: Counter[str], b: Counter[str]) -> int:
    """How many characters two texts have in common, ignoring order."""
    if len(a) > len(b):
        a, b = b, a
    shared = 0
    for char, count in a.items():
        other = b.get(char, 0)
        shared += count if count < other else other
    return shared


def load_deck(base: Path | None = None) -> list[Prompt]:
    """Load and check every prompt file. ``base`` is the content folder (default: ours).

    Raises :class:`ContentError` naming the file, the prompt id and the reason.
    """
    prompts = load_items(PROMPTS_DIR, Prompt, base=base)
    where = _locate(base)

    for prompt in prompts:
        shown, stem = where.get(prompt.id, ("?", None))
        if stem is not None and stem not in THEMES:
            raise ContentError(shown, prompt.id, f"file name must be a theme: {', '.join(THEMES)}")
        if stem is not None and prompt.theme != stem:
            raise ContentError(
                shown, prompt.id, f"first theme must be {stem!r}, the theme of its file"
            )
        if set(prompt.kinds) & {"friend", "family"}:
            for field in ("text", "follow_up"):
                found = romantic_words(getattr(prompt, field) or "")
                if found:
                    raise ContentError(
                        shown,
                        prompt.id,
                        f"{field} uses romantic wording ({', '.join(found)}) "
                        "but the prompt suits friends or family",
                    )

    for i, j, why in find_near_duplicates([p.text for p in prompts]):
        first, second = prompts[i], prompts[j]
        shown = where.get(second.id, ("?", None))[0]
        raise ContentError(shown, second.id, f"near-duplicate of {first.id} ({why})")
    return prompts


def _locate(base: Path | None) -> dict[str, tuple[str, str]]:
    """Map each prompt id to (shown path, file stem). Only called after the files loaded."""
    import yaml

    where: dict[str, tuple[str, str]] = {}
    for path in content_files(PROMPTS_DIR, base):
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_FAST_LOADER)  # noqa: S506  # nosec B506 - a safe loader
        for raw in data.get("items", []):
            if isinstance(raw, dict) and "id" in raw:
                where.setdefault(str(raw["id"]), (_shown(path), path.stem))
    return where


def _shown(path: Path) -> str:
    """A path as error messages show it: relative to src/ when it is ours."""
    try:
        return str(path.relative_to(CONTENT_DIR.parent.parent))
    except ValueError:
        return str(path)


def _fast_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_FAST_LOADER = _fast_loader()


@lru_cache(maxsize=1)
def deck() -> tuple[Prompt, ...]:
    """The checked deck, loaded once per process."""
    return tuple(load_deck())


register("prompts")(deck)


@lru_cache(maxsize=1)
def prompt_index() -> dict[str, Prompt]:
    """Every prompt in the deck by id."""
    return {p.id: p for p in deck()}


def prompts_for(
    kind: str, depth: int | None = None, prompts: Iterable[Prompt] | None = None
) -> list[Prompt]:
    """The prompts that suit ``kind`` (and, if given, sit at ``depth``), in deck order."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    source = deck() if prompts is None else prompts
    return [p for p in source if kind in p.kinds and (depth is None or p.depth == depth)]


# --- stats ---------------------------------------------------------------------------------


def deck_stats(prompts: Iterable[Prompt]) -> dict[str, Any]:
    """Counts for the deck.

    A prompt with several themes counts once under each of them in ``by_theme`` and
    ``theme_depth``; ``total`` and ``by_depth`` count each prompt once.
    """
    items = list(prompts)
    by_depth = {d: 0 for d in DEPTHS}
    by_theme = {t: 0 for t in THEMES}
    by_main_theme = {t: 0 for t in THEMES}
    by_kind = {k: 0 for k in KINDS}
    theme_depth = {t: {d: 0 for d in DEPTHS} for t in THEMES}
    kind_depth = {k: {d: 0 for d in DEPTHS} for k in KINDS}
    all_kinds = {d: 0 for d in DEPTHS}
    only_kind = {k: {d: 0 for d in DEPTHS} for k in KINDS}
    with_follow_up = 0
    for p in items:
        by_depth[p.depth] += 1
        by_main_theme[p.theme] += 1
        for theme in p.themes:
            by_theme[theme] += 1
            theme_depth[theme][p.depth] += 1
        for kind in p.kinds:
            by_kind[kind] += 1
            kind_depth[kind][p.depth] += 1
        if set(p.kinds) == set(KINDS):
            all_kinds[p.depth] += 1
        elif len(p.kinds) == 1:
            only_kind[p.kinds[0]][p.depth] += 1
        if p.follow_up:
            with_follow_up += 1
    return {
        "total": len(items),
        "by_depth": by_depth,
        "by_theme": by_theme,
        "by_main_theme": by_main_theme,
        "by_kind": by_kind,
        "theme_depth": theme_depth,
        "kind_depth": kind_depth,
        "all_kinds_depth": all_kinds,
        "only_kind_depth": only_kind,
        "with_follow_up": with_follow_up,
    }


def render_stats_table(prompts: Iterable[Prompt], fmt: str = "text") -> str:
    """Two tables: depth × theme, and depth × bond kind. ``fmt`` is "text" or "markdown"."""
    if fmt not in {"text", "markdown"}:
        raise ValueError("fmt must be 'text' or 'markdown'")
    stats = deck_stats(prompts)
    head = ["1 light", "2 personal", "3 vulnerable", "total"]

    theme_rows = [
        [t, *(str(stats["theme_depth"][t][d]) for d in DEPTHS), str(stats["by_theme"][t])]
        for t in THEMES
    ]
    theme_rows.append(
        ["all prompts", *(str(stats["by_depth"][d]) for d in DEPTHS), str(stats["total"])]
    )
    kind_rows = [
        [k, *(str(stats["kind_depth"][k][d]) for d in DEPTHS), str(stats["by_kind"][k])]
        for k in KINDS
    ]
    all_kinds = stats["all_kinds_depth"]
    kind_rows.append(
        ["all three kinds", *(str(all_kinds[d]) for d in DEPTHS), str(sum(all_kinds.values()))]
    )
    for kind in KINDS:
        only = stats["only_kind_depth"][kind]
        kind_rows.append([f"{kind} only", *(str(only[d]) for d in DEPTHS), str(sum(only.values()))])

    parts = [
        _table(["theme", *head], theme_rows, fmt),
        _table(["bond kind", *head], kind_rows, fmt),
    ]
    note = (
        f"{stats['total']} prompts, {stats['with_follow_up']} with a follow-up. "
        "A prompt with several themes counts under each of them; "
        "a prompt that suits several kinds counts under each kind."
    )
    return "\n\n".join([*parts, note]) + "\n"


def _table(header: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "markdown":
        lines = [
            "| " + " | ".join(header) + " |",
            "|" + "|".join(["---", *(["---:"] * (len(header) - 1))]) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        pairs = zip(row[1:], widths[1:], strict=True)
        cells = [row[0].ljust(widths[0]), *(c.rjust(w) for c, w in pairs)]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


STATS_START = "<!-- stats:start -->"
STATS_END = "<!-- stats:end -->"


def docs_stats_block(document: str) -> str | None:
    """The text between the stats markers in a docs page, stripped, or None."""
    start, end = document.find(STATS_START), document.find(STATS_END)
    if start < 0 or end < start:
        return None
    return document[start + len(STATS_START) : end].strip()


def write_docs_stats(path: Path, prompts: Iterable[Prompt]) -> bool:
    """Put the markdown stats table between the markers in ``path``. True if it changed."""
    document = path.read_text(encoding="utf-8")
    start, end = document.find(STATS_START), document.find(STATS_END)
    if start < 0 or end < start:
        raise ValueError(f"{path}: no {STATS_START} ... {STATS_END} markers")
    table = render_stats_table(prompts, "markdown")
    updated = document[: start + len(STATS_START)] + "\n" + table + "\n" + document[end:]
    if updated == document:
        return False
    path.write_text(updated, encoding="utf-8")
    return True


# --- command line --------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heard prompts", description="The prompt deck.")
    parser.add_argument(
        "--base", type=Path, default=None, help="content folder to read (default: the app's)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every prompt file")
    stats = sub.add_parser("stats", help="counts per depth, theme and bond kind")
    stats.add_argument("--markdown", action="store_true", help="print markdown tables")
    stats.add_argument(
        "--write-docs",
        type=Path,
        metavar="FILE",
        help="also put the markdown table between the stats markers in FILE",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """``heard prompts validate`` and ``heard prompts stats [--markdown]``. Returns 0 or 1."""
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse has already printed usage or help
        return exc.code if isinstance(exc.code, int) else 1
    try:
        prompts = load_deck(args.base)
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.command == "validate":
        print(f"ok: {len(prompts)} prompts")
        return 0
    print(render_stats_table(prompts, "markdown" if args.markdown else "text"), end="")
    if args.write_docs:
        try:
            changed = write_docs_stats(args.write_docs, prompts)
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"{args.write_docs}: {'updated' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
