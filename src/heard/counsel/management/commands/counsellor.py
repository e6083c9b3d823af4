"""`heard counsellor add|list|remove`: the host creates and removes counsellor accounts."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from heard.accounts.models import User
from heard.core.errors import DomainError
from heard.counsel import selectors, services


def set_password_link(user: User) -> str:
    """A one-time link to choose a password (Django's password reset, valid as long as
    PASSWORD_RESET_TIMEOUT, and used up once the password is set)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])


class Command(BaseCommand):
    help = "Add, list or remove counsellor accounts."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="create a counsellor account (or mark one)")
        add.add_argument("username")
        add.add_argument("--email", default="")
        add.add_argument("--practice", default="", help="the practice's name, shown to clients")
        how = add.add_mutually_exclusive_group()
        how.add_argument("--password-file", help="read the password from this file")
        how.add_argument("--password-prompt", action="store_true", help="ask for the password here")
        sub.add_parser("list", help="every counsellor, with their number of active clients")
        remove = sub.add_parser(
            "remove", help="end all their connections and remove the role (the account stays)"
        )
        remove.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options)
        elif action == "list":
            self._list()
        else:
            self._remove(options["username"])

    def _add(self, options: dict[str, Any]) -> None:
        password: str | None = None
        if options.get("password_file"):
            try:
                password = Path(options["password_file"]).read_text().strip()
            except OSError as exc:
                raise CommandError(f"Can't read the password file: {exc.strerror}.") from exc
            if not password:
                raise CommandError("The password file is empty.")
        elif options.get("password_prompt"):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Again: "):
                raise CommandError("The two passwords differ.")
        existed = User.objects.filter(username__iexact=options["username"]).exists()
        try:
            profile = services.counsellor_add(
                username=options["username"],
                email=options["email"],
                practice_name=options["practice"],
                password=password,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        user = profile.user
        what = "marked as a counsellor" if existed else "created"
        self.stdout.write(f"Counsellor {user.username} {what}.")
        if password is None and not user.has_usable_password():
            self.stdout.write(
                "Send them this one-time link to choose a password:\n" + set_password_link(user)
            )

    def _list(self) -> None:
        rows = selectors.counsellors()
        if not rows:
            self.stdout.write("No counsellors yet. Add one with: heard counsellor add USERNAME")
            return
        for profile in rows:
            clients = (
                sum(
                    1
                    for group in selectors.clients_for(counsellor=profile.user)
                    for row in group.rows
                    if row.status == "active"
                )
                if profile.active
                else 0
            )
            state = "active" if profile.active else "removed"
            practice = f"  ({profile.practice_name})" if profile.practice_name else ""
            self.stdout.write(
                f"{profile.user.username:24} {state:8} {clients:>3} active clients{practice}"
            )

    def _remove(self, username: str) -> None:
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError("There is no such account.")
        try:
            ended = services.counsellor_remove(user=user)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"{user.username} is no longer a counsellor; {ended} connection"
            f"{'s' if ended != 1 else ''} ended. The account stays."
        )
