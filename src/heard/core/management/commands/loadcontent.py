from typing import Any

from django.core.management.base import BaseCommand, CommandError

from heard.content import ContentError, validate_all
from heard.core.content_sync import sync_all


class Command(BaseCommand):
    help = "Check every content file against its schema and load it into the database."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            for name, count in validate_all():
                self.stdout.write(f"ok  {name}: {count}")
            for name, count in sync_all():
                self.stdout.write(f"loaded  {name}: {count}")
        except ContentError as exc:
            raise CommandError(str(exc)) from None
