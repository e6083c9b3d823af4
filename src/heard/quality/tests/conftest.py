"""Two people in a partner bond, past the safety question, in different time zones."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def screened(bond: Any, alice: Any, bob: Any) -> Any:
    from heard.safety.services import screening_submit

    alice.time_zone = "Europe/London"
    alice.save(update_fields=["time_zone"])
    bob.time_zone = "America/New_York"
    bob.save(update_fields=["time_zone"])
    screening_submit(user=alice, bond=bond, answers={})
    screening_submit(user=bob, bond=bond, answers={})
    return bond
