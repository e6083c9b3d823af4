"""Let these tests run without Django (``pytest -p no:django``).

The repository's root conftest has an autouse fixture that asks for pytest-django's
``settings``. The deck is plain Python and needs no settings, so give these tests a stand-in
that the root fixture can write to, whether or not pytest-django is loaded.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def settings() -> SimpleNamespace:
    return SimpleNamespace()
