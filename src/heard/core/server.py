"""`heard serve`: waitress in several processes, so every core serves pages.

Waitress runs Python threads in one process, so one process uses one core (the GIL). This is a
small pre-fork supervisor around it: the parent opens the listening sockets, forks ``workers``
children that each run waitress on one of them, starts a new child when one dies, and stops
them all on SIGTERM or Ctrl+C.

Where the system has ``SO_REUSEPORT`` (Linux), each child gets a socket of its own on the same
port and the kernel spreads new connections evenly over them. With one shared socket, the
children race to accept, and a burst of new connections (a proxy or a browser opening its
keep-alive connections at once) could all land in one child while the other cores sat idle.
Where it is missing, every child accepts on one shared socket, as before.

Waitress's reverse-proxy handling (trusted proxy, X-Forwarded-For/Proto) is the same in every
child, so HEARD_TRUSTED_PROXIES works as before.

Each child opens its own database connections (none are open in the parent when it forks)
and loads the language model on first use, so memory grows by about one process per worker."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

# A child that dies sooner than this after starting is restarted only after a pause, so a
# crash at start-up (a bad setting) doesn't spin.
QUICK_DEATH_SECONDS = 5.0
STOP_GRACE_SECONDS = 20.0


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def listen(host: str, port: int, backlog: int = 2048, reuse_port: bool = False) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


def listen_all(host: str, port: int, workers: int) -> list[socket.socket]:
    """One socket per worker on the same port where ``SO_REUSEPORT`` is there, else one
    shared socket for all of them."""
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):
        return [listen(host, port)]
    try:
        first = listen(host, port, reuse_port=True)
    except OSError:  # the option exists but this kernel refuses it
        return [listen(host, port)]
    bound = first.getsockname()[1]  # the port the system chose, where 0 was asked for
    return [first, *(listen(host, bound, reuse_port=True) for _ in range(workers - 1))]


def _run_waitress(app: Any, sock: socket.socket, options: dict[str, Any]) -> None:
    from waitress import serve

    serve(app, sockets=[sock], _quiet=True, **options)


def serve_forever(
    *,
    app_factory: Callable[[], Any],
    host: str,
    port: int,
    workers: int,
    options: dict[str, Any],
) -> int:
    """Serve until stopped. ``workers`` 1 runs waitress in this process."""
    sockets = listen_all(host, port, workers)
    if workers <= 1:
        _run_waitress(app_factory(), sockets[0], options)
        return 0
    return Supervisor(
        app_factory=app_factory, sockets=sockets, workers=workers, options=options
    ).run()


class Supervisor:
    def __init__(
        self,
        *,
        app_factory: Callable[[], Any],
        sockets: list[socket.socket],
        workers: int,
        options: dict[str, Any],
    ) -> None:
        self.app_factory = app_factory
        self.sockets = sockets  # one per worker slot, or one shared by all
        self.workers = workers
        self.options = options
        self.children: dict[int, tuple[float, int]] = {}  # pid -> (started at, slot)
        self.stopping = False

    def run(self) -> int:
        from django.db import connections

        # The application is loaded once here, so each child starts warm and shares the
        # parent's pages in memory until it writes to them.
        app = self.app_factory()
        # No connection (or connection pool, with its threads) may cross the fork.
        connections.close_all()
        for connection in connections.all(initialized_only=True):
            close_pool = getattr(connection, "close_pool", None)
            if close_pool is not None:
                close_pool()
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        for slot in range(self.workers):
            self._spawn(app, slot)
        while self.children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:  # pragma: no cover - PEP 475 retries os.wait
                continue
            child = self.children.pop(pid, None)
            if child is None or self.stopping:
                continue
            started, slot = child
            code = os.waitstatus_to_exitcode(status)
            print(f"heard serve: worker {pid} stopped ({code}); starting another", flush=True)
            if time.monotonic() - started < QUICK_DEATH_SECONDS:
                time.sleep(1)
            if not self.stopping:
                self._spawn(app, slot)  # the same socket: its waiting connections are served
        return 0

    def _spawn(self, app: Any, slot: int) -> None:
        sock = self.sockets[slot % len(self.sockets)]
        pid = os.fork()
        if pid == 0:  # the child
            code = 0
            try:
                signal.signal(signal.SIGTERM, _exit_now)
                signal.signal(signal.SIGINT, _exit_now)
                for other in self.sockets:
                    if other is not sock:
                        other.close()
                _run_waitress(app, sock, self.options)
            except SystemExit as exc:
                code = int(exc.code or 0)
            except BaseException:  # pragma: no cover - reported, then the parent restarts it
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.children[pid] = (time.monotonic(), slot)

    def _stop(self, signum: int, frame: Any) -> None:
        if self.stopping:
            return
        self.stopping = True
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.children.pop(pid, None)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while self.children and time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                self.children.pop(pid, None)
            else:
                time.sleep(0.05)
        for pid in list(self.children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _exit_now(signum: int, frame: Any) -> None:
    raise SystemExit(0)
