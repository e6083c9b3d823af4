"""`heard bench web`: what pages cost, in process and through the real server.

For each database (SQLite, PostgreSQL) and each size (bonds with realistic history):
1. seed a fresh database in bulk (heard.bench.seed);
2. in process, without a server: CPU time and queries per key page, as a ratio to the trivial
   authenticated view measured in the same run;
3. at the larger size, `heard serve` for real: closed-loop load at 1, 10 and 50 clients per
   page, an open-loop load of 50 people each acting every 3 s, 1 worker against 2, long coach
   requests running beside the pages, and memory during 20 concurrent logins.
Then it prints every figure with the targets of issue 18, met or missed, and writes the "Web"
section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from heard.bench import load
from heard.bench.child import pages

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs" / "benchmarks.md"
KEY_PAGES = ["today", "progress", "question", "dialogue"]
API_TWINS = ["api_progress", "api_question", "api_dialogue"]
CLOSED_PAGES = ["trivial", "healthz", "today", "progress", "question", "dialogue"]
OPEN_PAGES = [*KEY_PAGES, *API_TWINS]
CLIENTS = [1, 10, 50]
TEST_KEY = "YmVuY2gta2V5LWZvci1oZWFyZC1iZW5jaC1vbmx5ISE="  # a fixed key for throwaway databases
LONG_TEXT = " ".join(
    [
        "It sounds like the week wore you down and you felt you had to carry it alone.",
        "I hear that the move, the new job and your mum being unwell all landed at once.",
        "That makes sense to me, given how much you were holding together for everyone.",
        "I imagine you might feel tired and a bit unseen. Did I get that right?",
    ]
    * 16
)[:4800]


@dataclass
class Plan:
    quick: bool
    databases: list[str]
    sizes: list[int]
    days: int
    repeat: int
    closed_seconds: float
    open_seconds: float
    postgres_url: str
    write_docs: bool

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Plan:
        quick = bool(args.quick)
        sizes = args.sizes or ([200, 5000] if quick else [1000, 100_000])
        return cls(
            quick=quick,
            databases=args.databases,
            sizes=sorted(sizes),
            days=args.days or (14 if quick else 30),
            repeat=15 if quick else 50,
            closed_seconds=args.seconds or (3.0 if quick else 10.0),
            open_seconds=args.seconds * 5 if args.seconds else (15.0 if quick else 60.0),
            postgres_url=args.postgres_url,
            write_docs=not args.no_docs,
        )


@dataclass
class Run:
    """Everything measured on one database."""

    database: str
    seeded: dict[int, dict[str, Any]] = field(default_factory=dict)  # size -> seed summary
    inprocess: dict[int, dict[str, Any]] = field(default_factory=dict)  # size -> page -> m
    closed: dict[str, dict[int, load.Result]] = field(default_factory=dict)  # page -> C -> r
    open: dict[str, load.Result] = field(default_factory=dict)
    workers: dict[int, load.Result] = field(default_factory=dict)  # processes -> Today at 10
    coach: dict[str, dict[str, float]] = field(default_factory=dict)  # page -> before/during
    login_memory: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- processes


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp: Path, database_url: str | None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HEARD_", "SECRET_KEY", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        {
            # As a host runs it, behind a TLS proxy (so no redirect to HTTPS here).
            "HEARD_ENV": "production",
            "HEARD_SSL_REDIRECT": "false",
            "HEARD_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SECRET_KEY": "bench-" + "s3cr3t-" * 9,
            "HEARD_ENCRYPTION_KEYS": TEST_KEY,
            "HEARD_DATA_DIR": str(tmp / "data"),
            "HEARD_LOG_LEVEL": "ERROR",
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _child(env: dict[str, str], *args: str, timeout: float = 3600) -> Any:
    done = subprocess.run(  # noqa: S603 - our own module, our own arguments
        [sys.executable, "-m", "heard.bench.child", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"heard.bench.child {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextmanager
def _database(plan: Plan, name: str, tmp: Path) -> Iterator[dict[str, str]]:
    """A fresh, empty database for one size."""
    if name == "sqlite":
        yield _env(tmp, None)
        return
    import psycopg

    db = f"heard_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(plan.postgres_url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{db}"')
    try:
        yield _env(tmp, plan.postgres_url.rsplit("/", 1)[0] + "/" + db)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.close()


@contextmanager
def _server(env: dict[str, str], workers: int) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = _free_port()
    log = Path(env["HEARD_DATA_DIR"]) / f"serve-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: S603 - our own command
            [
                sys.executable,
                "-m",
                "heard.cli",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"heard serve exited:\n{log.read_text()[-3000:]}")
            try:
                if load.send_one("127.0.0.1", port, load.Request("/readyz"))[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"heard serve did not answer:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield port, server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _tree(pid: int) -> list[int]:
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --------------------------------------------------------------------------- the load


def _cookie(person: dict[str, Any]) -> str:
    return f"heard_session={person['session']}"


def _page_request(person: dict[str, Any], page: str) -> load.Request:
    return load.Request(pages(person)[page], cookie=_cookie(person))


def _closed(port: int, persons: list[dict[str, Any]], page: str, clients: int, seconds: float):
    def for_client(n: int) -> Callable[[], load.Request]:
        request = _page_request(persons[n % len(persons)], page)
        return lambda: request

    return load.closed_loop("127.0.0.1", port, [for_client(n) for n in range(clients)], seconds)


def _open(port: int, persons: list[dict[str, Any]], seconds: float) -> dict[str, load.Result]:
    rng = random.Random(18)

    def for_person(person: dict[str, Any]) -> Callable[[], tuple[str, load.Request]]:
        def act() -> tuple[str, load.Request]:
            page = rng.choice(OPEN_PAGES)
            return page, _page_request(person, page)

        return act

    return load.open_loop("127.0.0.1", port, [for_person(p) for p in persons], 3.0, seconds)


def _coach(port: int, seeded: dict[str, Any], persons: list[dict[str, Any]], seconds: float):
    """Throughput of /healthz and Today at 10 clients, alone and beside 8 long coach requests."""
    body = json.dumps({"reply": LONG_TEXT, "share": LONG_TEXT[:2000]}).encode()

    def coach_client(token: str) -> Callable[[], load.Request]:
        request = load.Request(
            "/api/v1/coach",
            method="POST",
            body=body,
            headers=(("Authorization", f"Bearer {token}"), ("Content-Type", "application/json")),
        )
        return lambda: request

    found: dict[str, dict[str, float]] = {}
    for page in ("healthz", "today"):
        alone = _closed(port, persons, page, 10, seconds)
        box: dict[str, load.Result] = {}

        def coach_load(box: dict[str, load.Result] = box) -> None:
            clients = [coach_client(t) for t in seeded["coach_tokens"]]
            box["coach"] = load.closed_loop("127.0.0.1", port, clients, seconds + 1)

        coaching = threading.Thread(target=coach_load)
        coaching.start()
        time.sleep(0.5)
        beside = _closed(port, persons, page, 10, seconds)
        coaching.join()
        coach = box["coach"]
        found[page] = {
            "alone_rps": alone.rps,
            "beside_rps": beside.rps,
            "beside_p95": beside.percentile(95),
            "coach_done": coach.count - coach.busy,
            "coach_busy": coach.busy,
            "coach_errors": coach.errors,
            "coach_p50": coach.percentile(50),
        }
    return found


def _logins(port: int, server: subprocess.Popen[bytes], usernames: list[str]) -> dict[str, float]:
    """Peak memory of the server's processes while 20 people log in at once."""
    from heard.bench.child import PASSWORD

    prepared = []
    for username in usernames:
        status, body, headers = load.send_one("127.0.0.1", port, load.Request("/account/login/"))
        csrf = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or csrf is None or token is None:
            raise RuntimeError("the login page did not give a CSRF token")
        form = f"username={username}&password={PASSWORD.replace(' ', '+')}"
        form += f"&csrfmiddlewaretoken={token.group(1).decode()}"
        prepared.append(
            load.Request(
                "/account/login/",
                method="POST",
                cookie=f"csrftoken={csrf.group(1)}",
                body=form.encode(),
                headers=(
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Referer", f"http://localhost:{port}/account/login/"),
                ),
            )
        )
    pids = _tree(server.pid)
    before = {pid: _rss_mb(pid) for pid in pids}
    peak = dict(before)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], _rss_mb(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    result = load.all_at_once("127.0.0.1", port, prepared)
    stop.set()
    sampler.join()
    return {
        "logins": result.count,
        "errors": result.errors,
        "p95_ms": result.percentile(95),
        "before_max_mb": max(before.values()),
        "peak_max_mb": max(peak.values()),
        "peak_total_mb": sum(peak.values()),
        "processes": len(pids),
    }


# --------------------------------------------------------------------------- the run


def _say(text: str) -> None:
    print(text, flush=True)


def run_database(plan: Plan, name: str) -> Run:
    run = Run(database=name)
    for size in plan.sizes:
        with (
            tempfile.TemporaryDirectory(prefix="heard-bench-") as folder,
            _database(plan, name, Path(folder)) as env,
        ):
            _say(f"[{name}] seeding {size:,} bonds with {plan.days} days of history ...")
            seeded = _child(env, "seed", str(size), str(plan.days))
            run.seeded[size] = {k: seeded[k] for k in ("bonds", "people", "days", "seconds")}
            persons = seeded["persons"]
            _say(f"[{name}] seeded in {seeded['seconds']} s; measuring pages in process ...")
            run.inprocess[size] = _child(env, "inprocess", json.dumps(persons[0]), str(plan.repeat))
            if size != plan.sizes[-1]:
                continue
            with _server(env, workers=_default_workers()) as (port, server):
                for page in CLOSED_PAGES:
                    _closed(port, persons, page, 10, 1.0)  # warm both workers
                    for clients in CLIENTS:
                        _say(f"[{name}] closed loop: {page} at {clients} clients ...")
                        run.closed.setdefault(page, {})[clients] = _closed(
                            port, persons, page, clients, plan.closed_seconds
                        )
                _say(f"[{name}] open loop: 50 people acting every 3 s ...")
                run.open = _open(port, persons[:50], plan.open_seconds)
                # Logins first: the coach below loads the language model into the workers.
                _say(f"[{name}] 20 concurrent logins ...")
                run.login_memory = _logins(port, server, seeded["login_usernames"])
                _say(f"[{name}] long coach requests beside the pages ...")
                run.coach = _coach(port, seeded, persons, plan.closed_seconds)
            for workers in (1, 2):
                _say(f"[{name}] Today at 10 clients with {workers} worker process(es) ...")
                with _server(env, workers=workers) as (port, _):
                    _closed(port, persons, "today", 10, 1.0)  # warm
                    run.workers[workers] = _closed(port, persons, "today", 10, plan.closed_seconds)
    return run


def _default_workers() -> int:
    from heard.core.server import default_workers

    return default_workers()


# --------------------------------------------------------------------------- the report


@dataclass
class Target:
    what: str
    measured: str
    met: bool


def _fmt(value: float, digits: int = 1) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"


def targets(plan: Plan, runs: list[Run]) -> list[Target]:
    found: list[Target] = []
    small, large = plan.sizes[0], plan.sizes[-1]
    for run in runs:
        db = run.database
        big = run.inprocess[large]
        trivial = big["trivial"]["cpu_ms"]
        worst = max((big[p]["cpu_ms"] / trivial, p) for p in [*KEY_PAGES, *API_TWINS])
        found.append(
            Target(
                f"{db}: key pages and API twins ≤ 3× the trivial view in CPU",
                f"worst {worst[1]} {worst[0]:.1f}×",
                worst[0] <= 3,
            )
        )
        for page, limit in (("today", 12), ("progress", 15)):
            counts = {run.inprocess[s][page]["queries"] for s in plan.sizes}
            found.append(
                Target(
                    f"{db}: {page} ≤ {limit} queries, the same at every size",
                    ", ".join(str(run.inprocess[s][page]["queries"]) for s in plan.sizes),
                    max(counts) <= limit and len(counts) == 1,
                )
            )
        found.append(
            Target(
                f"{db}: middleware ≤ 2 queries (trivial view), /healthz 0",
                f"{big['trivial']['queries']} and {big['healthz']['queries']}",
                big["trivial"]["queries"] <= 2 and big["healthz"]["queries"] == 0,
            )
        )
        ratios = {
            p: run.inprocess[large][p]["cpu_ms"] / run.inprocess[small][p]["cpu_ms"]
            for p in [*KEY_PAGES, *API_TWINS]
        }
        worst_ratio = max(ratios.items(), key=lambda item: item[1])
        found.append(
            Target(
                f"{db}: {large:,}/{small:,} bonds CPU ratio ≤ 1.3 for every page",
                f"worst {worst_ratio[0]} {worst_ratio[1]:.2f}",
                worst_ratio[1] <= 1.3,
            )
        )
        writes = sum(run.inprocess[large][p]["writes"] for p in run.inprocess[large])
        found.append(Target(f"{db}: GETs do no write", f"{writes} writes", writes == 0))
        if run.workers:
            gain = run.workers[2].rps / max(run.workers[1].rps, 1e-9)
            found.append(
                Target(
                    f"{db}: 2 processes ≥ 1.7× the throughput of 1 (Today, 10 clients)",
                    f"{run.workers[1].rps:.0f} → {run.workers[2].rps:.0f} req/s ({gain:.2f}×)",
                    gain >= 1.7,
                )
            )
        if run.closed:
            p95 = run.closed["today"][50].percentile(95)
            found.append(
                Target(
                    f"{db}: Today p95 ≤ 500 ms at 50 closed-loop clients",
                    f"{p95:.0f} ms",
                    p95 <= 500,
                )
            )
        if run.open:
            worst_open = max((r.percentile(95), p) for p, r in run.open.items())
            found.append(
                Target(
                    f"{db}: p95 ≤ 100 ms on every key page, 50 people every 3 s",
                    f"worst {worst_open[1]} {worst_open[0]:.0f} ms",
                    worst_open[0] <= 100,
                )
            )
        if run.coach:
            kept = {p: v["beside_rps"] / max(v["alone_rps"], 1e-9) for p, v in run.coach.items()}
            found.append(
                Target(
                    f"{db}: /healthz and Today keep ≥ 50% throughput beside 8 long coach requests",
                    ", ".join(f"{p} {k:.0%}" for p, k in kept.items()),
                    min(kept.values()) >= 0.5,
                )
            )
        if run.login_memory:
            peak = run.login_memory["peak_max_mb"]
            found.append(
                Target(
                    f"{db}: peak memory of a process during 20 concurrent logins ≤ 300 MB",
                    f"{peak:.0f} MB (all {run.login_memory['processes']} processes: "
                    f"{run.login_memory['peak_total_mb']:.0f} MB)",
                    peak <= 300,
                )
            )
    return found


def report(plan: Plan, runs: list[Run], started: datetime.datetime) -> str:
    small, large = plan.sizes[0], plan.sizes[-1]
    load_avg = os.getloadavg()
    lines = [
        "## Web: what pages cost (heard bench web)",
        "",
        f"Measured {started:%Y-%m-%d} with `heard bench web{' --quick' if plan.quick else ''}` "
        f"on {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}: "
        "production settings, `heard serve` with its default workers (one per core), the "
        "load generator on the same machine. **The machine was shared with other work while "
        f"this ran** (load average {load_avg[0]:.1f} at the end, on 2 cores), so absolute "
        "figures are pessimistic and noisy; the ratios measured within one run are what to "
        "read. "
        + (
            "`--quick` uses smaller sizes and shorter runs than the full command "
            f"({small:,} and {large:,} bonds instead of 1,000 and 100,000). "
            if plan.quick
            else ""
        ),
        "",
        f"Each bond has {plan.days} days of history: both people's daily check-ins with a "
        "connection rating, a daily question both answered, a listening dialogue weekly, "
        "a note of appreciation every ten days and check-ups.",
        "",
        "### In process: CPU and queries per request",
        "",
        "CPU is the median thread CPU time of one request through the whole middleware stack "
        f"(no server), {plan.repeat} requests after a warm-up; ×trivial is the ratio to the "
        "trivial authenticated view (`/manifest.webmanifest`) in the same run.",
        "",
    ]
    header = (
        "| page |"
        + "".join(
            f" {r.database} {s:,}: CPU ms (×trivial) | queries |" for r in runs for s in plan.sizes
        )
        + "".join(f" {r.database} {large:,}/{small:,} |" for r in runs)
    )
    lines += [header, "|---|" + "---:|---:|" * (len(runs) * len(plan.sizes)) + "---:|" * len(runs)]
    for page in runs[0].inprocess[small]:
        cells = []
        for run in runs:
            for size in plan.sizes:
                m = run.inprocess[size][page]
                trivial = run.inprocess[size]["trivial"]["cpu_ms"]
                cells.append(
                    f" {m['cpu_ms']:.2f} ({m['cpu_ms'] / trivial:.1f}×) | {m['queries']} |"
                )
        for run in runs:
            ratio = run.inprocess[large][page]["cpu_ms"] / run.inprocess[small][page]["cpu_ms"]
            cells.append(f" {ratio:.2f} |")
        lines.append(f"| {page} |" + "".join(cells))
    for run in runs:
        if not run.closed:
            continue
        lines += [
            "",
            f"### {run.database}, {large:,} bonds: closed loop ({plan.closed_seconds:g} s per cell)",
            "",
            "| page | clients | req/s | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for page, by_clients in run.closed.items():
            for clients, r in by_clients.items():
                lines.append(
                    f"| {page} | {clients} | {r.rps:.0f} | {_fmt(r.percentile(50))} | "
                    f"{_fmt(r.percentile(95))} | {_fmt(r.percentile(99))} | {r.errors} |"
                )
        lines += [
            "",
            f"Open loop, 50 people each acting every 3 s on a random key page or API twin, "
            f"{plan.open_seconds:g} s (latency from when the action was due):",
            "",
            "| page | requests | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for page in OPEN_PAGES:
            acted = run.open.get(page)
            if acted is not None:
                lines.append(
                    f"| {page} | {acted.count} | {_fmt(acted.percentile(50))} | "
                    f"{_fmt(acted.percentile(95))} | {_fmt(acted.percentile(99))} | {acted.errors} |"
                )
        lines += ["", "Worker processes (Today, 10 clients):", ""]
        lines += [
            f"- {w} process{'es' if w > 1 else ''}: {r.rps:.0f} req/s, p95 {_fmt(r.percentile(95))} ms"
            for w, r in run.workers.items()
        ]
        lines += ["", "Beside 8 long coach requests (4,800 characters each), 10 clients:", ""]
        for page, v in run.coach.items():
            lines.append(
                f"- {page}: {v['alone_rps']:.0f} req/s alone, {v['beside_rps']:.0f} beside "
                f"(p95 {_fmt(v['beside_p95'])} ms); the coach answered {v['coach_done']:.0f} "
                f"long requests and said it was busy to {v['coach_busy']:.0f} (their clients "
                f"waited 1 s before trying again), p50 {_fmt(v['coach_p50'], 0)} ms, "
                f"{v['coach_errors']:.0f} errors"
            )
        m = run.login_memory
        lines += [
            "",
            f"20 concurrent logins (Argon2id, real parameters): {m['logins']:.0f} answered, "
            f"{m['errors']:.0f} errors, p95 {_fmt(m['p95_ms'], 0)} ms; largest process "
            f"{m['before_max_mb']:.0f} MB before, {m['peak_max_mb']:.0f} MB at peak "
            f"({m['processes']:.0f} processes, {m['peak_total_mb']:.0f} MB together).",
        ]
    lines += ["", "### Targets (issue 18)", "", "| target | measured | |", "|---|---|---|"]
    for t in targets(plan, runs):
        lines.append(f"| {t.what} | {t.measured} | {'met' if t.met else '**MISSED**'} |")
    seeded = "; ".join(
        f"{r.database} {s:,} bonds in {r.seeded[s]['seconds']} s" for r in runs for s in plan.sizes
    )
    lines += ["", f"Seeding (bulk inserts): {seeded}."]
    return "\n".join(lines) + "\n"


def write_docs(section: str) -> None:
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    block = f"<!-- web:start -->\n{section}<!-- web:end -->"
    if "<!-- web:start -->" in text:
        text = re.sub(r"<!-- web:start -->.*?<!-- web:end -->", lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="heard bench web", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, shorter runs")
    parser.add_argument(
        "--databases",
        type=lambda v: [d.strip() for d in v.split(",") if d.strip()],
        default=["sqlite", "postgres"],
        help="comma-separated: sqlite,postgres",
    )
    parser.add_argument(
        "--sizes",
        type=lambda v: [int(s) for s in v.split(",")],
        help="bonds, comma-separated (default 1000,100000; --quick 200,5000)",
    )
    parser.add_argument("--days", type=int, help="days of history (default 30; --quick 14)")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "HEARD_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
        ),
        help="a server where the bench may create and drop its own databases",
    )
    parser.add_argument(
        "--seconds", type=float, help="seconds per closed-loop cell (the open loop runs 5×)"
    )
    parser.add_argument("--no-docs", action="store_true", help="don't write docs/benchmarks.md")
    plan = Plan.from_args(parser.parse_args(argv))
    if len(plan.sizes) < 2:
        parser.error("--sizes needs two sizes (the ratio compares them)")
    started = datetime.datetime.now(datetime.UTC)
    runs = [run_database(plan, name) for name in plan.databases]
    section = report(plan, runs, started)
    print()
    print(section)
    if plan.write_docs:
        write_docs(section)
        print(f"Wrote the Web section of {DOCS}")
    return 0
