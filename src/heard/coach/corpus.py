"""Our own labelled corpus: original writing composed from hand-written scenarios and reply
fragments, plus hand-written hard cases. ``python -m heard.coach.corpus`` regenerates
``data/corpus.jsonl`` (deterministic)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heard.coach.labels import LABELS, NEEDS

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_FILE = DATA_DIR / "corpus.jsonl"
ROWS_PER_SCENARIO = 64
SEED = 20240611


@dataclass(frozen=True)
class Scenario:
    id: str
    relation: str
    share: str
    gist: str
    feel: str
    topic: str
    fix: str
    me: str
    silver: str


def load_scenarios() -> list[Scenario]:
    out = []
    for line in (DATA_DIR / "scenarios.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ")]
        out.append(Scenario(*parts))
    return out


# Reply fragments, written for Heard. Slots: {gist} {feel} {feel2} {topic} {fix} {me} {silver}
FRAGMENTS: dict[str, list[str]] = {
    "reflection": [
        "So {gist}.",
        "It sounds like {gist}.",
        "So if I've got this right, {gist}.",
        "What I'm hearing is that {gist}.",
        "You're saying {gist}.",
        "So basically {gist}, and it's been sitting with you.",
        "Let me make sure I get it: {gist}.",
        "It sounds like {gist}, and that's been weighing on you.",
        "So on top of everything else, {gist}.",
        "Okay, so {gist}.",
        "Wait, so {gist}?",
        "In other words, {gist}.",
        "It seems like {gist}.",
        "So what happened is {gist}.",
        "Sounds like {gist}.",
        "If I understand you, {gist}.",
    ],
    "feeling": [
        "You must feel so {feel}.",
        "That sounds really {feel2}.",
        "I imagine you're feeling pretty {feel}.",
        "You sound {feel2}.",
        "I can hear how {feel} you are.",
        "That must have left you feeling {feel}.",
        "You must have felt {feel2}.",
        "I'd guess you're feeling {feel} and maybe a bit {feel2} too.",
        "It sounds like you're {feel}.",
        "That must be so {feel2}.",
        "I can tell you're {feel}.",
        "You seem really {feel} about {topic}.",
        "Feeling {feel} after that is a lot.",
        "I bet you felt {feel2} in that moment.",
    ],
    "validation": [
        "That makes complete sense.",
        "Of course you feel that way.",
        "Anyone would feel like that.",
        "It's completely understandable.",
        "No wonder it's getting to you.",
        "Your reaction makes total sense to me.",
        "It's okay to feel like this.",
        "That would get to anyone.",
        "You have every right to feel that.",
        "Honestly, that's a really normal response.",
        "Who wouldn't be thrown by that?",
        "It makes sense that it hurts.",
        "That's a fair thing to feel.",
        "You're not being dramatic, that's a big deal.",
        "I'd feel the same in your shoes.",
        "Of course it's on your mind.",
    ],
    "question": [
        "What was that like for you?",
        "What's been the hardest part?",
        "How are you doing with all of it?",
        "What happened after that?",
        "Do you want to tell me more about {topic}?",
        "How long has this been going on?",
        "What went through your head when it happened?",
        "How are you feeling about {topic} now?",
        "What do you think is bothering you most?",
        "Can you tell me more?",
        "What did you need in that moment?",
        "How did you find out?",
        "What's it been like since?",
        "Is there a part of it you keep coming back to?",
        "What would feel good right now?",
        "How's your body holding up with all this?",
    ],
    "support": [
        "I'm here for you.",
        "I'm so sorry you're going through this.",
        "You're not alone in this.",
        "I'm really glad you told me.",
        "Whatever you decide, I've got your back.",
        "Do you want a hug?",
        "I'll stay on the phone as long as you need.",
        "I'm with you on this.",
        "I'm sorry. That's a lot to carry.",
        "I love you, and I'm not going anywhere.",
        "Thank you for telling me.",
        "I'm right here, take your time.",
        "I care about you so much.",
        "I'm sorry, that really sucks.",
        "I can come over if you want company.",
        "Sending you so much love.",
    ],
    "self_disclosure": [
        "When {me}, I felt something similar, so I get it a little.",
        "I went through something like this when {me}, and it stayed with me for a while.",
        "I remember when {me}. It took me ages to feel okay again.",
        "Something similar happened to me when {me}, and I know how much it can sting.",
        "I've been there, when {me}. It's so hard.",
        "It reminds me of when {me}; I felt so {feel} too.",
        "When {me}, what helped was someone just sitting with me, so I'm here.",
        "I know that feeling a bit, {me} and I couldn't shake it for weeks.",
    ],
    "advice": [
        "You should {fix}.",
        "Have you thought about trying to {fix}?",
        "Why don't you just {fix}?",
        "Maybe you could {fix}.",
        "If I were you I'd {fix}.",
        "You need to {fix}.",
        "The best thing to do is {fix}.",
        "Why not {fix}?",
        "Could you not just {fix}?",
        "Wouldn't it be easier to {fix}?",
        "Have you considered trying to {fix}?",
        "Honestly, just {fix}.",
        "My advice? {fix_cap}.",
        "What you need to do is {fix}.",
        "Try to get some sleep and things will look better tomorrow.",
        "Make a list of pros and cons.",
        "Go for a walk, it always helps.",
        "You should talk to a therapist about it.",
        "Write it all down and then decide.",
        "Try not to think about it tonight and deal with it tomorrow.",
    ],
    "invalidation": [
        "At least {silver}.",
        "Well, at least {silver}.",
        "It's not that big a deal.",
        "You shouldn't feel that way.",
        "Calm down, it's fine.",
        "Don't be so {feel}.",
        "You're overthinking it.",
        "Everyone goes through that.",
        "Could be worse.",
        "Look on the bright side.",
        "Everything happens for a reason.",
        "Just get over it.",
        "It's really not worth getting upset about.",
        "Honestly it's nothing, you'll forget about it next week.",
        "Come on, cheer up.",
        "You're making it bigger than it is.",
        "Other people have it way worse.",
        "Don't let it get to you, it's silly.",
    ],
    "blame": [
        "Honestly, it's kind of your own fault.",
        "You always do this.",
        "If you'd listened to me, this wouldn't have happened.",
        "What did you expect?",
        "You never think things through.",
        "You should have seen this coming.",
        "Well, you brought this on yourself.",
        "That's on you, to be fair.",
        "This is exactly why I told you to be careful.",
        "Maybe if you were less stubborn this wouldn't keep happening.",
        "You're the one who let it get this far.",
        "You never listen, and this is the result.",
    ],
    "contempt": [
        "Oh poor you.",
        "Wow, must be so hard being you.",
        "Here we go again with the drama.",
        "Seriously? That's what you're upset about?",
        "Cry me a river.",
        "That's pathetic.",
        "You're such a baby about these things.",
        "Aww, did the big bad {topic} hurt your feelings?",
        "Sure, sweetie, everyone's out to get you.",
        "What a tragedy. Truly.",
        "I'm sure that was very traumatic for you. Eye roll.",
        "Oh please, spare me.",
        "Grow up.",
        "Give me a break.",
        "Must be nice to have time to worry about {topic}.",
        "Oh no, the world is ending again.",
    ],
    "defensiveness": [
        "That's not my fault.",
        "I was only trying to help.",
        "Don't put this on me.",
        "Well, you do the same thing.",
        "I've been busy too, you know.",
        "I didn't do anything wrong.",
        "I had no choice.",
        "So now it's my fault?",
        "What about the time you did it to me?",
        "I did my best, okay?",
        "Don't blame me, I wasn't even there.",
        "Why are you attacking me?",
        "I'm not the bad guy here.",
        "You're one to talk.",
    ],
    "deflection": [
        "Anyway, did you see the game last night?",
        "Speaking of which, I have the worst week coming up.",
        "That reminds me, I need to tell you about my weekend.",
        "Oh, my day was awful too, let me tell you.",
        "Can we talk about something else?",
        "Anyway. What do you want for dinner?",
        "Same, I'm exhausted. My boss is a nightmare.",
        "By the way, did you pay the electricity bill?",
        "Guess what happened to me today.",
        "Ha, anyway, are we still on for Saturday?",
        "Oh, I've got my own drama going on, you won't believe it.",
        "Enough about that, did you hear about Sam's new car?",
    ],
}

# Neutral fillers that do not change labels.
OPENERS = ["", "", "", "", "Hey. ", "Oh. ", "Okay. ", "Hmm. ", "Honestly, ", "Wow. ", "Ugh. "]
NONE_REPLIES = [
    "Ok.",
    "I see.",
    "Right.",
    "Hm, okay.",
    "Got it.",
    "Yeah.",
    "Noted.",
    "Okay, I read it.",
    "Alright.",
    "Mm-hm.",
    "I'll read this properly later.",
    "Yep.",
]

# How many labels a composed reply carries, and which combinations are natural.
PATTERNS: list[tuple[list[str], int]] = [
    (["reflection"], 4),
    (["feeling"], 4),
    (["validation"], 4),
    (["question"], 4),
    (["support"], 4),
    (["self_disclosure"], 4),
    (["self_disclosure", "support"], 2),
    (["advice"], 5),
    (["invalidation"], 5),
    (["blame"], 4),
    (["contempt"], 4),
    (["defensiveness"], 4),
    (["deflection"], 6),
    (["support", "deflection"], 1),
    (["question", "deflection"], 1),
    (["reflection", "feeling"], 4),
    (["reflection", "question"], 3),
    (["feeling", "validation"], 4),
    (["feeling", "question"], 3),
    (["validation", "support"], 3),
    (["support", "question"], 3),
    (["reflection", "feeling", "question"], 2),
    (["feeling", "validation", "support"], 2),
    (["self_disclosure", "question"], 2),
    (["self_disclosure", "validation"], 2),
    (["validation", "advice"], 4),
    (["feeling", "advice"], 3),
    (["support", "advice"], 3),
    (["reflection", "advice"], 2),
    (["invalidation", "advice"], 3),
    (["blame", "advice"], 2),
    (["contempt", "invalidation"], 2),
    (["blame", "contempt"], 2),
    (["defensiveness", "blame"], 2),
    (["validation", "defensiveness"], 2),
    (["deflection", "invalidation"], 1),
    (["support", "invalidation"], 2),
    (["question", "advice"], 1),
    (["none"], 2),
]


def _fill(template: str, scenario: Scenario, rng: random.Random, feel_pool: list[str]) -> str:
    feel2 = rng.choice(feel_pool) if feel_pool and rng.random() < 0.6 else scenario.feel
    return template.format(
        gist=scenario.gist,
        feel=scenario.feel,
        feel2=feel2,
        topic=scenario.topic,
        fix=scenario.fix,
        fix_cap=scenario.fix[:1].upper() + scenario.fix[1:],
        me=scenario.me,
        silver=scenario.silver,
    )


def _vary(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        text = text.lower()
    elif roll < 0.2:
        text = text.rstrip(".")
    if rng.random() < 0.05:
        text = text.replace("you are", "ur").replace("you", "u")
    return text


def _feel_pool(feel: str) -> list[str]:
    from heard.coach.feelings import family_of

    family = family_of(feel)
    return list(family.words[:6]) if family else []


def compose(scenario: Scenario, rng: random.Random) -> tuple[str, list[str]]:
    combos, weights = zip(*PATTERNS, strict=True)
    labels = list(rng.choices(combos, weights=weights)[0])
    if labels == ["none"]:
        return rng.choice(NONE_REPLIES), []
    pool = _feel_pool(scenario.feel)
    parts = [_fill(rng.choice(FRAGMENTS[label]), scenario, rng, pool) for label in labels]
    # Skills usually come first, but not always.
    if rng.random() < 0.25:
        rng.shuffle(parts)
    opener = rng.choice(OPENERS)
    text = opener + " ".join(parts)
    if opener.endswith(", ") and text[len(opener) : len(opener) + 1].isupper():
        text = opener + text[len(opener)].lower() + text[len(opener) + 1 :]
    return _vary(text, rng), sorted(set(labels), key=LABELS.index)


def load_hard_cases() -> list[tuple[str, list[str], str]]:
    rows = []
    for line in (DATA_DIR / "hard_cases.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        scenario, labels, reply = (p.strip() for p in line.split(" | ", 2))
        names = [] if labels == "none" else labels.split(",")
        for name in names:
            if name not in LABELS:
                raise ValueError(f"unknown label {name!r} in hard case {reply!r}")
        rows.append((scenario, names, reply))
    return rows


def load_conversations() -> list[tuple[str, list[tuple[list[str], str]]]]:
    """Hand-written (share, [(labels, reply), ...]) blocks from ``conversations.txt``."""
    blocks: list[tuple[str, list[tuple[list[str], str]]]] = []
    for line in (DATA_DIR / "conversations.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(">"):
            blocks.append((line[1:].strip(), []))
            continue
        if not blocks:
            raise ValueError(f"reply before any share: {line!r}")
        labels, reply = (p.strip() for p in line.split(" | ", 1))
        names = [] if labels == "none" else labels.split(",")
        for name in names:
            if name not in LABELS:
                raise ValueError(f"unknown label {name!r} in conversation reply {reply!r}")
        blocks[-1][1].append((names, reply))
    return blocks


def generate(seed: int = SEED) -> list[dict[str, object]]:
    rng = random.Random(seed)
    scenarios = load_scenarios()
    by_id = {s.id: s for s in scenarios}
    rows: list[dict[str, object]] = []
    for scenario in scenarios:
        seen: set[str] = set()
        tries = 0
        while len(seen) < ROWS_PER_SCENARIO and tries < ROWS_PER_SCENARIO * 5:
            tries += 1
            reply, labels = compose(scenario, rng)
            if reply in seen:
                continue
            seen.add(reply)
            rows.append(
                {
                    "id": f"{scenario.id}-{len(seen):03d}",
                    "group": scenario.id,
                    "share": scenario.share,
                    "need": rng.choice(NEEDS),
                    "reply": reply,
                    "labels": labels,
                }
            )
    for index, (scenario_id, labels, reply) in enumerate(load_hard_cases()):
        scenario = by_id.get(scenario_id) or rng.choice(scenarios)
        rows.append(
            {
                "id": f"hard-{index:04d}",
                "group": f"hard-{index // 12:02d}",
                "share": scenario.share,
                "need": rng.choice(NEEDS),
                "reply": reply,
                "labels": labels,
            }
        )
    for b, (share, replies) in enumerate(load_conversations()):
        for index, (labels, reply) in enumerate(replies):
            rows.append(
                {
                    "id": f"conv-{b:03d}-{index:02d}",
                    "group": f"conv-{b:03d}",
                    "share": share,
                    "need": rng.choice(NEEDS),
                    "reply": reply,
                    "labels": sorted(labels, key=LABELS.index),
                }
            )
    return rows


def write(path: Path = CORPUS_FILE) -> int:
    rows = generate()
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def load(path: Path = CORPUS_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


if __name__ == "__main__":
    count = write()
    rows = load()
    print(f"wrote {count} rows to {CORPUS_FILE}")
    for label in LABELS:
        print(f"  {label:16s} {sum(1 for r in rows if label in r['labels'])}")
