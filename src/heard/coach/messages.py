"""The words of the feedback: warm, plain, second person. Strengths first, then one thing to try."""

from __future__ import annotations

# label -> (what went well, a next step)
STRENGTHS: dict[str, tuple[str, str]] = {
    "reflection": (
        "You put what they said into your own words, so they know you were listening.",
        "To go further, name the feeling you hear underneath: 'That sounds really lonely.'",
    ),
    "feeling": (
        "You named how they might be feeling. That helps people feel seen.",
        "You could check your guess gently: 'Is that close to how it feels?'",
    ),
    "validation": (
        "You let them know their feeling makes sense. That takes the pressure off.",
        "Add what you heard, so it's clear why it makes sense: 'After weeks of that, of course…'",
    ),
    "question": (
        "You asked a question that invites them to say more.",
        "Keep it open and about them: 'What was the hardest part?'",
    ),
    "support": (
        "You offered care and presence without rushing to fix anything.",
        "You could ask what would help most right now: 'Do you want company, or space?'",
    ),
    "self_disclosure": (
        "You shared something of your own in a way that connects.",
        "Bring it back to them after: 'That was me. How is it for you?'",
    ),
    "advice": (
        "You offered an idea, and they asked for ideas.",
        "Ideas land better after a line that shows you heard them: 'That sounds hard. One thing "
        "that might help…'",
    ),
}

# label -> (why it may not land, a rewrite or next step). {quote} is the words it refers to.
HABITS: dict[str, tuple[str, str]] = {
    "advice": (
        "{quote}This tells them what to do. Unless they asked for ideas, try reflecting first.",
        "Try reflecting the feeling first: 'It sounds like…' If you have an idea, ask whether "
        "they want one.",
    ),
    "invalidation": (
        "{quote}This can sound like the feeling is too big or wrong, even if you mean to help.",
        "Try 'I can see why you'd feel that way.'",
    ),
    "blame": (
        "{quote}This can land as blame, and people tend to close up when they feel judged.",
        "Try describing what happened without a verdict: 'That was a hard spot to be in.'",
    ),
    "contempt": (
        "{quote}This can come across as mocking, which hurts more than any disagreement.",
        "Say what you really feel, plainly and kindly: 'I'm finding this hard to hear, and I "
        "want to understand.'",
    ),
    "defensiveness": (
        "{quote}This explains your side before they feel heard, so it can sound like a "
        "counter-attack.",
        "Take in their side first, then yours: 'You were worried, and I didn't text. I'm sorry.'",
    ),
    "deflection": (
        "{quote}This moves the talk away from what they shared.",
        "Stay with them a little longer: 'Tell me more about that.'",
    ),
}

# What the advice habit says, by the need they gave (None: no need given). "ideas" never
# reaches here: advice counts as a strength then.
ADVICE_BY_NEED: dict[str | None, str] = {
    None: "{quote}This tells them what to do. Unless they asked for ideas, try reflecting first.",
    "listen": "{quote}This tells them what to do; they asked to be heard.",
    "comfort": "{quote}This tells them what to do; they asked for comfort, not a plan.",
}

NOTHING_FOUND = (
    "It's not clear yet what this reply does for them: it doesn't say back what they shared, "
    "name a feeling, or ask about it.",
    "One concrete next step: say back the part that matters most to them, in their words:",
)

# The next skill to try (after what went well), introducing an example built from the share.
NEXT_STEP: dict[str, str] = {
    "reflection": "Next, say back what you heard in your own words:",
    "feeling": "Next, name the feeling you hear underneath:",
    "validation": "Next, let them know it makes sense:",
    "question": "Next, invite them to say more:",
    "support": "Next, offer to be there:",
}
ALL_THERE = "You covered the main things. Now give them room to answer."

NOT_ENGLISH = "The coach only understands English so far: language not supported yet."
TRUNCATED = "The reply was longer than {limit} characters, so only the first {limit} were read."
SHARE_TRUNCATED = "What they shared was longer than {limit} characters; only the start was read."


def quote(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    if len(text) > 60:
        text = text[:57].rstrip() + "…"
    return f"'{text}': "
