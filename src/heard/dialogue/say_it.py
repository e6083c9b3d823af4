"""Say it without blame: an I-statement from four parts, with gentle flags as it is written.

Rules catch "you always / you never", judgement words in what happened, "you make me feel" and
"I feel that you…"; the coach adds blame and contempt. Each flag comes with softer wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from heard.accounts.models import User
from heard.coach.feelings import all_words
from heard.core.errors import DomainError

FIELDS = ("happened", "feeling", "need", "request")
MAX_FIELD = 500

ALWAYS_NEVER = re.compile(
    r"\b(?:you(?:'re|’re| are)?\s+(?:always|never)|every (?:single )?time you|you constantly)\b",
    re.I,
)
YOU_MAKE_ME = re.compile(r"\byou (?:make|made) me(?: feel)?\b", re.I)
THOUGHT_NOT_FEELING = re.compile(r"^\s*(?:i feel\s+)?(?:like|that)\s+(?:you|he|she|they)\b", re.I)
JUDGEMENTS = (
    "lazy",
    "selfish",
    "rude",
    "careless",
    "inconsiderate",
    "thoughtless",
    "useless",
    "pathetic",
    "ridiculous",
    "stupid",
    "immature",
    "irresponsible",
    "disrespectful",
    "childish",
    "typical",
    "clueless",
    "hopeless",
    "crazy",
    "hysterical",
    "dramatic",
)
JUDGEMENT = re.compile(r"\b(" + "|".join(JUDGEMENTS) + r")\b", re.I)
REQUEST_OPENERS = re.compile(r"^(?:would|could|can|will) you\b", re.I)


@dataclass(frozen=True)
class Flag:
    field: str
    kind: str
    quote: str
    message: str
    suggestion: str


@dataclass
class Checked:
    statement: str
    flags: list[Flag]
    feeling_known: bool
    coach_used: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "flags": [asdict(f) for f in self.flags],
            "feeling_known": self.feeling_known,
            "coach_used": self.coach_used,
        }


def clean_parts(parts: Mapping[str, Any]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for name in FIELDS:
        value = parts.get(name) or ""
        if not isinstance(value, str):
            raise DomainError(f"'{name}' must be text.")
        value = " ".join(value.split())
        if len(value) > MAX_FIELD:
            raise DomainError(f"Keep each part under {MAX_FIELD} characters.")
        cleaned[name] = value
    return cleaned


def _strip(text: str, *prefixes: str) -> str:
    text = text.strip().rstrip(".!?,;: ")
    lowered = text.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def _lower_first(text: str) -> str:
    if text[:2] in {"I ", "I'"} or (text[:1] == "I" and len(text) == 1):
        return text
    return text[:1].lower() + text[1:]


def compose(parts: dict[str, str]) -> str:
    """The four parts as one paragraph, however much of it is filled in."""
    sentences: list[str] = []
    happened = _strip(parts.get("happened", ""), "when ")
    feeling = _strip(parts.get("feeling", ""), "i feel ", "i felt ", "feeling ")
    need = _strip(parts.get("need", ""), "i need ", "because i need ")
    request = _strip(parts.get("request", ""), "please ")
    if happened and feeling:
        sentences.append(f"When {_lower_first(happened)}, I feel {_lower_first(feeling)}.")
    elif happened:
        sentences.append(f"When {_lower_first(happened)}…")
    elif feeling:
        sentences.append(f"I feel {_lower_first(feeling)}.")
    if need:
        sentences.append(f"I need {_lower_first(need)}.")
    if request:
        if REQUEST_OPENERS.match(request):
            sentences.append(request[:1].upper() + request[1:] + "?")
        else:
            sentences.append(f"Would you be willing to {_lower_first(request)}?")
    return " ".join(sentences)


def _rule_flags(parts: dict[str, str]) -> list[Flag]:
    flags: list[Flag] = []
    for name in FIELDS:
        text = parts[name]
        if match := ALWAYS_NEVER.search(text):
            flags.append(
                Flag(
                    name,
                    "always_never",
                    match.group(0),
                    "'Always' and 'never' invite a debate about the exceptions.",
                    "Describe one time instead: 'Last night, when…'",
                )
            )
        if match := YOU_MAKE_ME.search(text):
            flags.append(
                Flag(
                    name,
                    "you_make_me",
                    match.group(0),
                    "'You make me feel' puts your feeling in their hands, which can sound like blame.",
                    "Own the feeling: 'I felt … when …'",
                )
            )
    if match := JUDGEMENT.search(parts["happened"]):
        flags.append(
            Flag(
                "happened",
                "judgement",
                match.group(0),
                f"'{match.group(0)}' is a judgement, and they'll likely argue with it.",
                "Describe what you saw or heard, the way a camera would: 'The dishes were "
                "still in the sink this morning.'",
            )
        )
    if THOUGHT_NOT_FEELING.search(parts["feeling"]):
        flags.append(
            Flag(
                "feeling",
                "thought_not_feeling",
                parts["feeling"],
                "'I feel that you…' is a thought about them, not a feeling.",
                "Pick a feeling word, like hurt, worried, lonely or let down.",
            )
        )
    return flags


def _coach_flags(user: User, statement: str, fields: dict[str, str]) -> tuple[list[Flag], bool]:
    """Blame and contempt, as the coach sees them in the whole statement."""
    from heard.dialogue.coaching import CoachOff, analyze_for

    try:
        feedback = analyze_for(user=user, reply=statement)
    except (CoachOff, DomainError):
        return [], False
    flags = []
    for message in feedback.messages:
        if message.kind != "habit" or message.label not in {"blame", "contempt"}:
            continue
        quote = feedback.text[message.span[0] : message.span[1]] if message.span else ""
        where = next(
            (n for n in FIELDS if quote and fields[n] and fields[n][1:].lower() in quote.lower()),
            "",
        )
        flags.append(
            Flag(where or "statement", message.label, quote, message.message, message.suggestion)
        )
    return flags, True


def say_it_check(*, user: User, parts: Mapping[str, Any]) -> Checked:
    fields = clean_parts(parts)
    statement = compose(fields)
    flags = _rule_flags(fields)
    coach_used = False
    if statement:
        extra, coach_used = _coach_flags(user, statement, fields)
        seen = {(f.kind, f.field) for f in flags}
        flags += [f for f in extra if (f.kind, f.field) not in seen]
    feeling = _strip(fields["feeling"], "i feel ", "i felt ").lower()
    known = not feeling or feeling in set(all_words())
    return Checked(statement=statement, flags=flags, feeling_known=known, coach_used=coach_used)
