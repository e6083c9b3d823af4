"""Reading ESConv (research licence; read from ../shared/data, never shipped): its reply
strategies and its turns. Used by the benchmark and by the opt-in ``train --with-esconv``,
so neither of those modules imports the other for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from heard.coach.text import clean

ESCONV_CLASSES = (
    "Question",
    "Restatement or Paraphrasing",
    "Reflection of feelings",
    "Self-disclosure",
    "Affirmation and Reassurance",
    "Providing Suggestions",
    "Information",
    "Others",
)
# ESConv strategy -> our label (only for the opt-in `train --with-esconv`).
ESCONV_TO_LABEL = {
    "Question": "question",
    "Restatement or Paraphrasing": "reflection",
    "Reflection of feelings": "feeling",
    "Self-disclosure": "self_disclosure",
    "Affirmation and Reassurance": "validation",
    "Providing Suggestions": "advice",
}


def esconv_turns(path: Path) -> Iterator[tuple[int, str | None, str, str]]:
    """(conversation index, what the seeker said since the last reply, reply, strategy)."""
    with path.open(encoding="utf-8") as handle:
        for conv_id, line in enumerate(handle):
            conv = json.loads(line)
            pending: list[str] = []
            for turn in conv["dialog"]:
                if turn["speaker"] == "usr":
                    pending.append(turn["text"])
                    continue
                text = clean(turn["text"]).strip()
                if text and turn.get("strategy") in ESCONV_CLASSES:
                    yield conv_id, clean(" ".join(pending)) or None, text, turn["strategy"]
                pending = []
