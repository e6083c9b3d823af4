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
    r"\b(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|dad|father|mum|mom|"
    r"mother|stepdad|stepfather|stepmum|stepmom|brother|sister|ex|fiancé|fiance|fiancée|son|"
    r"daughter|uncle|aunt|grandfather|grandmother|family|in-laws|spouse)|^(?:dad|mum|mom))"
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
        r"pinned|forces?|forced|bit|bites|scratched|scratches|knocks|knocked|roughs|roughed|"
        r"(?:lashes|lashed|lashing) out at)\s+me\b",
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
    # -- second round: indirect phrasings the first round missed -------------------------------
    _p(
        "not_wake_up",
        "self_harm",
        r"\b(?:wish|wishing|hope|hoping|pray|praying)\b[^.?!]{0,15}\bi (?:wouldn't|won't|don't|"
        r"didn't|never|could not|couldn't) wake up\b",
        negatable="before",
    ),
    _p(
        "rather_dead",
        "self_harm",
        r"\b(?:i'd|i would) (?:rather|be better off) (?:be )?dead\b|\bbetter off dead\b|"
        r"\btired of (?:living|being alive)\b|\bwaiting to die\b|\b(?:my )?suicidal thoughts\b|"
        r"\breasons? to (?:stay|keep) (?:alive|living|going)\b|\bstop existing\b|"
        r"\bwant(?:ing)? to die\b",
    ),
    _p(
        "self_harm_mention",
        "self_harm",
        r"\b(?:i|i'm|i've|my)\b[^.?!]{0,40}\bself[- ]?harm",
    ),
    _p(
        "do_to_myself",
        "self_harm",
        r"\b(?:do|doing) something to myself\b|\bi don't trust myself\b(?! (?:around|with) )",
        negatable="before",
    ),
    _p(
        "fear_of_what_i_do",
        "harm_to_others",
        r"\b(?:scared|afraid|terrified|frightened) of what i(?:'ll| will| might| could|'d| would) do "
        r"to (?:him|her|them|you|my \w+|someone|somebody)\b|"
        r"\bi (?:might|could) (?:really )?(?:hurt|kill|attack) (?:him|her|them|someone|somebody)\b|"
        r"\bdon't trust myself (?:around|with) (?:him|her|them|my \w+|the (?:kids|baby))\b",
        negatable="before",
    ),
    _p(
        "actor_will_hurt_me",
        "abuse",
        r"\b(?:scared|afraid|terrified|frightened)(?: that)? "
        + _ACTOR
        + r"(?:'s|'ll| is| will| might|"
        r" could| is going to|'s going to| is gonna)\s+(?:\w+\s+){0,2}?(?:hurt|kill|hit|find|beat) "
        r"(?:me|us|the kids)\b",
    ),
    _p(
        "hurt_by_actor",
        "abuse",
        _ACTOR + r"\b[^.?!]{0,50}\bi(?:'ll| will)? (?:always |just )?(?:end up |get |got |getting )"
        r"(?:getting )?hurt\b|\bi (?:get|got|keep getting) hurt by " + _ACTOR,
    ),
    _p(
        "actor_warning",
        "abuse",
        _ACTOR
        + r"\s+(?:\w+\s+){0,2}?(?:said|says|told me|warned me|texted|sent me|keeps telling me)"
        r"[^.?!]{0,50}\b(?:i'd (?:end up|regret|be sorry|pay)|i'll (?:regret|be sorry|pay)|"
        r"(?:they're|he's|she's) coming|coming for me|knows? where i|won't make it out)",
        negatable="before",
    ),
    _p(
        "control_more",
        "abuse",
        r"\b(?:checks|check|goes through|reads) my (?:phone|messages|texts|emails)\b|"
        r"\b(?:cut|cuts|has cut) me off from\b|\bi(?:'m| am) not allowed to\b|"
        r"\b(?:his|her|their) permission to\b",
        negatable="before",
    ),
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
# Fixed everyday expressions that use risky words. They are blanked out before the patterns
# and the risk-cue check run, so "this week is killing me" carries no risk word at all.
IDIOM_SPANS = re.compile(
    r"\b(?:is|are|was|were|'s|'re|am|'m) (?:literally |really |absolutely |just |slowly )?"
    r"killing (?:me|us|it)(?: softly| slowly)?\b|"
    r"\b(?:dying|dies|died|die|dead) (?:to|for|of|laughing|here|lol|lmao)\b|\bdying\b(?= lmao| lol)|"
    r"\b(?:nearly|almost) died\b|\b(?:i'd|i'll|i) die of\b|\bto die for\b|\bdie on this hill\b|"
    r"\b(?:could|would|i'd) (?:literally )?(?:die|kill|murder) (?:for|to|a|an|some)\b|"
    r"\bkill (?:for|to have)\b|\b(?:death|end) of (?:me|us)\b|\bdeath warmed up\b|"
    r"\b(?:sick|bored|scared) to death\b|\bdrop-dead\b|"
    r"\bdead (?:tired|on my feet|serious|set|easy|quiet|boring|wrong|right|beat)\b|"
    r"\b(?:phone|battery|plants?|garden|car|laptop|wifi|flowers|conversation|party)(?:'s)?\b"
    r"[^.?!,]{0,30}\b(?:dying|die|dead)\b|\blegs are dead\b|"
    r"\b(?:boss|manager|teacher|coach|mum|mom|mother|dad|sister|brother|grandma|nan|in-laws|"
    r"friends?|team|everyone|you)(?:'s| is| are| will|'ll|'re)? (?:going to |gonna )?"
    r"(?:kill|murder) (?:me|us)\b|"
    r"\b(?:killed|kill|killing|slayed|slay) (?:it|two birds|time|the lights)\b|\bjoke slayed\b|"
    r"\bmurder(?:ed)? (?:a|an|some|this|that|the) (?:pizza|coffee|tea|burger|cake|chocolate|"
    r"curry|pint|sandwich|kebab|\w+ cake)\b|\bwas murder\b|"
    r"\bcrawl into a hole\b(?: and die)?|\bground to swallow me\b|\bshoot me a\b|"
    r"\bdisappear (?:under|into) (?:a|the|my) (?:blanket|duvet|covers|sofa|book|bed|hole)\b|"
    r"\bdisappear for a (?:week|weekend|day|few days|bit|while|month)\b|"
    r"\bso (?:bored|boring|embarrassed|hungry|tired|cringe)\b[^.?!]{0,12}\b(?:could|wanted to|"
    r"want to|would|might) (?:die|cry|scream)\b|\b(?:hurts|hurt) so good\b|"
    r"\bcrushing on you so hard it hurts\b|\bhurt (?:my|your|our) (?:feelings|ankle|back|knee|"
    r"foot|wrist|shoulder|neck|hand|leg|pride)\b|\b(?:feel|felt|feeling|i'm|was) (?:a bit |so |really )?"
    r"hurt (?:that|when|by what|after)\b|\bit hurt (?:when|that)\b|\bhurting after\b|"
    r"\b(?:is|are) out to get me\b|\b(?:threw|throw|throwing) (?:away|out|up)\b|"
    r"\bstrangle (?:the|this|that|whoever)\b|\bthe death of (?:this|the)\b|"
    r"\b(?:going to|want to|could|gonna) scream\b|"
    r"\bkill(?:ed|ing)? (?:this|that|the|a) (?:mosquito|spider|fly|wasp|bug|music|engine|mood|vibe)\b"
)
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
    r"neighbour|neighbor|mate)(?:'s)? (?:said|says|told me|mentioned|posted|keeps saying|admitted)\b|"
    r"\b(?:worried|worry|worrying|scared|afraid|concerned|anxious|frightened)(?: that)? "
    r"(?:my|our|his|her|their|a) (?!self\b)(?![^.?!]{0,60}\b(?:me|us)\b)|"
    r"\b(?:himself|herself|themselves|themself)\b|\bhow (?:to|do you|can we) (?:help|support|talk to)\b|"
    r"\bwhat (?:should|do|can) i say\b|\bif (?:they|he|she) tells? me\b|"
    r"\b(?:his|her|their|'s) (?:girlfriend|boyfriend|partner|husband|wife|ex|dad|stepdad)\b|"
    r"\bwho (?:self-harms|self harms|keeps saying|says)\b|\b(?:help|support) (?:them|him|her)\b"
)
_OTHER = re.compile(OTHER_PATTERN)
# Someone else as the subject ("my best mate's been ...", "my son is ..."). It guards the
# self_harm and harm_to_others patterns only: abuse patterns name another person by design.
_OTHER_PERSON = re.compile(
    r"\b(?:my|our|a) (?:best |oldest |little |big |younger |older |close )?(?:friend|mate|son|"
    r"daughter|sister|brother|cousin|roommate|flatmate|colleague|coworker|neighbour|neighbor|"
    r"teenager|kid|niece|nephew)(?: from work)?(?:'s| is| has| was| keeps| might| may| could)\b"
)
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
# A clear resolution ("I've been safe ever since") outweighs the weak present markers above,
# which a check-in frame ("This week, ...") adds to any text.
_RESOLVED_FIRMLY = re.compile(
    r"\b(?:ever since|since then|for (?:a long time|years|ages)|years ago|decades? ago|"
    r"(?:i'm|i am|i've been|i have been) (?:safe|well|okay|fine|happy|free)\b|behind me|"
    r"long (?:gone|behind)|free (?:of|from) (?:it|self-harm|self harm|that)|clean for|"
    r"\w+ years (?:free|clean|ago|later)|anniversary|(?:i'm|i am) \w+ now|now i'm|"
    r"glad (?:i'm|i am|i stayed|every day)|celebrating|got out|i left (?:him|her|them|that|the)|"
    r"(?:worked|got) through it|made (?:my )?peace)"
)
_STRONG_PRESENT = re.compile(
    r"\b(?:again|lately|recently|tonight|right now|last night|currently|started)\b"
)
# Killing words with no sign of seriousness are usually hyperbole ("I'm gonna kill my sister,
# she took my jacket"). Such a hit is handed to the model with a raised bar, not decided here.
_HYPERBOLE_VERB = re.compile(r"\b(?:kill|murder|strangle|throttle)\b")
_SERIOUS = re.compile(
    r"\b(?:mean it|meant it|serious|seriously|not joking|swear|really|plan\w*|decided|weeks?|"
    r"revenge|pay|tonight|tomorrow|next time|if (?:they|he|she)|thinking about|dead|"
    r"i(?:'ve| have) been|made up my mind|every night|for what)\b"
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


def _guard(pattern: Pattern, sentence: str, match: re.Match[str], text: str) -> str | None:
    start = match.start()
    if _negated(pattern, sentence, match):
        return "negation"
    if _IDIOM.search(sentence):
        return "idiom"
    if (
        pattern.label == "harm_to_others"
        and _HYPERBOLE_VERB.search(match.group(0))
        and not _SERIOUS.search(text)
    ):
        return "idiom"
    if _MEDIA.search(sentence):
        return "media_news"
    if _OTHER.search(sentence[:start]) or _OTHER.search(sentence):
        return "worry_for_other"
    if pattern.label != "abuse" and _OTHER_PERSON.search(sentence):
        return "worry_for_other"
    told_as_past = bool(_RESOLVED.search(sentence) or _RESOLVED_FIRMLY.search(sentence))
    if (
        told_as_past
        and not _STRONG_PRESENT.search(sentence)
        and (not _PRESENT.search(sentence) or _RESOLVED_FIRMLY.search(text))
    ):
        return "resolved_history"
    return None


# Risky words used literally about everyday things: fears of ordinary things, games and
# encouragement ("beat me at chess", "pushed me to apply"), the gym, a bumped car, a rule at
# work, the TV remote. Blanked out like the idioms above.
LITERAL_SPANS = re.compile(
    r"\b(?:scared|afraid|terrified|frightened) of (?:the )?(?:spiders?|heights|flying|the dark|"
    r"dark|needles|snakes|clowns|wasps|bees|mice|rats|moths?|dentists?|deep water|"
    r"public speaking|lifts|elevators|thunder(?:storms?)?|storms?|horror (?:films|movies)|"
    r"missing (?:the|my) (?:flight|train|bus))\b|"
    r"\b(?:scared|afraid|terrified|frightened|worried|nervous)(?: that)? i(?:'ll| will| might|"
    r"'m going to| am going to) (?:fail|mess up|forget|miss|be late|oversleep|trip|get lost|"
    r"say the wrong thing|embarrass myself)\b|"
    r"\bbeat (?:me|us|you|him|her|them) (?:at|in|to)\b|\bhit (?:me|us) up\b|"
    r"\bhit the (?:gym|road|shops|sack|hay|books|snooze|jackpot|spot|ground running|pool)\b|"
    r"\b(?:hit|hits|clipped|bumped|reversed into) (?:a|the|another|someone's) "
    r"(?:parked car|kerb|curb|pothole|bollard|lamppost|post|gatepost)\b|"
    r"\bpush(?:ed|es|ing)? (?:me|us|him|her|them) to (?:apply|try|do|be|go|keep|finish|study|"
    r"train|enter|sign|run|write|take|get|learn|ask|start|see a)\b|"
    r"\bkill(?:s|ing|ed)? (?:my|our|the) (?:weekend|plans?|vibe|mood|buzz|battery|motivation|"
    r"social life|evening|budget)\b|"
    r"\blocked (?:myself|ourselves) out\b|\bhurt feelings\b|"
    r"\b(?:knee|knees|back|ankle|foot|feet|head|tooth|teeth|neck|shoulder|wrist|legs?|stomach|"
    r"tummy|throat|ears?|eyes?|hips?) (?:hurts|hurt|is hurting|are hurting|aches|ache)\b|"
    r"\bgrab(?:bed|s|bing)? the last (?:slice|piece|biscuit|bite|cookie|one|seat|chips?|crisps)\b|"
    r"\bcontrol(?:s|led|ling)?(?: about)?(?: of)? (?:the|our) (?:whole |entire )?(?:\w+ )?(?:remote|tv|telly|"
    r"thermostat|playlist|music|aux|heating|menu|aircon|air con|barbecue|bbq)\b|"
    r"\b(?:boss|manager|teacher|coach|landlord|school|work|office|gym|bank|airline|council|"
    r"doctor|gp) (?:won't|doesn't|will not|does not) let me\b|"
    r"\b(?:a|the|our) plan for (?:the |this |next )?(?:weekend|holidays?|summer|trip|wedding|"
    r"party|move|garden|kitchen|budget|dinner|christmas|\w+'s birthday)\b"
)


def strip_idioms(text: str) -> str:
    """``text`` with fixed everyday expressions ("killing me", "dying to") blanked out."""
    return LITERAL_SPANS.sub(" ~ ", IDIOM_SPANS.sub(" ~ ", text))


def evaluate(text: str, patterns: tuple[Pattern, ...] = PATTERNS) -> list[RuleHit]:
    """Every pattern hit in a normalised text, each with the guard that applies (if any).

    ``patterns`` replaces the shipped list (training passes cut-down lists).
    """
    hits: list[RuleHit] = []
    text = strip_idioms(text)
    for sentence in _SENTENCES.split(text):
        if not sentence:
            continue
        for pattern in patterns:
            match = pattern.regex.search(sentence)
            if match:
                guard = _guard(pattern, sentence, match, text)
                hits.append(RuleHit(pattern.label, pattern.name, guard))
    return hits


# -- risk cues -----------------------------------------------------------------------------------
# The model may flag a text only if it holds at least one risk cue that is neither inside an
# everyday idiom nor negated ("I'm not scared of him"). Cues that carry their own negation
# ("no point", "can't go on", "don't want to be here") are kept whole. A text with no cue at
# all ("I love you even when you steal the blanket") is never flagged by the model.
NEGATIVE_CUE_PATTERN = (
    r"\b(?:no (?:point|reason|way out|future|hope|one would|one will|longer want)|nobody (?:would|will|"
    r"cares|wants|needs)|can't (?:go on|do (?:this|it) any ?more|cope|keep|take|stay|see|leave|talk|walk|go out)|last check-in|don't (?:want to|wanna) "
    r"(?:be|live|exist|wake|go on|carry on|keep)|don't deserve|won't (?:be|let|need)|doesn't let|"
    r"not allowed|not safe|isn't (?:worth|safe)|wouldn't (?:wake|miss|notice|care)|"
    r"don't (?:trust|feel safe)|(?:didn't|wouldn't) (?:stop|let me)|never (?:see|wake|get better|come back)|"
    r"not (?:being|be) (?:here|alive|around)|(?:wouldn't|won't|doesn't) matter if i|"
    r"won't (?:stop|make it|see it coming|take no)|not okay)\b"
)
_NEGATIVE_CUE = re.compile(NEGATIVE_CUE_PATTERN)
RISK_CUE_PATTERN = (
    r"\b(?:die|dying|died|dead|death|deaths|suicid\w*|kill\w*|murder\w*|end it|ending it|"
    r"end(?:ing)? (?:my|things|everything|forever)|without me|if i was gone|gone|future|"
    r"(?:around|here) (?:much )?longer|be here|be around|point|(?:things|stuff) away|give away|given away|"
    r"how and when|decided|pay|river|make it out|coming|decides|made me|photos|held me|"
    r"stairs|pain|breaks|what (?:he|she|they|my \w+) (?:will|could|would|might) do|"
    r"wake up|be gone|i'm gone|disappear\w*|alive|exist\w*|"
    r"goodbye\w*|funeral|notes? for (?:everyone|you all|my)|letters? to everyone|wrote (?:notes?|letters?)|means|burden|better off|hopeless|pointless|worthless|"
    r"trapped|give up|giving up|waste of space|tired of (?:living|life|being)|want out|"
    r"over with|stop (?:living|trying|existing)|relief|hurt\w*|harm\w*|injur\w*|bruis\w*|"
    r"bleed\w*|blood|marks|scars?|black eye|swollen|punish\w*|hit|hits|hitting|slap\w*|"
    r"punch\w*|kick\w*|beat\w*|shov\w*|push\w*|chok\w*|strangl\w*|grab\w*|drag\w*|"
    r"pinn\w*|threw|throw\w*|attack\w*|rape\w*|violen\w*|weapon\w*|smash\w*|stab\w*|"
    r"shoot\w*|spat|rough|fists?|snap|lose control|temper|suffer|revenge|bleed|hospital|"
    r"threat\w*|regret|warn\w*|sorry if|or else|find me|coming for|deport\w*|"
    r"let me|allowed|allowance|permission|checks? (?:my|up on)|goes through|track\w*|location|monitor\w*|"
    r"locked|lock|passport|password\w*|control\w*|cut me off|spy\w*|takes? my|took my|"
    r"bank|money|paycheck|keys|isolat\w*|scared|scares|afraid|terrified|frightened|fear\w*|"
    r"unsafe|safe|danger\w*|eggshells|freez\w*|hiding|hide|abus\w*|gaslight\w*|crazy|"
    r"useless|stupid|screams?|yell\w*|humiliat\w*|sex\w*|force\w*|(?:a|my|the) plan\b|planning (?:to|how|my)|"
    r"urges?|dark|do it|go through with|do something|snapped|fight|fighting|"
    r"i'm done|(?:had|have) enough|nobody|no one|"
    r"lash\w* out|scratch\w* (?:me|my)|bit me|bites me|knocks? me|rough\w* me up|"
    r"take no for an answer|break my|burn\w*|never (?:find|see) (?:them|the kids|my)|watching me|"
    r"behave|watch my back|wages|receipts?|spend|video call|follow\w* me|turn\w* up|"
    r"logged into|pretending to be me|goes mad|let out|times how long|account for|tiptoe\w*|"
    r"blows? up|go(?:es)? off on me|invisible|flinch\w*|raises? (?:a|his|her|their) hand|"
    r"criticis\w*|criticiz\w*|disgusting|puts? up with me|explod\w*|never been born|locks|"
    r"get away from)\b"
)
_RISK_CUE = re.compile(RISK_CUE_PATTERN)
_CUE_NEGATOR = re.compile(
    r"\b(?:not|never|no|don't|doesn't|didn't|won't|wouldn't|isn't|aren't|wasn't|haven't|hasn't|"
    r"nobody's|nobody|nothing|no one)\b"
)


# Negating these is itself the risk ("I wish I wouldn't wake up", "if I wasn't alive").
_EXISTENCE = re.compile(r"alive|wake up|be here|be around|exist\w*|around (?:much )?longer|gone")


def _cue_negated(clause: str, start: int) -> bool:
    window = clause[:start].split()[-5:]
    return bool(_CUE_NEGATOR.search(" ".join(window)))


def has_risk_cue(
    text: str,
    cues: re.Pattern[str] | None = _RISK_CUE,
    negative_cues: re.Pattern[str] | None = _NEGATIVE_CUE,
) -> bool:
    """Whether a normalised text holds a risk cue outside idioms and negated clauses.

    ``cues`` and ``negative_cues`` replace the shipped cue lists; training passes cut-down
    lists to mimic wording the lists were not written for (``None`` matches nothing).
    """
    return cue_state(text, cues, negative_cues) == "cue"


def cue_state(
    text: str,
    cues: re.Pattern[str] | None = _RISK_CUE,
    negative_cues: re.Pattern[str] | None = _NEGATIVE_CUE,
) -> str:
    """``"cue"`` when a live risk cue is present; ``"cleared"`` when there is none but the text
    held risky words the rules judged harmless (an everyday idiom or literal use, a negated
    cue); ``"none"`` when the cue lists have nothing to say about the text at all."""
    stripped = strip_idioms(text)
    if negative_cues is not None and negative_cues.search(stripped):
        return "cue"
    cleared = stripped != text
    if cues is None:
        return "cleared" if cleared else "none"
    for clause in re.split(r"[.!?;:,\"\n]+| but | though | just | because ", stripped):
        for match in cues.finditer(clause):
            if _EXISTENCE.fullmatch(match.group(0)) or not _cue_negated(clause, match.start()):
                return "cue"
            cleared = True
    return "cleared" if cleared else "none"


def cue_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a cue pattern written as ``\\b(?:a|b|...)\\b``."""
    head, tail = r"\b(?:", r")\b"
    if not (pattern.startswith(head) and pattern.endswith(tail)):
        raise ValueError("not a cue list")
    body = pattern[len(head) : -len(tail)]
    alternatives, depth, current, i = [], 0, "", 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            current += body[i : i + 2]
            i += 2
            continue
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += char
        i += 1
    alternatives.append(current)
    return alternatives


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of any regex, each a regex of its own.

    A pattern that is one group, bare or between word boundaries (``\\b(?:a|b)\\b``), is
    opened and its alternatives rewrapped. Used by training to cut closed lists down.
    """
    parts = _split_top(pattern)
    if len(parts) > 1:
        return parts
    for head, tail in ((r"\b(?:", r")\b"), ("(?:", ")")):
        if pattern.startswith(head) and pattern.endswith(tail):
            inner = pattern[len(head) : -len(tail)]
            if _balanced(inner):
                inside = _split_top(inner)
                if len(inside) > 1:
                    return [head + part + tail for part in inside]
    return [pattern]


def _balanced(body: str) -> bool:
    depth, i, in_class = 0, 0, False
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
            if depth < 0:
                return False
        i += 1
    return depth == 0


def _split_top(body: str) -> list[str]:
    parts, depth, current, i, in_class = [], 0, "", 0, False
    while i < len(body):
        char = body[i]
        if char == "\\":
            current += body[i : i + 2]
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0 and not in_class:
            parts.append(current)
            current = ""
        else:
            current += char
        i += 1
    parts.append(current)
    return parts


def cue_regex(alternatives: list[str]) -> re.Pattern[str] | None:
    """A cue pattern from a list of alternatives; ``None`` for an empty list."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b") if alternatives else None


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


def told_as_resolved(text: str) -> bool:
    """Whether the text tells risk as history that is over ("ten years free of it")."""
    return bool(_RESOLVED_FIRMLY.search(text)) and not _STRONG_PRESENT.search(text)
