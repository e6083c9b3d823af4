"""Helpers shared by the together app's database tests."""

from __future__ import annotations

from heard.checkup.tests.integration.conftest import form_data, screened  # noqa: F401
from heard.together.content import love_language_items_for


def love_answers(kind: str = "partner", **by_language: int) -> dict[str, int]:
    return {i.id: by_language.get(i.language, 3) for i in love_language_items_for(kind)}
