"""These tests are pure Python: they need neither Django settings nor a database.

The project's root conftest has an autouse fixture that needs pytest-django's ``settings``;
this no-op of the same name replaces it here, so the tests also run with ``-p no:django``.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated() -> None:
    return None
