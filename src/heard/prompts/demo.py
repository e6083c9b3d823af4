"""Sample activity for `heard demo`: one question both people answered, with a heart and a
reply, so the demo shows what a revealed exchange looks like."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from heard.accounts.models import User
from heard.prompts import services
from heard.prompts.models import Exchange

DEMO_ANSWERS = (
    "A slow breakfast with nowhere to be. Coffee going cold because we kept talking.",
    "Walking home the long way after dinner last week. I felt like we had all the time we needed.",
)


def add_exchange(bond: Any, first: User, second: User) -> None:
    if Exchange.objects.filter(bond=bond).exists():
        return
    yesterday = timezone.now() - datetime.timedelta(days=1)
    exchange = services.exchange_today(bond=bond, user=first, now=yesterday)
    for person, text in zip((first, second), DEMO_ANSWERS, strict=True):
        services.answer_submit(exchange=exchange, author=person, text=text, now=yesterday)
    services.reaction_toggle(exchange=exchange, user=first, kind="heart")
    services.reply_add(
        exchange=exchange, author=second, text="Let's do that again this weekend.", now=yesterday
    )
