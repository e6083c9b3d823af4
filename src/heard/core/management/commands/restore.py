from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from heard.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the database from a `heard backup` folder, after checking its checksums and "
        "that this server has a key that can read it. Stop the server first."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="the backup folder (heard-backup-...)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace a database that already has accounts in it",
        )
        parser.add_argument(
            "--other-keys",
            action="store_true",
            help="restore even though none of this server's keys made the backup",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = backup_restore(
                path=Path(options["path"]),
                replace=options["replace"],
                other_keys=options["other_keys"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(restored.tables.values())
        self.stdout.write(
            f"Restored {rows} rows in {len(restored.tables)} tables from the backup made "
            f"{restored.manifest['created_at']}; every count matches its manifest."
        )
        self.stdout.write("Run `heard migrate` if this backup is from an older version.")
