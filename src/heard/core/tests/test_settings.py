import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from heard.core.env import READ

ROOT = Path(__file__).resolve().parents[4]
DOCS = (ROOT / "docs" / "configuration.md").read_text()


def test_every_environment_variable_is_documented():
    import heard.settings  # noqa: F401 - importing fills READ

    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", DOCS))
    missing = sorted(set(READ) - documented)
    assert READ, "settings read no variables?"
    assert missing == [], f"Document these in docs/configuration.md: {missing}"


def test_every_environment_variable_read_in_settings_goes_through_env():
    source = (ROOT / "src" / "heard" / "settings.py").read_text()
    assert "os.environ" not in source and "getenv" not in source


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HEARD_", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    base.update(env)
    return subprocess.run(
        [sys.executable, "-m", "heard.cli", *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


PROD = {
    "HEARD_ENV": "production",
    "SECRET_KEY": "k" * 20 + "a-long-random-looking-secret-value-for-tests-0123456789",
    "HEARD_ENCRYPTION_KEYS": "Z2VuZXJhdGVkLWZvci10ZXN0cy1vbmx5LTAxMjM0NTY=",
    "ALLOWED_HOSTS": "heard.example.org",
}


@pytest.mark.slow
def test_production_refuses_to_start_without_real_secrets(tmp_path):
    result = _run(
        {"HEARD_ENV": "production", "HEARD_DATA_DIR": str(tmp_path), "ALLOWED_HOSTS": "x.org"},
        "check",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    no_keys = dict(PROD, HEARD_DATA_DIR=str(tmp_path))
    del no_keys["HEARD_ENCRYPTION_KEYS"]
    result = _run(no_keys, "check")
    assert result.returncode != 0
    assert "HEARD_ENCRYPTION_KEYS" in result.stderr


@pytest.mark.slow
def test_check_deploy_passes_with_production_settings(tmp_path):
    result = _run(
        dict(PROD, HEARD_DATA_DIR=str(tmp_path)), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_secrets_can_be_read_from_files(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text(PROD["SECRET_KEY"] + "\n")
    env = dict(PROD, HEARD_DATA_DIR=str(tmp_path), SECRET_KEY_FILE=str(key_file))
    del env["SECRET_KEY"]
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    env["SECRET_KEY_FILE"] = str(tmp_path / "missing")
    result = _run(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY_FILE" in result.stderr


@pytest.mark.slow
def test_local_runs_generate_and_keep_a_secret_key(tmp_path):
    assert _run({"HEARD_DATA_DIR": str(tmp_path)}, "check").returncode == 0
    first = (tmp_path / "secret_key").read_text()
    assert len(first) >= 50
    assert _run({"HEARD_DATA_DIR": str(tmp_path)}, "check").returncode == 0
    assert (tmp_path / "secret_key").read_text() == first
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_sqlite_runs_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The test database is in memory, where WAL does not apply; check the configured command.
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]
    assert mode in {"wal", "memory"}


def test_database_url_switches_to_postgresql(tmp_path):
    code = "import heard.settings as s; print(s.DATABASES['default']['ENGINE'])"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(HEARD_DATA_DIR=str(tmp_path), DATABASE_URL="postgres://u:p@db.example:5432/heard")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.slow
def test_production_refuses_to_start_in_debug_mode(tmp_path):
    result = _run({**PROD, "HEARD_DATA_DIR": str(tmp_path), "HEARD_DEBUG": "true"}, "check")
    assert result.returncode != 0
    assert "HEARD_DEBUG" in result.stderr
