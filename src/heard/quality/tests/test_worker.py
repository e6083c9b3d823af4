"""`heard worker` for real, in subprocesses, with the database backend on SQLite and on
PostgreSQL, and with the RQ backend on the real Redis: a reminder is sent once with two
workers running, and a worker killed mid-send doesn't lose it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3]
STATE = Path(__file__).with_name("worker_state.py")
POSTGRES = os.environ.get("HEARD_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")

pytestmark = pytest.mark.slow


def _up(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(params=["sqlite", "postgres", "rq"])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    base = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "heard.settings",
        "HEARD_DATA_DIR": str(tmp_path / "data"),
        "HEARD_REMINDER_LEASE_SECONDS": "2",
        "HEARD_LOG_LEVEL": "ERROR",
    }
    base.pop("DATABASE_URL", None)
    dropdb: Callable[[], None] | None = None
    if request.param == "rq":
        # RQ on the real Redis; Heard's own rows stay in a SQLite file.
        if not _up(6379):
            if os.environ.get("CI") == "true":
                pytest.fail("Redis is required in CI")
            pytest.skip("no Redis on 127.0.0.1:6379")
        base["HEARD_TASKS_BACKEND"] = "rq"
        base["HEARD_REDIS_URL"] = os.environ.get(
            "HEARD_TEST_REDIS_URL", "redis://127.0.0.1:6379/11"
        )
    if request.param == "postgres":
        if not _up(5432):
            if os.environ.get("CI") == "true":
                pytest.fail("PostgreSQL is required in CI")
            pytest.skip("no PostgreSQL on 127.0.0.1:5432")
        import psycopg

        name = f"heard_worker_{uuid.uuid4().hex[:8]}"
        admin = psycopg.connect(POSTGRES, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        base["DATABASE_URL"] = POSTGRES.rsplit("/", 1)[0] + "/" + name

        def _drop() -> None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

        dropdb = _drop

    _run(base, "-m", "heard.cli", "migrate", "--noinput", "-v", "0")
    _run(base, str(STATE), "setup")
    yield base
    if dropdb is not None:
        dropdb()


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _state(env: dict[str, str]) -> dict:
    return json.loads(_run(env, str(STATE), "state"))


def _worker(env: dict[str, str], **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "heard.cli", "worker", "--tick", "0.3"],
        env={**env, **extra},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(check, seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError("timed out")


def _mails(folder: Path) -> list[str]:
    return [p.read_text() for p in folder.glob("*.log")] if folder.exists() else []


def _stop(*workers: subprocess.Popen) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGINT)
    for worker in workers:
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def test_two_workers_send_a_reminder_once(env, tmp_path):
    outbox = tmp_path / "mail"
    workers = [_worker(env, HEARD_EMAIL_FILE_PATH=str(outbox)) for _ in range(2)]
    try:
        _wait(lambda: any(r["sent_at"] for r in _state(env)["reminders"]))
        time.sleep(3)  # let both workers tick many more times (and past the lease)
    finally:
        _stop(*workers)
    state = _state(env)
    assert [r["sent_at"] for r in state["reminders"]] == [True]
    assert state["reminders"][0]["attempts"] == 1
    assert state["notices"] == 1
    mails = "".join(_mails(outbox))
    assert mails.count("Subject: ") == 1
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in mails


def test_a_reminder_is_sent_after_its_worker_is_killed_mid_send(env, tmp_path):
    # An SMTP server that accepts the connection and never answers: the first worker hangs
    # in the middle of sending, holding its claim, and is killed there.
    hang = socket.socket()
    hang.bind(("127.0.0.1", 0))
    hang.listen(5)
    stuck = _worker(
        env, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(hang.getsockname()[1]), EMAIL_USE_TLS="false"
    )
    try:
        _wait(lambda: bool(_state(env)["reminders"]))
        time.sleep(0.5)
        stuck.send_signal(signal.SIGKILL)
        stuck.wait(timeout=10)
        claimed = _state(env)["reminders"]
        assert [r["sent_at"] for r in claimed] == [False]
        outbox = tmp_path / "mail"
        second = _worker(env, HEARD_EMAIL_FILE_PATH=str(outbox))
        try:
            _wait(lambda: any(r["sent_at"] for r in _state(env)["reminders"]))
        finally:
            _stop(second)
    finally:
        hang.close()
        _stop(stuck)
    state = _state(env)
    assert state["reminders"][0]["attempts"] == 2
    assert state["reminders"][0]["worker"] != claimed[0]["worker"]
    assert "".join(_mails(outbox)).count("Subject: ") == 1
