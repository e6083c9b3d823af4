"""Sample activity for `heard demo`: one finished round of a listening dialogue and a practice reply."""

from __future__ import annotations

from typing import Any

from heard.dialogue import services
from heard.dialogue.models import Dialogue, Mode, PracticeAttempt


def demo_dialogue(bond: Any, first: Any, second: Any) -> None:
    if Dialogue.objects.filter(bond=bond).exists():
        return
    d = services.dialogue_start(bond=bond, starter=first, other=second, mode=Mode.APART)
    services.need_choose(dialogue=d, actor=first, need="listen")
    services.share_send(
        dialogue=d,
        actor=first,
        text="This week has been a lot. I keep saying yes to things and then running out of evening.",
    )
    services.listener_send(
        dialogue=d,
        actor=second,
        step="mirror",
        text="What I heard is that you've said yes to so much that there's no time left for you. Did I get it?",
        coach_summary={"labels": ["reflection", "question"], "score": 70},
    )
    services.mirror_confirm(dialogue=d, actor=first)
    services.listener_send(
        dialogue=d,
        actor=second,
        step="validate",
        text="That makes sense, because you care about the people asking.",
        coach_summary={"labels": ["validation"], "score": 68},
    )
    services.listener_send(
        dialogue=d,
        actor=second,
        step="empathize",
        text="I imagine you might feel stretched thin, and a bit unseen.",
        coach_summary={"labels": ["feeling"], "score": 72},
    )
    services.rating_submit(
        dialogue=d, actor=first, felt_heard=4, what_helped="Being asked if you got it."
    )
    PracticeAttempt.objects.create(
        user=first,
        scenario_id="partner-01",
        reply="That sounds exhausting, and you lost your evening too.",
        labels=["reflection", "feeling"],
        score=72,
    )
