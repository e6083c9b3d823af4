"""Fixtures for the daily-exchange tests: a bond both people have screened, and a clock."""

from __future__ import annotations

import datetime

import pytest


@pytest.fixture
def noon() -> datetime.datetime:
    return datetime.datetime(2025, 3, 10, 12, 0, tzinfo=datetime.UTC)
