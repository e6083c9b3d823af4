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
# --- building the sentence from parts that fit ----------------------------------------------
# Each part is reshaped into a clause of a known form before it is put in its frame, so the
# frames never meet a word they can't follow ("Would you be willing to could we…").

# A request that is already a whole question or suggestion: kept as it is.
REQUEST_QUESTION = re.compile(
    r"^(?:(?:would|could|can|will|shall|might)\s+(?:you|we|i)|how about|what if|is there|"
    r"are you|do you)\b",
    re.I,
)
REQUEST_SUGGESTION = re.compile(
    r"^(?:let's|let us|maybe we|i'd like|i would like|i'd love)\b", re.I
)
REQUEST_NEGATIVE = re.compile(r"^(?:don't|dont|do not|please don't)\s+", re.I)
REQUEST_YOU_COULD = re.compile(r"^you\s+(?:could|can|would|might)\s+", re.I)
# Time words that start a description ("Last night you…"): moved after the event.
LEADING_TIME = re.compile(
    r"^(?P<time>(?:last|this|yesterday|earlier|today|tonight|on|at|in|after|before|during)\b"
    r"[^,]*?)(?:,\s*|\s+)(?P<rest>(?:you|he|she|they|we|i|the|my|our|your|it|there)\b.*)$",
    re.I,
)
PAST_MARKERS = re.compile(
    r"\b(?:was|were|did|didn't|had|hadn't|said|told|left|forgot|came|went|got|made|took|"
    r"gave|saw|heard|felt|ago|yesterday|last|earlier)\b|\b\w{3,}ed\b",
    re.I,
)
FEELING_QUALIFIERS = re.compile(
    r"^(?:a bit|a little|a little bit|kind of|kinda|sort of|very|so|really|quite|pretty|"
    r"rather|somewhat|deeply|incredibly|extremely|more than a little|also)\s+",
    re.I,
)


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


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_clause(happened: str) -> str:
    """What happened, as a clause that can follow "When": a leading time phrase moves to the
    end ("last night you were late" -> "you were late last night")."""
    text = _strip(happened, "when ")
    if found := LEADING_TIME.match(text):
        text = f"{found.group('rest')} {_lower_first(found.group('time'))}"
    return _lower_first(text)


def feeling_words(feeling: str) -> list[str]:
    """The feeling part as words: "lonely, a bit hurt" -> ["lonely", "hurt"]."""
    text = _strip(feeling, "i feel ", "i felt ", "feeling ", "i'm ", "i am ")
    words = []
    for chunk in re.split(r"\s*(?:,|;|/|\band\b|\bbut\b|\bor\b)\s*", text.lower()):
        chunk = chunk.strip()
        while (stripped := FEELING_QUALIFIERS.sub("", chunk)) != chunk:
            chunk = stripped
        if chunk:
            words.append(chunk)
    return words


def request_sentence(request: str) -> str:
    """The request as one whole sentence that ends in the right mark."""
    text = _strip(request, "please ", "can you please ", "to ")
    if REQUEST_QUESTION.match(text):
        return _capital(text) + "?"
    if REQUEST_SUGGESTION.match(text):
        return _capital(text) + "."
    if found := REQUEST_YOU_COULD.match(text):
        return "Could you " + text[found.end() :] + "?"
    if found := REQUEST_NEGATIVE.match(text):
        return "Would you be willing not to " + _lower_first(text[found.end() :]) + "?"
    return f"Would you be willing to {_lower_first(text)}?"


def compose(parts: Mapping[str, str]) -> str:
    """The four parts as one paragraph, however much of it is filled in."""
    sentences: list[str] = []
    happened = event_clause(parts.get("happened", ""))
    feeling = _strip(parts.get("feeling", ""), "i feel ", "i felt ", "feeling ", "i'm ", "i am ")
    need = _strip(parts.get("need", ""), "i need ", "because i need ", "what i need is ")
    request = parts.get("request", "").strip()
    if happened and feeling:
        verb = "felt" if PAST_MARKERS.search(happened) else "feel"
        sentences.append(f"When {happened}, I {verb} {_lower_first(feeling)}.")
    elif happened:
        sentences.append(f"This is about when {happened}.")
    elif feeling:
        sentences.append(f"I feel {_lower_first(feeling)}.")
    if need:
        sentences.append(f"I need {_lower_first(need)}.")
    if request and _strip(request, "please "):
        sentences.append(request_sentence(request))
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
    vocabulary = set(all_words())
    known = all(word in vocabulary for word in feeling_words(fields["feeling"]))
    return Checked(statement=statement, flags=flags, feeling_known=known, coach_used=coach_used)
