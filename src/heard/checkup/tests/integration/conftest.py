"""Helpers shared by the check-up app's database tests."""

from __future__ import annotations

from typing import Any

import pytest

from heard.checkup.content import checkup_items_for


@pytest.fixture
def screened(bond: Any, alice: Any, bob: Any) -> Any:
    """The partner bond with both people past the private safety question."""
    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=bond, answers={})
    screening_submit(user=bob, bond=bond, answers={})
    return bond


def all_answers(kind: str = "partner", value: int = 4) -> dict[str, int]:
    return {item.id: value for item in checkup_items_for(kind)}


def form_data(answers: dict[str, int], **extra: Any) -> dict[str, Any]:
    data = {f"a_{key}": str(value) for key, value in answers.items()}
    data.update({k: str(v) for k, v in extra.items()})
    return data
