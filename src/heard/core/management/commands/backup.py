from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from heard.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (consistent while the app runs) with a manifest of checksums, "
        "row counts and key fingerprints. The encryption keys are never in it: keep them apart."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "directory", nargs="?", default="backups", help="where to put it (default: backups)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backup_create(directory=Path(options["directory"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up to {path}")
        self.stdout.write(
            "It holds the database and a manifest, not the encryption keys: keep a copy of "
            "the keys somewhere else, or this backup can't be read."
        )
