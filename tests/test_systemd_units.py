"""The systemd units we ship (deploy/systemd/) pass `systemd-analyze verify`, and start what
they say: `heard serve` and `heard worker` with the settings from /etc/heard/heard.env."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parents[1] / "deploy" / "systemd"
INSTALLED = "/opt/heard/.venv/bin/heard"


def _heard() -> str:
    found = Path(sys.executable).with_name("heard")
    return str(found) if found.exists() else (shutil.which("heard") or "")


def test_the_units_start_heard_serve_and_heard_worker_from_the_installed_venv():
    web = (UNITS / "heard.service").read_text()
    worker = (UNITS / "heard-worker.service").read_text()
    assert f"ExecStart={INSTALLED} serve --host 127.0.0.1 --port 8000" in web
    assert f"ExecStart={INSTALLED} worker" in worker
    for unit in (web, worker):
        assert "EnvironmentFile=/etc/heard/heard.env" in unit
        assert "User=heard" in unit and "ProtectSystem=strict" in unit
        assert "ReadWritePaths=/var/lib/heard" in unit


def test_systemd_analyze_verifies_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        if os.environ.get("CI") == "true":
            pytest.fail("systemd-analyze is required under CI=true (apt-get install systemd)")
        pytest.skip("systemd-analyze not installed")
    heard = _heard()
    assert heard, "the heard command is installed beside this Python"
    copies = []
    for unit in sorted(UNITS.glob("*.service")):
        # verify checks that ExecStart exists: point it at this checkout's heard command.
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace(INSTALLED, heard))
        copies.append(str(copy))
    assert len(copies) == 2
    done = subprocess.run([analyze, "verify", *copies], capture_output=True, text=True, timeout=60)
    problems = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and "heard" in line.lower()
    ]
    assert done.returncode == 0 and problems == [], done.stdout + done.stderr
