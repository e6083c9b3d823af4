"""`heard plans --user NAME`: a person's suggested times and upcoming plans, in their zone."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from heard.accounts.models import User
from heard.quality import selectors


class Command(BaseCommand):
    help = "Show one person's suggested times and upcoming plans."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError("There is no such person.")
        rows = [("suggested", r) for r in selectors.proposals_for(user=user)]
        rows += [("planned", r) for r in selectors.upcoming_for(user=user)]
        if not rows:
            self.stdout.write("No plans yet.")
        for what, row in rows:
            title = row.activity.title if row.activity else "Time together"
            self.stdout.write(
                f"{row.id:>5}  {what:9}  {row.when_shown}  with {row.view.other.username}: {title}"
            )
