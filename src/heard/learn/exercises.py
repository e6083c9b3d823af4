"""The private solo exercises for the roadblocks. What someone writes in them is saved for
them alone, encrypted like all text, and read by the crisis detector like any other text.

Plain Python: no Django here. A step's ``link`` is a practice kind (see
``heard.learn.content.PRACTICE_KINDS``) or ``lesson:<id>``.
"""

from __future__ import annotations

from dataclasses import dataclass

STEP_MAX = 2000


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    hint: str
    link: str = ""
    link_label: str = ""
    # Offer a light (depth 1) question from the deck to start from.
    light_prompt: bool = False


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    roadblock: str
    lesson_id: str
    intro: str
    steps: tuple[Step, ...]

    @property
    def source(self) -> str:
        """What the safety log records as where a detection came from (never the text)."""
        return "learn_" + self.id.replace("-", "_")


EXERCISES: dict[str, Exercise] = {
    e.id: e
    for e in (
        Exercise(
            id="name-the-fear",
            title="Name the fear",
            roadblock="fear",
            lesson_id="fear-learned-young",
            intro=(
                "Fear of opening up is common, and it usually has good reasons. "
                "Naming it takes some of its power away. Four short steps. "
                "This is just for you."
            ),
            steps=(
                Step(
                    "afraid",
                    "1. What am I afraid would happen if I opened up?",
                    "For example: they'd think less of me, they'd use it later, they'd leave.",
                ),
                Step(
                    "learned",
                    "2. Where did I learn this?",
                    "A time when showing a feeling went badly, at home, at school or later.",
                ),
                Step(
                    "friend",
                    "3. What would I say to a friend who felt this?",
                    "Write it the way you'd say it to someone you care about. Then read it as if it were for you.",
                ),
                Step(
                    "share",
                    "4. One small thing I could share this week",
                    "Small is the point: a worry, a wish, something you liked today.",
                    link="prompt",
                    link_label="Share it in today's question",
                    light_prompt=True,
                ),
            ),
        ),
        Exercise(
            id="support-and-self-care",
            title="Support and self-care",
            roadblock="old_hurts",
            lesson_id="past-hurts",
            intro=(
                "When old hurts get in the way, it helps to know who and what steadies you. "
                "Write a short list you can come back to. This is just for you."
            ),
            steps=(
                Step(
                    "people",
                    "People I can turn to",
                    "A friend, a relative, a group, a doctor. One name is a good start.",
                ),
                Step(
                    "steady",
                    "Things that steady me",
                    "A walk, music, slow breathing, a warm drink, a place that feels safe.",
                ),
                Step(
                    "professional",
                    "When I would reach out to a professional",
                    "For example: when it keeps me from sleeping, working or feeling close for weeks.",
                    link="help",
                    link_label="Help, crisis lines and finding a counsellor",
                ),
            ),
        ),
        Exercise(
            id="say-what-i-need",
            title="Say what I need",
            roadblock="communication",
            lesson_id="when-talks-break-down",
            intro=(
                "A complaint says what is wrong. A request says what would help. "
                "Turn one into the other here, in private, before you say it."
            ),
            steps=(
                Step(
                    "complaint",
                    "The complaint, as it comes out",
                    "Write it the way it sounds in your head. Nobody else will read this.",
                ),
                Step(
                    "need",
                    "What I need underneath it",
                    "To feel listened to? Some help? Time together? Time alone?",
                ),
                Step(
                    "request",
                    "A clear request",
                    "Something they could say yes to: what, and when. “Could we…” or “Would you…”",
                    link="lesson:without-blame",
                    link_label="Read: saying it without blame",
                ),
            ),
        ),
    )
}


def exercise_text(exercise: Exercise, answers: dict[str, str]) -> str:
    """Every answered step as one text, for the safety check."""
    return "\n\n".join(
        answers.get(step.key, "") for step in exercise.steps if answers.get(step.key)
    )
