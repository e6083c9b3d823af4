"""A small load generator for `heard bench web`: HTTP/1.1 with keep-alive on asyncio.

Why not locust: locust runs on gevent and monkey-patches the process it is imported into, and
its HTTP users cost more CPU per request than this loop. On a 2-core machine the load
generator shares the cores with the server it measures, so the lighter the better. This
client does two things only:

- closed loop: C clients, each sending its next request as soon as the last one answered;
- open loop: people who each act on a fixed schedule (every 3 s, at a random phase), whether
  or not the server kept up. Latency is counted from when the action was due, so a slow
  server cannot hide its queue (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: int = 0
    busy: int = 0  # 429 answers (rate limited or busy), which are not errors
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """The p-th percentile latency in ms (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    def merge(self, other: Result) -> None:
        self.latencies.extend(other.latencies)
        self.errors += other.errors


@dataclass(frozen=True)
class Request:
    path: str
    cookie: str = ""
    method: str = "GET"
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def send(self, request: Request) -> tuple[int, bytes, dict[str, str]]:
        """Send one request; the status, the body and the headers (lower-case names)."""
        for attempt in (1, 2):  # a kept-alive connection the server closed: once more
            if self.writer is None:
                await self._open()
            try:
                return await self._exchange(request)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, request: Request) -> tuple[int, bytes, dict[str, str]]:
        assert self.reader is not None and self.writer is not None
        lines = [
            f"{request.method} {request.path} HTTP/1.1",
            "Host: localhost",
            "Accept-Encoding: gzip",
            "User-Agent: heard-bench",
        ]
        if request.cookie:
            lines.append(f"Cookie: {request.cookie}")
        for name, value in request.headers:
            lines.append(f"{name}: {value}")
        if request.body or request.method != "GET":
            lines.append(f"Content-Length: {len(request.body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + request.body)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        cookies: list[str] = []
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "set-cookie":
                cookies.append(value.strip())
            headers[name] = value.strip()
        if cookies:
            headers["set-cookie"] = "\n".join(cookies)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, body, headers


def _ok(status: int) -> bool:
    return 200 <= status < 400


async def _closed_client(
    host: str, port: int, requests: Callable[[], Request], until: float, result: Result
) -> None:
    conn = Connection(host, port)
    try:
        while time.monotonic() < until:
            request = requests()
            start = time.monotonic()
            try:
                status, _, _ = await conn.send(request)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                result.errors += 1
                await conn.close()
                await asyncio.sleep(0.05)
                continue
            result.latencies.append(time.monotonic() - start)
            if status == 429:  # "try again in a moment": as a person would, wait a second
                result.busy += 1
                await asyncio.sleep(1.0)
            elif not _ok(status):
                result.errors += 1
    finally:
        await conn.close()


def closed_loop(
    host: str, port: int, requests: Sequence[Callable[[], Request]], seconds: float
) -> Result:
    """One client per entry of ``requests`` (each returns that client's next request)."""

    async def run() -> Result:
        result = Result()
        until = time.monotonic() + seconds
        start = time.monotonic()
        await asyncio.gather(*(_closed_client(host, port, r, until, result) for r in requests))
        result.seconds = time.monotonic() - start
        return result

    return asyncio.run(run())


def open_loop(
    host: str,
    port: int,
    people: Sequence[Callable[[], tuple[str, Request]]],
    every: float,
    seconds: float,
    seed: int = 18,
) -> dict[str, Result]:
    """Each person acts every ``every`` seconds for ``seconds``; results per action name."""
    rng = random.Random(seed)
    results: dict[str, Result] = {}

    async def person(act: Callable[[], tuple[str, Request]], phase: float, t0: float) -> None:
        idle: list[Connection] = []
        pending: set[asyncio.Task[None]] = set()

        async def one(due: float) -> None:
            name, request = act()
            conn = idle.pop() if idle else Connection(host, port)
            result = results.setdefault(name, Result())
            try:
                status, _, _ = await conn.send(request)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                result.errors += 1
                await conn.close()
                return
            result.latencies.append(time.monotonic() - due)
            if not _ok(status):
                result.errors += 1
            idle.append(conn)

        due = t0 + phase
        while due < t0 + seconds:
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(one(due))
            pending.add(task)
            task.add_done_callback(pending.discard)
            due += every
        if pending:
            await asyncio.gather(*pending)
        for conn in idle:
            await conn.close()

    async def run() -> None:
        t0 = time.monotonic() + 0.5
        await asyncio.gather(*(person(act, rng.uniform(0, every), t0) for act in people))

    start = time.monotonic()
    asyncio.run(run())
    for result in results.values():
        result.seconds = time.monotonic() - start
    return results


def send_one(host: str, port: int, request: Request) -> tuple[int, bytes, dict[str, str]]:
    """One request; the body comes back decompressed."""
    import gzip

    async def run() -> tuple[int, bytes, dict[str, str]]:
        conn = Connection(host, port)
        try:
            return await conn.send(request)
        finally:
            await conn.close()

    status, body, headers = asyncio.run(run())
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return status, body, headers


def all_at_once(host: str, port: int, requests: Sequence[Request]) -> Result:
    """Each request on its own connection, all sent at the same moment."""

    async def one(request: Request, result: Result) -> None:
        conn = Connection(host, port)
        start = time.monotonic()
        try:
            status, _, _ = await conn.send(request)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            return
        finally:
            await conn.close()
        result.latencies.append(time.monotonic() - start)
        if not _ok(status):
            result.errors += 1

    async def run() -> Result:
        result = Result()
        start = time.monotonic()
        await asyncio.gather(*(one(r, result) for r in requests))
        result.seconds = time.monotonic() - start
        return result

    return asyncio.run(run())
