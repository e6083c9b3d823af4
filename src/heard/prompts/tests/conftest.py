"""Fixtures for the daily-exchange tests: a bond both people have screened, and a clock."""

from __future__ import annotations

import datetime
from typing import Any

import pytest


@pytest.fixture
def ready_bond(bond: Any, alice: Any, bob: Any) -> Any:
    """The alice+bob partner bond with both safety screenings answered (no pause)."""
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    return bond


@pytest.fixture
def noon() -> datetime.datetime:
    return datetime.datetime(2025, 3, 10, 12, 0, tzinfo=datetime.UTC)
