"""Helpers shared by the progress app's database tests."""

from __future__ import annotations

from heard.checkup.tests.integration.conftest import all_answers  # noqa: F401
