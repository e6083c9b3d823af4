"""The coach's labels and the needs a person can state."""

from __future__ import annotations

SKILLS: tuple[str, ...] = (
    "reflection",
    "feeling",
    "validation",
    "question",
    "support",
    "self_disclosure",
)
HABITS: tuple[str, ...] = (
    "advice",
    "invalidation",
    "blame",
    "contempt",
    "defensiveness",
    "deflection",
)
LABELS: tuple[str, ...] = SKILLS + HABITS
NEEDS: tuple[str, ...] = ("listen", "comfort", "ideas")
NONE = "none"

DESCRIPTIONS: dict[str, str] = {
    "reflection": "restates or paraphrases what was said",
    "feeling": "names the other's emotion",
    "validation": "says the feeling makes sense",
    "question": "asks an open or clarifying question",
    "support": "offers presence or care without fixing",
    "self_disclosure": "shares a related experience in a way that connects",
    "advice": "tells them what to do or problem-solves",
    "invalidation": "dismisses or minimises the feeling",
    "blame": "criticises or blames",
    "contempt": "mocks, belittles or is sarcastic",
    "defensiveness": "makes excuses or counter-attacks",
    "deflection": "changes the subject or turns the focus away",
}
