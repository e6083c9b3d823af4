"""Lines for the dialogue tests, and a helper that walks a dialogue to a given state."""

from __future__ import annotations

from heard.dialogue import services
from heard.dialogue.models import Dialogue

SHARE = "Work was relentless today. My manager moved the deadline again and I missed dinner."
MIRROR = "It sounds like the deadline moved again and you had to miss dinner. Did I get that right?"
VALIDATE = "That makes sense, because you worked so hard and it still wasn't enough for them."
EMPATHIZE = "I imagine you might feel exhausted and a bit let down."
ADVICE = "You should just tell your manager no next time."


def to_state(d: Dialogue, state: str, *, need: str = "listen") -> Dialogue:
    """Walk a fresh dialogue forward to ``state`` with the usual lines."""
    speaker, listener = d.speaker, d.listener
    steps = [
        ("sharing", lambda: services.need_choose(dialogue=d, actor=speaker, need=need)),
        ("mirroring", lambda: services.share_send(dialogue=d, actor=speaker, text=SHARE)),
        (
            "confirming",
            lambda: services.listener_send(dialogue=d, actor=listener, step="mirror", text=MIRROR),
        ),
        ("validating", lambda: services.mirror_confirm(dialogue=d, actor=speaker)),
        (
            "empathizing",
            lambda: services.listener_send(
                dialogue=d, actor=listener, step="validate", text=VALIDATE
            ),
        ),
        (
            "rating",
            lambda: services.listener_send(
                dialogue=d, actor=listener, step="empathize", text=EMPATHIZE
            ),
        ),
        ("done", lambda: services.rating_submit(dialogue=d, actor=speaker, felt_heard=4)),
    ]
    order = ["choosing_need"] + [reached for reached, _ in steps]
    for reached, step in steps:
        d.refresh_from_db()
        if order.index(d.state) >= order.index(state):
            return d
        if order.index(reached) <= order.index(d.state):
            continue
        step()
    d.refresh_from_db()
    return d
