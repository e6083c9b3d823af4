"""Heard as a small cluster (issue 18): two app processes on two ports and one `heard worker`,
against the real PostgreSQL and Redis. A login on one process is valid on the other, the
login throttle and the coach's rate limit count across both, and a reminder is sent once.

The processes start once, and the checks run in one test so that parallel test processes
(pytest-xdist) never start a second cluster on the same Redis. Under CI=true a missing
PostgreSQL or Redis is a failure, not a skip."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from tests.processes import free_port, process_env, wait_for_http

pytestmark = pytest.mark.slow

POSTGRES = os.environ.get("HEARD_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("HEARD_TEST_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/13")
STATE = Path(__file__).with_name("cluster_state.py")
PASSWORD = "correct horse battery"
COACH_LIMIT = 6
FAILURE_LIMIT = 3


def _require(port: int, what: str) -> None:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is required for the cluster test under CI=true")
        pytest.skip(f"no {what} on 127.0.0.1:{port}")


@dataclass
class Cluster:
    ports: tuple[int, int]
    env: dict[str, str]
    token: str
    outbox: Path
    started: str  # the UTC date the worker started on (alice's zone is UTC)

    def state(self) -> dict:
        done = subprocess.run(
            [sys.executable, str(STATE), "state"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return json.loads(done.stdout)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    _require(5432, "PostgreSQL")
    _require(6379, "Redis")
    import psycopg
    import redis

    tmp = tmp_path_factory.mktemp("cluster")
    name = f"heard_cluster_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(POSTGRES, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    store = redis.Redis.from_url(REDIS)
    store.flushdb()
    outbox = tmp / "mail"
    env = process_env(
        tmp,
        DATABASE_URL=POSTGRES.rsplit("/", 1)[0] + "/" + name,
        HEARD_CACHE="redis",
        HEARD_TASKS_BACKEND="rq",
        HEARD_REDIS_URL=REDIS,
        HEARD_DB_POOL_SIZE="4",
        HEARD_LOGIN_FAILURE_LIMIT=str(FAILURE_LIMIT),
        HEARD_COACH_LIMIT_PER_MINUTE=str(COACH_LIMIT),
        HEARD_EMAIL_FILE_PATH=str(outbox),
        HEARD_LOG_LEVEL="ERROR",
    )
    heard = [sys.executable, "-m", "heard.cli"]
    started = datetime.now(UTC).date().isoformat()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run([*heard, "migrate", "--noinput"], env=env, check=True, capture_output=True)
        setup = subprocess.run(
            [sys.executable, str(STATE), "setup"], env=env, check=True, capture_output=True
        )
        token = json.loads(setup.stdout)["token"]
        ports = (free_port(), free_port())
        logs = []
        for port in ports:
            log = tmp / f"app-{port}.log"
            logs.append(log)
            with log.open("wb") as out:
                processes.append(
                    subprocess.Popen(
                        [*heard, "serve", "--port", str(port), "--workers", "1", "--threads", "4"],
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
        with (tmp / "worker.log").open("wb") as out:
            processes.append(
                subprocess.Popen(
                    [*heard, "worker", "--tick", "0.3"], env=env, stdout=out, stderr=out
                )
            )
        for port, process, log in zip(ports, processes, logs, strict=False):
            wait_for_http(f"http://127.0.0.1:{port}/readyz", process, log)
        yield Cluster(ports=ports, env=env, token=token, outbox=outbox, started=started)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        store.flushdb()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _conn(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def _request(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: str = ""
) -> http.client.HTTPResponse:
    conn = _conn(port)
    conn.request(method, path, body=body or None, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read().decode()  # type: ignore[attr-defined]
    return response


def _login(port: int, username: str, password: str) -> tuple[int, dict[str, str]]:
    """POST the login form on ``port``; the status and the cookies it set."""
    page = _request(port, "GET", "/account/login/")
    cookies = {k: m.value for k, m in SimpleCookie(page.headers.get("Set-Cookie", "")).items()}
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)  # type: ignore[attr-defined]
    assert token is not None
    answer = _request(
        port,
        "POST",
        "/account/login/",
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": f"http://127.0.0.1:{port}/account/login/",
        },
        f"username={username}&password={password}&csrfmiddlewaretoken={token.group(1)}",
    )
    for raw in answer.headers.get_all("Set-Cookie") or []:
        cookies.update({k: m.value for k, m in SimpleCookie(raw).items()})
    return answer.status, cookies


def _a_login_on_one_process_is_valid_on_the_other(cluster: Cluster) -> None:
    first, second = cluster.ports
    status, cookies = _login(first, "alice", PASSWORD.replace(" ", "+"))
    assert status == 302, status
    session = {"Cookie": f"heard_session={cookies['heard_session']}"}
    assert _request(second, "GET", "/account/", session).status == 200
    me = _request(second, "GET", "/api/v1/me", session)
    assert me.status == 200 and json.loads(me.body)["username"] == "alice"  # type: ignore[attr-defined]
    # And without the cookie the other process asks for a login, as it should.
    assert _request(second, "GET", "/account/").status == 302


def _the_login_throttle_counts_failures_on_both_processes(cluster: Cluster) -> None:
    first, second = cluster.ports
    failures = [_login(port, "bob", "wrong")[0] for port in (first, second, first)[:FAILURE_LIMIT]]
    assert failures == [400] * FAILURE_LIMIT
    # Locked on both, even with the right password.
    assert _login(second, "bob", PASSWORD.replace(" ", "+"))[0] == 429
    assert _login(first, "bob", PASSWORD.replace(" ", "+"))[0] == 429


def _the_coach_rate_limit_counts_on_both_processes(cluster: Cluster) -> None:
    # The limit counts per minute: start early enough in a minute to finish inside it.
    if time.time() % 60 > 50:
        time.sleep(61 - time.time() % 60)
    headers = {"Authorization": f"Bearer {cluster.token}", "Content-Type": "application/json"}
    body = json.dumps({"reply": "It sounds like you felt alone with it. Is that right?"})
    statuses = [
        _request(cluster.ports[n % 2], "POST", "/api/v1/coach", headers, body).status
        for n in range(COACH_LIMIT + 2)
    ]
    assert statuses == [200] * COACH_LIMIT + [429, 429], statuses


def _the_worker_sends_a_reminder_once(cluster: Cluster) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(r["sent"] for r in cluster.state()["reminders"]):
            break
        time.sleep(0.5)
    time.sleep(2)  # many more ticks
    rows = cluster.state()["reminders"]
    # Once a day: a run that crosses midnight UTC rightly sends the next day's reminder too
    # (CI once did), so each row is its own day, between the worker's start and now.
    today = datetime.now(UTC).date().isoformat()
    assert rows and all(r["kind"] == "daily" for r in rows), rows
    assert [(r["attempts"], r["sent"]) for r in rows] == [(1, True)] * len(rows), rows
    days = [r["day"] for r in rows]
    assert len(set(days)) == len(days) and all(cluster.started <= d <= today for d in days)
    assert len(rows) == 1 or cluster.started < today, rows
    mails = "".join(p.read_text() for p in cluster.outbox.glob("*.log"))
    assert mails.count("Subject: ") == len(rows)


def test_two_app_processes_and_a_worker_share_logins_limits_and_background_work(
    cluster: Cluster,
) -> None:
    _a_login_on_one_process_is_valid_on_the_other(cluster)
    _the_login_throttle_counts_failures_on_both_processes(cluster)
    _the_coach_rate_limit_counts_on_both_processes(cluster)
    _the_worker_sends_a_reminder_once(cluster)
