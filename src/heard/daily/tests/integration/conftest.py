"""Helpers shared by the daily app's database tests."""

from __future__ import annotations

from heard.checkup.tests.integration.conftest import screened  # noqa: F401
