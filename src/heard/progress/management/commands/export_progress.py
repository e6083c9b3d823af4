import csv
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from heard.accounts.selectors import user_named
from heard.progress.selectors import EXPORT_HEADER, export_rows


class Command(BaseCommand):
    help = (
        "Write one person's progress (dated check-in ratings, check-up scores and activity "
        "counts) as CSV. Notes and other written text are never included."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, help="the person's username")
        parser.add_argument("--out", default="-", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        if user is None:
            raise CommandError(f"No person with the username {options['user']!r}.")
        rows = export_rows(user=user)
        if options["out"] == "-":
            self._write(self.stdout, rows)
            return
        path = Path(options["out"])
        try:
            with path.open("w", newline="", encoding="utf-8") as handle:
                self._write(handle, rows)
        except OSError as exc:
            raise CommandError(f"Could not write {path}: {exc.strerror}") from None
        sys.stderr.write(f"Wrote {len(rows)} rows to {path}\n")

    def _write(self, handle: Any, rows: list[list[str]]) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EXPORT_HEADER)
        writer.writerows(rows)
