"""Sample activity for `heard demo`. Feature apps append a function (bond, first, second)."""

from collections.abc import Callable
from typing import Any

DEMO_ACTIVITY: list[Callable[[Any, Any, Any], None]] = []
