"""`heard backup` and `heard restore`: the whole database, consistent while the app runs, plus
a manifest with checksums, row counts and the fingerprints of the encryption keys in use.

A backup never holds a key (SECURITY.md promise 19): without the key, the encrypted text in
it can't be read, so keep the key elsewhere (docs/backup.md says how).

SQLite is copied with its online backup API (a consistent copy even while people write);
PostgreSQL with `pg_dump` from one exported snapshot, so the row counts in the manifest are
of exactly the rows in the dump.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump and pg_restore with fixed arguments
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that can't be done, with a message that says why and what to do."""


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    tables: dict[str, int]


def key_fingerprint(key: str) -> str:
    """Names a key without revealing it (a hash of a random 256-bit key tells nothing)."""
    return "sha256:" + hashlib.sha256(key.strip().encode("ascii")).hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=False)
    path.chmod(0o700)


def _engine() -> str:
    if connection.vendor not in FILES:
        raise BackupError(f"Backups work with SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


# --------------------------------------------------------------------------- backup


def backup_create(*, directory: Path) -> Path:
    """Write a new backup folder under ``directory`` and return it."""
    engine = _engine()
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    target = Path(directory) / f"heard-backup-{stamp}"
    _private_dir(target)
    database = target / FILES[engine]
    tables = _sqlite_backup(database) if engine == "sqlite" else _postgres_backup(database)
    database.chmod(0o600)
    manifest = {
        "format": FORMAT,
        "app": "heard",
        "version": _version(),
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "files": {database.name: {"sha256": _sha256(database), "bytes": database.stat().st_size}},
        "tables": tables,
        "migrations": _latest_migrations(),
        # Which keys can read the text in this backup; the keys themselves are not here.
        "encryption_keys": [key_fingerprint(k) for k in settings.ENCRYPTION_KEYS],
        "not_included": "The encryption keys (HEARD_ENCRYPTION_KEYS, or data/encryption_key "
        "for a local run) and SECRET_KEY. Keep the keys apart from the backups: "
        "without them the encrypted text in this backup can't be read.",
    }
    path = target / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return target


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("heard")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # noqa: S608  # nosec B608 - names from the schema
        for name in sorted(names)
    }


BUSY_SECONDS = 120


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup; it waits while a writer holds the database, but not forever."""
    deadline = time.monotonic() + BUSY_SECONDS

    def waited(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise BackupError(
                f"The database stayed busy for {BUSY_SECONDS} seconds; nothing was copied. "
                "Try again in a quieter moment."
            )

    source.backup(target, progress=waited)


def _sqlite_backup(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        _sqlite_copy(connection.connection, copy)
        return _sqlite_counts(copy)
    finally:
        copy.close()


def _pg_env() -> dict[str, str]:
    """libpq's own variables, so no password is ever on a command line."""
    config = connection.settings_dict
    env = {**os.environ}
    for name, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if config.get(key):
            env[name] = str(config[key])
    if config.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(config["OPTIONS"]["sslmode"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} was not found. Install PostgreSQL's client tools in your server's "
            "version or newer (on Debian: apt-get install postgresql-client)."
        )
    return found


def _run(args: list[str]) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _postgres_backup(target: Path) -> dict[str, int]:
    import psycopg

    pg_dump = _tool("pg_dump")
    # One snapshot for the dump and the counts: the manifest describes exactly what is saved.
    with psycopg.connect(_conninfo()) as snapshot:
        snapshot.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with snapshot.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            name = cursor.fetchone()[0]  # type: ignore[index]
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={name}",
                    f"--file={target}",
                ]
            )
            return _postgres_counts(cursor)


def _conninfo() -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo(**_libpq_params())


def _libpq_params() -> dict[str, str]:
    env = _pg_env()
    names = {"PGHOST": "host", "PGPORT": "port", "PGUSER": "user", "PGPASSWORD": "password"}
    params = {param: env[var] for var, param in names.items() if var in env}
    params["dbname"] = env["PGDATABASE"]
    if "PGSSLMODE" in env:
        params["sslmode"] = env["PGSSLMODE"]
    return params


def _postgres_counts(cursor: Any) -> dict[str, int]:
    from psycopg import sql

    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    counts = {}
    for (table,) in cursor.fetchall():
        cursor.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


# --------------------------------------------------------------------------- restore


def backup_read(path: Path) -> dict[str, Any]:
    """The manifest, after checking every file against its checksum."""
    path = Path(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} is not a Heard backup: its {MANIFEST} can't be read.") from exc
    if manifest.get("app") != "heard" or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Heard backup this version can restore.")
    for name, expected in manifest.get("files", {}).items():
        file = path / name
        if not file.is_file() or _sha256(file) != expected["sha256"]:
            raise BackupError(
                f"{name} in this backup does not match its checksum: the backup is damaged "
                "or was changed. Nothing was restored."
            )
    return manifest


def _database_has_people() -> bool:
    from heard.accounts.models import User

    if User._meta.db_table not in connection.introspection.table_names():
        return False
    return User.objects.exists()


def backup_restore(*, path: Path, replace: bool = False, other_keys: bool = False) -> Restored:
    """Put the database back as it was in the backup at ``path``.

    Refuses, changing nothing, when the backup is damaged, is of the other kind of database,
    was made with keys this server doesn't have (its text couldn't be read) unless
    ``other_keys``, or when this database already has people in it unless ``replace``."""
    manifest = backup_read(path)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; this server uses {engine}."
        )
    ours = {key_fingerprint(k) for k in settings.ENCRYPTION_KEYS}
    if not other_keys and not ours & set(manifest.get("encryption_keys", [])):
        raise BackupError(
            "None of this server's encryption keys made this backup, so its text could not be "
            f"read. Add the key with fingerprint {', '.join(manifest['encryption_keys'])} to "
            "HEARD_ENCRYPTION_KEYS first (heard backup never stores it)."
        )
    if not replace and _database_has_people():
        raise BackupError(
            "This database already has accounts in it. Restoring replaces everything in it; "
            "run again with --replace if that is what you want."
        )
    file = Path(path) / FILES[engine]
    if engine == "sqlite":
        _sqlite_restore(file)
    else:
        _postgres_restore(file)
    connection.close()
    tables = _counts_now(engine)
    expected = manifest["tables"]
    wrong = {t: (n, tables.get(t)) for t, n in expected.items() if tables.get(t) != n}
    if wrong:
        raise BackupError(f"The restored rows don't match the backup's manifest: {wrong}")
    return Restored(manifest=manifest, tables=tables)


def _sqlite_restore(file: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        _sqlite_copy(source, connection.connection)
    finally:
        source.close()


def _postgres_restore(file: Path) -> None:
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(file),
        ]
    )


def _counts_now(engine: str) -> dict[str, int]:
    if engine == "sqlite":
        connection.ensure_connection()
        return _sqlite_counts(connection.connection)
    import psycopg

    with psycopg.connect(_conninfo()) as db, db.cursor() as cursor:
        return _postgres_counts(cursor)
