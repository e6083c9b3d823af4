"""The listening coach: feedback on a written reply, run locally with numpy only.

    from heard.coach import analyze
    feedback = analyze("You should just quit.", share="My boss yelled at me.", need="listen")

No Django imports here: the coach runs in the CLI and in batch mode without settings.
"""

from heard.coach.analyze import CoachInputError, Feedback, Message, analyze
from heard.coach.labels import HABITS, LABELS, NEEDS, NONE, SKILLS

__all__ = [
    "HABITS",
    "LABELS",
    "NEEDS",
    "NONE",
    "SKILLS",
    "CoachInputError",
    "Feedback",
    "Message",
    "analyze",
]
