from typing import Any

from django.core.management.base import BaseCommand

from heard.core.crypto import rotate_all


class Command(BaseCommand):
    help = "Re-encrypt every stored text with the first key in HEARD_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rotate_all()
        self.stdout.write(f"Re-encrypted {count} values with the newest key.")
