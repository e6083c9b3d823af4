"""Helpers for tests that run Heard as real processes (`heard serve`, `heard worker`)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

TEST_KEY = "Z2VuZXJhdGVkLWZvci10ZXN0cy1vbmx5LTAxMjM0NTY="


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment for a Heard process: none of the test run's own HEARD_*, database or
    Django variables, a data folder of its own, fixed keys."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HEARD_", "SECRET_KEY", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        {
            "HEARD_DATA_DIR": str(tmp / "data"),
            "SECRET_KEY": "process-test-" + "s3cr3t-" * 8,
            "HEARD_ENCRYPTION_KEYS": TEST_KEY,
            "HEARD_NLP_ENABLED": "false",
            **extra,
        }
    )
    return env


def wait_for_http(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own loopback server
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer:\n{log.read_text()}")
