"""Run in a subprocess against the worker tests' own database: `setup` or `state`."""

from __future__ import annotations

import datetime
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")

import django

django.setup()

from heard.accounts.models import User  # noqa: E402
from heard.core.models import Notice  # noqa: E402
from heard.quality.models import Reminder, ReminderSettings  # noqa: E402


def setup() -> None:
    user = User.objects.create_user("alice", email="alice@example.org", password=None)
    ReminderSettings.objects.create(
        user=user, daily=True, daily_time=datetime.time(0, 0), email=True
    )


def state() -> None:
    rows = [
        {**row, "sent_at": row["sent_at"] is not None}
        for row in Reminder.objects.values("worker", "attempts", "sent_at", "kind")
    ]
    print(
        json.dumps(
            {
                "reminders": rows,
                "notices": Notice.objects.filter(kind__startswith="reminder_").count(),
            }
        )
    )


{"setup": setup, "state": state}[sys.argv[1]]()
