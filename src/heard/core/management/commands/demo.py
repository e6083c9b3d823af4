import secrets
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from heard.accounts.models import User
from heard.bonds import selectors as bond_selectors
from heard.bonds import services as bond_services
from heard.core.demo import DEMO_ACTIVITY


class Command(BaseCommand):
    help = "Create two demo people in a partner bond with some sample activity, and print their logins."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        people = []
        for username in ("demo-alex", "demo-sam"):
            user, _ = User.objects.get_or_create(username=username)
            password = "-".join(secrets.token_hex(3) for _ in range(3))
            user.set_password(password)
            user.save()
            people.append((user, password))
        (alex, _), (sam, _) = people
        if not any(b.other.pk == sam.pk for b in bond_selectors.bonds_for(user=alex)):
            new = bond_services.bond_invite(inviter=alex, kind="partner")
            bond_services.invite_accept(invite=new.invite, user=sam)
        bond = next(b for b in bond_selectors.bonds_for(user=alex) if b.other.pk == sam.pk)
        for add_activity in DEMO_ACTIVITY:
            add_activity(bond.bond, alex, sam)
        self.stdout.write(
            "Demo people are ready. Log in at http://127.0.0.1:8000/account/login/ as:"
        )
        for user, password in people:
            self.stdout.write(f"  username: {user.username}   password: {password}")
