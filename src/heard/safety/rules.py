"""High-recall patterns for clear, first-person risk, with guards for the usual false alarms.

A pattern hit counts only when no guard applies to its sentence. The guards cover the hard
negative families: negation ("I'm not suicidal"), idiom and jokes ("lol, I'll kill you"),
films, books and the news, worry for someone else, and history told as resolved ("years
ago ... I'm well now"). Anything the rules do not settle goes to the model.

Patterns use general words only; they hold no method details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ACTOR = (
    r"(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|dad|father|mum|mom|"
    r"mother|stepdad|stepfather|stepmum|stepmom|brother|sister|ex|fiancé|fiance|fiancée|son|"
    r"daughter|uncle|aunt|grandfather|grandmother|family|in-laws|spouse))"
)
_I = r"\bi(?:'ve| have|'m| am| was| had|'d)?"


@dataclass(frozen=True)
class Pattern:
    name: str
    label: str
    regex: re.Pattern[str]
    # Where a negator cancels the hit: "full" (just before or inside the match), "before"
    # (just before it only: the pattern holds its own "don't"), or "none".
    negatable: str = "full"


def _p(name: str, label: str, pattern: str, *, negatable: str = "full") -> Pattern:
    return Pattern(name, label, re.compile(pattern), negatable)


PATTERNS: tuple[Pattern, ...] = (
    # -- self_harm ---------------------------------------------------------------------------
    _p("kill_myself", "self_harm", r"\bkill(?:ing)? myself\b"),
    _p("end_my_life", "self_harm", r"\b(?:end|ending|take|taking) my (?:own )?life\b"),
    _p("end_it_all", "self_harm", r"\b(?:end|ending) it all\b"),
    _p(
        "suicidal_self",
        "self_harm",
        r"\bi(?:'m| am| feel| felt|'ve been| have been)\b[^.?!,]{0,15}\bsuicidal\b",
    ),
    _p(
        "suicide_thoughts",
        "self_harm",
        r"\b(?:thoughts? of|thinking (?:about|of)|think about|considering) "
        r"(?:suicide|killing myself|ending my life|ending it|taking my (?:own )?life)\b",
    ),
    _p("suicide_on_mind", "self_harm", r"\bsuicide (?:has been|is|keeps being) on my mind\b"),
    _p(
        "want_to_die",
        "self_harm",
        r"\bi (?:really |just |honestly |kind of |kinda )?(?:want|wanna) to die\b",
    ),
    _p(
        "wish_dead",
        "self_harm",
        r"\bi wish (?:i (?:was|were) dead|i could die|i wasn't alive|i was never born)\b",
    ),
    _p(
        "not_want_alive",
        "self_harm",
        r"\bi (?:really |just )?(?:don't|do not|no longer) want to (?:be alive|live|exist|be here anymore)\b",
        negatable="before",
    ),
    _p(
        "hurt_myself",
        "self_harm",
        r"\b(?:hurt|hurting|harm|harming|injure|injuring|injured|bruising) myself\b",
    ),
    _p(
        "self_harming",
        "self_harm",
        r"(?:\bi(?:'ve| have)? (?:been |started |keep |am |'m )?self[- ]?harm|"
        r"\burges? to (?:self[- ]?harm|hurt myself)|\brelapsed with self[- ]?harm)",
    ),
    _p("better_off_without", "self_harm", r"\b(?:better off|lighter|happier) without me\b"),
    _p(
        "not_safe_self",
        "self_harm",
        r"(?:\bi(?:'m| am) not safe with myself\b|"
        r"\b(?:can't|cannot|don't trust myself to) (?:keep myself|stay) safe\b|"
        r"\bscared of what i (?:might|will|could) do to myself\b)",
        negatable="before",
    ),
    _p(
        "goodbye_letters",
        "self_harm",
        r"\b(?:wrote|written|writing) (?:my )?goodbye (?:letters?|notes?)\b",
    ),
    _p(
        "no_point_living",
        "self_harm",
        r"\b(?:lost the will to live|no (?:point|reason) (?:in )?(?:living|to live|being alive)|"
        r"life (?:isn't|is not) worth living|don't deserve to live)\b",
        negatable="before",
    ),
    _p(
        "warning_signs",
        "self_harm",
        r"\bi (?:won't|will not|don't think i'll) be (?:here|around) (?:by|for much|much|after|next)|"
        r"\bi (?:won't|don't think i'll) (?:need|be needing) (?:them|it|my things|anything) "
        r"(?:much )?longer\b|\bif you don't hear from me\b|\bways to (?:die|end it)\b|"
        r"\b(?:disappear|be gone|go away) (?:for good|forever|permanently)\b|"
        r"\bif i died\b[^.?!]{0,30}\brelief\b|\bgiv(?:e|ing) (?:all )?my (?:things|stuff|belongings) away\b|"
        r"\bwho gets my (?:things|stuff)\b|\bwhen i'm gone\b|\bmy last check-in\b|"
        r"\bhow i(?:'d| would| will|'ll) end (?:things|it)\b(?! with)",
        negatable="before",
    ),
    # -- harm_to_others ----------------------------------------------------------------------
    _p(
        "intent_to_harm",
        "harm_to_others",
        r"\bi(?:'ll| will|'m going to| am going to|'m gonna| want to| wanna| plan to)\s+"
        r"(?:\w+\s+)?(?:hurt|kill|attack|beat|stab|shoot|murder|hit)\s+"
        r"(?:him|her|them|you|my\b|that\b|someone|somebody|people|anyone|everyone)",
    ),
    _p(
        "fear_own_violence",
        "harm_to_others",
        r"\b(?:scared|afraid|terrified)(?: that)? i(?:'ll| will| might|'m going to| am going to| could)\s+"
        r"(?:\w+\s+)?(?:hit|hurt|kill|attack|lose control)",
    ),
    _p(
        "violent_thoughts",
        "harm_to_others",
        r"\b(?:thoughts|thinking|urges?) (?:about |of |to )?(?:hurting|killing|hurt|kill) "
        r"(?:my (?:\w+)|the (?:kids|baby)|someone|people|him|her|them)\b",
    ),
    _p(
        "i_hit_them",
        "harm_to_others",
        r"\bi (?:hit|punched|choked|strangled|shoved|kicked) my (?:wife|husband|partner|girlfriend|"
        r"boyfriend|son|daughter|kids?|child|baby|mum|mom|dad)\b",
    ),
    _p("want_dead", "harm_to_others", r"\bi want (?:him|her|them|my \w+|that \w+) dead\b"),
    _p(
        "i_hurt_partner",
        "harm_to_others",
        r"\bi (?:\w+ )?(?:hit|punched|choked|strangled|shoved|pushed|kicked|grabbed|threw \w+ at|"
        r"threatened|threatening|scared) (?:to hurt )?(?:you|my (?:wife|husband|partner|girlfriend|"
        r"boyfriend|son|daughter|kids?|child|baby|mum|mom|dad|family)|him|her)\b"
        r"(?:[^.?!]{0,60}\b(?:again|next time|do (?:it )?again|do worse|more|wanted|meant|scared|"
        r"can't stop|couldn't stop)\b)",
    ),
    _p(
        "threat_to_follow",
        "harm_to_others",
        r"\bi (?:told|warned|threatened) [^.?!]{1,40}\b(?:i'd|i would|i'll|i will)\b[^.?!]{0,40}"
        r"\b(?:hurt|kill|break|beat|regret)\b",
    ),
    # -- abuse ------------------------------------------------------------------------------
    _p(
        "actor_violence",
        "abuse",
        _ACTOR + r"\s+(?:\w+\s+){0,3}?(?:hits?|slapped|slaps|punched|punches|kicked|kicks|beats?|"
        r"shoved|shoves|pushed|pushes|choked|chokes|strangled|raped|rapes|hurts?|grabbed|dragged|"
        r"pinned|forces?|forced)\s+me\b",
    ),
    _p(
        "actor_threat",
        "abuse",
        _ACTOR + r"\s+(?:\w+\s+){0,2}?(?:said|says|told me|threatened|threatens|keeps saying|swore)"
        r"[^.?!]{0,40}\b(?:kill|hurt|find) (?:me|my|the kids|the children|us)\b",
        negatable="before",
    ),
    _p("threatened_me", "abuse", _ACTOR + r"\s+threaten(?:ed|s) (?:me|to (?:hurt|kill|take))\b"),
    _p(
        "control",
        "abuse",
        r"\b(?:won't|doesn't|does not|will not) let me (?:see|leave|go|have|talk|work|use|out)\b|"
        r"\blocked me (?:in|out)\b|\btracks my (?:location|phone)\b|"
        r"\b(?:controls|took|takes) (?:all )?(?:my|the) (?:money|paycheck|passport|car keys|bank)\b",
        negatable="before",
    ),
    _p(
        "afraid_of_actor", "abuse", r"\b(?:scared|afraid|terrified|frightened) of " + _ACTOR + r"\b"
    ),
    _p(
        "unsafe_home",
        "abuse",
        r"\bi(?:'m| am)? ?(?:so |really )?(?:scared|afraid|terrified) to go home\b|"
        r"\b(?:don't|do not) feel safe (?:at home|in my (?:own )?home|with (?:him|her|them|my))\b|"
        r"\bi(?:'m| am) not safe at home\b",
        negatable="before",
    ),
    _p("eggshells", "abuse", r"\bwalk(?:ing)? on eggshells\b"),
)

# -- guards ------------------------------------------------------------------------------------
_NEGATORS = re.compile(
    r"\b(?:not|never|no|don't|doesn't|didn't|won't|wouldn't|isn't|aren't|wasn't|haven't|"
    r"hasn't|nobody|nothing)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\-—]| but | and | so | because ")
IDIOM_PATTERN = (
    r"\b(?:lol|lmao|haha\w*|hehe|jk|joking|kidding|literally)\b|[😂🤣😅😆]|"
    r"\b(?:is|are|was|were|'s) (?:literally )?killing me\b|\bdying (?:to|of)\b|\bto die for\b|"
    r"\bkill for\b|\bcould (?:murder|kill) (?:a|an|for|some)\b|\bdeath of me\b"
)
_IDIOM = re.compile(IDIOM_PATTERN)
MEDIA_PATTERN = (
    r"\b(?:film|movie|book|novel|series|show|episode|documentary|podcast|article|news|headline|"
    r"character|song|lyrics|game|play|poem|story|chapter|scene|villain|protagonist|op-ed|radio|"
    r"tv|netflix|trailer|season)\b"
)
_MEDIA = re.compile(MEDIA_PATTERN)
OTHER_PATTERN = (
    r"\b(?:worried|worry|worrying|scared|afraid|concerned|anxious) (?:about|for) (?!myself\b|me\b)|"
    r"\bhow (?:do|can|should) i (?:help|support|bring it up|talk to)\b|"
    r"\b(?:my|our|a) (?!self\b)\w+ (?:might|may|could) be\b|"
    r"\b(?:he|she|they|friend|sister|brother|son|daughter|cousin|roommate|coworker|colleague|"
    r"neighbour|neighbor|mate)(?:'s)? (?:said|says|told me|mentioned|posted|keeps saying|admitted)\b"
)
_OTHER = re.compile(OTHER_PATTERN)
RESOLVED_PATTERN = (
    r"\b(?:years ago|a long time ago|long ago|used to|when i was (?:a |younger|little|\d+|\w+teen)|"
    r"as a (?:kid|child|teen|teenager)|back (?:in|when)|in my (?:teens|twenties|thirties)|"
    r"growing up|(?:19|20)\d\d|recovered|survived|behind me|in the past|once upon a time|"
    r"my first marriage|my last relationship|my old partner|before i met you|"
    r"i(?:'m| am) (?:doing )?(?:well|okay|fine|safe|better) now)\b"
)
_RESOLVED = re.compile(RESOLVED_PATTERN)
PRESENT_PATTERN = (
    r"\b(?:again|lately|recently|tonight|right now|this week|last night|currently|"
    r"these days|started|still|anymore)\b"
)
_PRESENT = re.compile(PRESENT_PATTERN)
_SENTENCES = re.compile(r"(?<=[.!?\n])\s+|\n+")


@dataclass(frozen=True)
class RuleHit:
    label: str
    rule: str
    guard: str | None  # the guard that suppressed the hit, or None when it counts


def _negated(pattern: Pattern, sentence: str, match: re.Match[str]) -> bool:
    if pattern.negatable == "none":
        return False
    before = sentence[: match.start()]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    window = " ".join(before.split()[-5:])
    if pattern.negatable == "full":
        window += " " + match.group(0)
    return bool(_NEGATORS.search(window))


def _guard(pattern: Pattern, sentence: str, match: re.Match[str]) -> str | None:
    start = match.start()
    if _negated(pattern, sentence, match):
        return "negation"
    if _IDIOM.search(sentence):
        return "idiom"
    if _MEDIA.search(sentence):
        return "media_news"
    if _OTHER.search(sentence[:start]) or _OTHER.search(sentence):
        return "worry_for_other"
    if _RESOLVED.search(sentence) and not _PRESENT.search(sentence):
        return "resolved_history"
    return None


def evaluate(text: str) -> list[RuleHit]:
    """Every pattern hit in a normalised text, each with the guard that applies (if any)."""
    hits: list[RuleHit] = []
    for sentence in _SENTENCES.split(text):
        if not sentence:
            continue
        for pattern in PATTERNS:
            match = pattern.regex.search(sentence)
            if match:
                hits.append(RuleHit(pattern.label, pattern.name, _guard(pattern, sentence, match)))
    return hits


def decide(text: str) -> RuleHit | None:
    """The first unguarded hit, preferring self_harm, then abuse, then harm_to_others."""
    return decide_hits(evaluate(text))


def decide_hits(hits: list[RuleHit]) -> RuleHit | None:
    order = {"self_harm": 0, "abuse": 1, "harm_to_others": 2}
    live = [hit for hit in hits if hit.guard is None]
    if not live:
        return None
    return min(live, key=lambda hit: order[hit.label])


def about_someone_else(text: str) -> bool:
    """Whether the text talks about a film, book or the news, or worries about someone else."""
    return bool(_OTHER.search(text) or _MEDIA.search(text))
