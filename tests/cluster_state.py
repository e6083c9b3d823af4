"""Run in a subprocess against the cluster test's own database: `setup` or `state`."""

from __future__ import annotations

import datetime
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")

import django

django.setup()

from heard.accounts.services import api_token_create, user_signup  # noqa: E402
from heard.quality.models import Reminder, ReminderSettings  # noqa: E402

PASSWORD = "correct horse battery"


def setup() -> None:
    alice = user_signup(username="alice", password=PASSWORD, email="alice@example.org")
    user_signup(username="bob", password=PASSWORD)
    # A daily reminder due at once: the worker sends it on its first tick.
    ReminderSettings.objects.create(
        user=alice, daily=True, daily_time=datetime.time(0, 0), email=True
    )
    _, secret = api_token_create(user=alice, name="cluster test")
    print(json.dumps({"token": secret}))


def state() -> None:
    rows = [
        {
            "kind": row["kind"],
            "day": row["day"].isoformat(),
            "attempts": row["attempts"],
            "sent": row["sent_at"] is not None,
        }
        for row in Reminder.objects.order_by("day").values("kind", "day", "attempts", "sent_at")
    ]
    print(json.dumps({"reminders": rows}))


{"setup": setup, "state": state}[sys.argv[1]]()
