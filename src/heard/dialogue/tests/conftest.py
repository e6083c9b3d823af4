"""Fixtures for the dialogue tests: the partner bond past the safety question, and dialogues."""

from __future__ import annotations

from typing import Any

import pytest

from heard.dialogue import services
from heard.dialogue.models import Dialogue, Mode
from heard.safety.services import screening_submit


@pytest.fixture
def screened(bond: Any, alice: Any, bob: Any) -> Any:
    """The partner bond with both people past the private safety question."""
    screening_submit(user=alice, bond=bond, answers={})
    screening_submit(user=bob, bond=bond, answers={})
    return bond


@pytest.fixture
def dialogue(screened: Any, alice: Any, bob: Any) -> Dialogue:
    """An apart-mode dialogue: alice speaks, bob listens."""
    return services.dialogue_start(bond=screened, starter=alice, other=bob, mode=Mode.APART)


@pytest.fixture
def together(screened: Any, alice: Any, bob: Any) -> Dialogue:
    return services.dialogue_start(bond=screened, starter=alice, other=bob, mode=Mode.TOGETHER)
