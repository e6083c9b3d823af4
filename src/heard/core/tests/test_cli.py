import subprocess
import sys

import pytest
from django.core.management import call_command

from heard.cli import main


def test_help_lists_the_commands(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("serve", "migrate", "createsuperuser", "check", "demo"):
        assert command in out


def test_an_unknown_command_is_a_clear_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "unknown command" in capsys.readouterr().err


@pytest.mark.django_db
def test_demo_creates_two_people_in_a_bond_and_prints_their_logins(capsys):
    from heard.accounts.models import User
    from heard.bonds.selectors import bonds_for

    call_command("demo")
    out = capsys.readouterr().out
    alex = User.objects.get(username="demo-alex")
    sam = User.objects.get(username="demo-sam")
    assert [b.other for b in bonds_for(user=alex)] == [sam]
    line = next(line for line in out.splitlines() if "demo-alex" in line)
    password = line.split("password:")[1].strip()
    assert alex.check_password(password)
    # Running it again keeps one bond and gives fresh passwords.
    call_command("demo")
    assert len(bonds_for(user=alex)) == 1


def test_keygen_prints_a_fernet_key():
    out = subprocess.run(
        [sys.executable, "-m", "heard.cli", "keygen"], capture_output=True, text=True, timeout=60
    )
    from cryptography.fernet import Fernet

    Fernet(out.stdout.strip().encode())


@pytest.mark.django_db
def test_a_superuser_can_use_the_admin_which_shows_accounts_only():
    from django.test import Client

    from heard.accounts.models import User

    User.objects.create_superuser("host", "host@example.org", "a long host password")
    client = Client()
    client.force_login(User.objects.get(username="host"))
    page = client.get("/admin/").content.decode()
    assert "Users" in page
    for private in ("Answer", "Turn", "Check in", "Safety event"):
        assert private not in page


@pytest.mark.django_db
def test_admin_login_goes_through_the_throttled_login_page(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
