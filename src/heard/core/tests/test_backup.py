"""The restore drill, on whichever database the suite runs on (CI runs it on SQLite and on the
real PostgreSQL): write canaries, `heard backup`, erase the database, `heard restore`, and
find every row again with every encrypted text readable. A backup never holds a key.

SECURITY.md promise 19."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from heard.core.backup import MANIFEST, BackupError, backup_create, backup_restore
from heard.core.crypto import encrypted_fields

if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI needs pg_dump and pg_restore (postgresql-client) for this drill.")
    pytest.skip("pg_dump is not installed here", allow_module_level=True)

CANARY = "canary-backup-5c1e"


def _fill(alice, bob, bond) -> dict[str, str]:
    """One canary in several kinds of encrypted text, through the services."""
    from heard.accounts.services import api_token_create
    from heard.daily.services import checkin_submit
    from heard.safety.services import screening_submit
    from heard.together.services import appreciation_send

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    checkin_submit(user=alice, feeling="calm", ratings={bond.pk: 8}, note=f"{CANARY} note")
    note, _ = appreciation_send(user=alice, bond_id=bond.pk, text=f"{CANARY} thanks for today")
    api_token_create(user=bob, name=f"{CANARY} laptop")
    return {"note": note.text}


def _erase_every_table() -> None:
    names = connection.introspection.table_names()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        cascade = " CASCADE" if connection.vendor == "postgresql" else ""
        for name in names:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)}{cascade}")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = ON")
    assert connection.introspection.table_names() == []


def _every_encrypted_value() -> list[str]:
    values = []
    for model, name in encrypted_fields():
        values += [v for v in model._default_manager.values_list(name, flat=True) if v]
    return values


@pytest.mark.django_db(transaction=True)
def test_the_restore_drill_finds_every_row_and_every_text_reads(
    tmp_path, settings, alice, bob, bond
):
    from heard.accounts.models import ApiToken, User
    from heard.daily.models import CheckIn
    from heard.together.models import Appreciation

    _fill(alice, bob, bond)
    before = _every_encrypted_value()
    assert sum(CANARY in value for value in before) == 3

    call_command("backup", str(tmp_path))
    (folder,) = tmp_path.iterdir()
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["tables"]["accounts_user"] == 2
    assert manifest["tables"][Appreciation._meta.db_table] == 1
    assert len(manifest["encryption_keys"]) == len(settings.ENCRYPTION_KEYS)
    stored = b"".join(path.read_bytes() for path in folder.iterdir())
    for secret in [*settings.ENCRYPTION_KEYS, settings.SECRET_KEY]:
        assert secret.encode() not in stored
    assert CANARY.encode() not in stored  # the text is there, encrypted
    assert oct(folder.stat().st_mode & 0o777) == "0o700"

    _erase_every_table()
    call_command("restore", str(folder))

    assert User.objects.count() == 2
    assert User.objects.get(username="alice").check_password("correct horse battery")
    assert CheckIn.objects.get().note == f"{CANARY} note"
    assert Appreciation.objects.get().text == f"{CANARY} thanks for today"
    assert ApiToken.objects.get().name == f"{CANARY} laptop"
    assert sorted(_every_encrypted_value()) == sorted(before)
    # The database goes on working: new rows take new ids.
    assert User.objects.create_user("dora", password="x" * 12).pk > bob.pk


# Backups are made from committed data (a test's open transaction would hold SQLite's lock).
@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path, alice):
    folder = backup_create(directory=tmp_path)
    database = next(p for p in folder.iterdir() if p.name != MANIFEST)
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(path=folder, replace=True)
    assert alice.__class__.objects.filter(username="alice").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_the_servers_keys_cannot_read_is_refused(tmp_path, settings, alice):
    folder = backup_create(directory=tmp_path)
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(BackupError, match="None of this server's encryption keys"):
        backup_restore(path=folder, replace=True)


@pytest.mark.django_db(transaction=True)
def test_a_database_with_people_in_it_is_replaced_only_when_asked(tmp_path, alice):
    folder = backup_create(directory=tmp_path)
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(folder))


def test_something_that_is_not_a_backup_is_refused(tmp_path: Path):
    with pytest.raises(BackupError, match="not a Heard backup"):
        backup_restore(path=tmp_path)
