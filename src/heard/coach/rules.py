"""High-precision phrase rules. They feed the classifier as features, point messages at the
exact words, and a few "strong" ones set a floor under a label's probability."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from heard.coach.labels import LABELS

_FEEL = r"(?:feel|feeling|felt|are|were|'re|seem|seemed|sound|sounded|must be|must have been)"


@dataclass(frozen=True)
class Rule:
    label: str
    pattern: re.Pattern[str]
    strong: bool = False


def _r(label: str, pattern: str, *, strong: bool = False) -> Rule:
    return Rule(label, re.compile(pattern, re.IGNORECASE), strong)


_RULES: list[Rule] = [
    # skills
    _r(
        "reflection", r"\b(?:so,? (?:you|your|it|what)\b|it sounds like (?:you|your|he|she|they)\b)"
    ),
    _r(
        "reflection",
        r"\b(?:what i(?:'m| am) hearing|what i heard (?:is|was)|i hear (?:that )?you|"
        r"if i(?:'ve| have)? (?:got|understand)|"
        r"you(?:'re| are) saying|in other words|let me (?:see if|make sure))\b",
    ),
    _r(
        "validation",
        r"\b(?:makes? (?:total |complete |so much |perfect )?sense|"
        r"(?:completely |totally )?understandable|no wonder|of course you|"
        r"anyone would|who wouldn't|you have every right|it's (?:okay|ok|normal|natural) to|"
        r"that's (?:completely |totally )?(?:valid|fair|normal))\b",
    ),
    _r(
        "question",
        r"(?:^|[.!?]\s*|\b(?:and|so|but)\s+)(?:what|how|when|where|who|which)\b[^.!?]*\?",
    ),
    _r("question", r"\b(?:tell me more|do you want to talk|want to talk about it)\b"),
    _r(
        "support",
        r"\b(?:i'm (?:here|with you|so sorry|sorry)|i am (?:here|so sorry|sorry)|"
        r"here for you|you're not alone|not alone in this|i've got you|i've got your back|"
        r"sending (?:you )?(?:love|hugs)|(?:big |a )?hugs?\b|i'm glad you told me|"
        r"thank you for (?:telling|sharing)|i care about you|i love you)",
    ),
    _r(
        "self_disclosure",
        r"\b(?:when i was|i remember when|i've been there|i have been there|i went through|"
        r"i(?:'ve| have) (?:been|gone) through|happened to me|the same thing happened|"
        r"i had (?:something|the same|a similar)|i(?:'ve| have) had (?:a similar|the same)|"
        r"i know (?:that|the) feeling|i know how (?:that|it) feels|i(?:'ve| have) felt "
        r"(?:that|this|the same|like that)|i was (?:also |once )?in (?:the same|a similar|that)|"
        r"i(?:'ve| have) been (?:in )?(?:the same|a similar|where you are)|i had (?:a|an|my) "
        r"(?:\w+ ){0,2}(?:like that|who|that)|me too|same here|i used to (?:feel|be|get|have)|"
        r"when my (?:\w+ ){0,2}\w+ (?:did|said|left|passed|died|moved))\b",
    ),
    _r(
        "feeling",  # a feeling said about the situation: "that sounds really difficult"
        r"\b(?:(?:that|it|this|which) (?:sounds|seems|must be|must have been|must feel|"
        r"has to be|can be|would be)|sounds|i can (?:hear|see|tell|imagine|understand) (?:how|"
        r"that)[^.!?]{0,40}?|how) (?:(?:like|so|really|very|incredibly|quite|pretty|such|a|an|"
        r"extremely|super|truly|very|kind of) )*(?:difficult|hard|tough|stressful|frustrating|"
        r"upsetting|painful|scary|frightening|overwhelming|exhausting|heartbreaking|awful|"
        r"terrible|distressing|worrying|rough|draining|discouraging|disheartening|hurtful|"
        r"confusing|challenging|isolating|devastating|traumatic|lonely|sad)\b",
    ),
    _r(
        "validation",  # affirmation and reassurance
        r"\b(?:i'm sure (?:you|it|things|something|that)|i(?:'m| am) (?:so )?proud of you|"
        r"you(?:'ll| will) (?:get through|make it|figure|find (?:a|the|someone|something))|"
        r"you(?:'re| are) (?:doing (?:great|the best|so well|well|your best|everything)|"
        r"(?:so |really |very )?(?:strong|brave|courageous|resilient|not a failure))|"
        r"(?:things|it) will get better|good for you|you(?:'ve| have) got this|"
        r"don't give up|hang in there|you did the right thing|(?:a |such a |really )?"
        r"(?:great|good|wonderful) (?:idea|plan|step)|you deserve|it's not your fault|"
        r"there's nothing wrong with you|that took (?:real )?courage)\b",
    ),
    # habits
    _r(
        "advice",
        r"\b(?:you (?:should|need to|have to|must|ought to|gotta)(?! (?:feel|be proud))|"
        r"why don't you|why not (?:just )?\w+|have you (?:tried|thought about|considered)|"
        r"if i were you|you could (?:try|just)|try to|just (?:tell|ask|ignore|quit|leave|go|"
        r"talk|call|let it|move on|stop|do)|what you need is|my advice|the best thing (?:to do )?is|"
        r"wouldn't it be (?:easier|better)|could(?:n't)? you (?:just|not just))\b",
    ),
    _r(
        "invalidation",
        r"\b(?:at least|(?:you )?shouldn't (?:feel|be (?:so )?(?:upset|sad|mad|"
        r"angry|worried))|calm down|relax|it's not (?:that|a) big (?:of a )?deal|could be worse|"
        r"look on the bright side|everything happens for a reason|get over it|"
        r"you're overthinking|overreacting|don't be (?:so )?(?:sad|upset|dramatic|sensitive)|"
        r"it's (?:not that bad|fine|nothing)|stop (?:worrying|crying|stressing)|"
        r"everyone (?:goes through|feels) (?:that|this))\b",
        strong=False,
    ),
    _r(
        "invalidation",
        r"\b(?:you shouldn't feel|at least you|calm down|it's not a big deal|"
        r"stop overreacting|get over it)\b",
        strong=True,
    ),
    _r(
        "blame",
        r"\b(?:your (?:own )?fault|you always|you never|what did you expect|"
        r"you brought (?:this|it) on|if you (?:had|hadn't|had not|would have|'d)\b|"
        r"you should have|you shouldn't have|that's on you|you did this)\b",
    ),
    _r(
        "contempt",
        r"\b(?:pathetic|ridiculous|grow up|drama queen|cry me a river|boo ?hoo|"
        r"poor (?:baby|you)|oh please|give me a break|must be nice|eye ?roll|"
        r"bless your (?:little )?heart|what a tragedy|get a grip|you're such a|"
        r"stupid|idiot|whatever|big baby|so dramatic|spare me)\b",
        strong=False,
    ),
    _r("contempt", r"\b(?:cry me a river|boo ?hoo|drama queen|pathetic|get a grip)\b", strong=True),
    _r(
        "defensiveness",
        r"\b(?:(?:it's|that's|it is|that is) not my fault|don't blame me|"
        r"i was (?:only|just) (?:trying|joking)|i didn't (?:mean|do anything)|what about you|"
        r"you do (?:it|that|the same) too|i had no choice|so now it's my fault|"
        r"don't put this on me|i've been busy too|that's not fair to me|i did my best|"
        r"you're one to talk|not my problem)\b",
    ),
    _r(
        "deflection",
        r"(?:^|[.!?]\s*)(?:anyway|anyways|speaking of|that reminds me|by the way|"
        r"on another note|changing the subject|oh,? did you see|guess what)\b",
    ),
    _r(
        "deflection",
        r"\b(?:can we talk about something else|let's not talk about|"
        r"enough about that|what's for dinner|let me tell you about my)\b",
    ),
]

_FEELING_FRAME = re.compile(
    r"\b(?:you(?:'re| are| were| must be| must feel| feel| felt| seem| sound)|"
    r"you must have (?:felt|been)|(?:it|that) (?:sounds|seems|must be|must have been)|"
    r"i can (?:hear|see|tell|imagine) (?:how|that you)|feeling)\b"
    r"(?:\s+(?:so|really|very|pretty|quite|a bit|a little|kind of|incredibly|completely|"
    r"totally|so very|like|maybe|both|and|,))*\s+$",
    re.IGNORECASE,
)


_SMALL_TALK = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|good (?:morning|evening|afternoon)|thanks|thank you|"
    r"you're (?:very |so )?welcome|no problem|bye|goodbye|take care|good luck|have a "
    r"(?:good|great|nice|lovely)|nice (?:to (?:meet|chat|talk))|glad (?:i|to) (?:could )?help|"
    r"anytime|lol|haha|congrat)",
    re.IGNORECASE,
)
_INFO = re.compile(
    r"\b(?:there (?:are|is)|many|most|a lot of|lots of|some people|people (?:who|often|"
    r"usually|tend)|studies|research|usually|often|common|typically|experts|according|"
    r"offer|available|programs?|services?|websites?|organi[sz]ations?|charit(?:y|ies))\b",
    re.IGNORECASE,
)


def small_talk(text: str) -> bool:
    """Greetings, thanks, goodbyes and well-wishing."""
    return _SMALL_TALK.search(text) is not None


def information_cue(text: str) -> bool:
    """A general statement of fact (resources, how common something is)."""
    return _INFO.search(text) is not None


@lru_cache(maxsize=1)
def _feeling_words() -> re.Pattern[str]:
    from heard.coach.feelings import all_words

    alternation = "|".join(sorted((re.escape(w) for w in all_words()), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def feeling_spans(text: str) -> list[tuple[int, int]]:
    """Spans of feeling words that are said about the other person ("you must feel hurt")."""
    spans = []
    for match in _feeling_words().finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        if _FEELING_FRAME.search(before):
            spans.append(match.span())
    return spans


def any_feeling_word(text: str) -> bool:
    return _feeling_words().search(text) is not None


def matches(text: str) -> dict[str, list[tuple[int, int, bool]]]:
    """For each label, the (start, end, strong) spans that its rules find in ``text``."""
    found: dict[str, list[tuple[int, int, bool]]] = {label: [] for label in LABELS}
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            while start < end and not text[start].isalnum():
                start += 1
            found[rule.label].append((start, end, rule.strong))
    for start, end in feeling_spans(text):
        found["feeling"].append((start, end, False))
    for spans in found.values():
        spans.sort()
    return found
