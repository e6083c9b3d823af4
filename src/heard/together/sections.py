"""This app's part of Together: love languages, appreciation and the check-in link."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.bonds.selectors import bonds_for
from heard.core.sections import Section, register


@register("together", order=30)
def together_caring(request: HttpRequest, **_: Any) -> Section:
    return Section("together/parts/together.html", {"bonds": bonds_for(user=request.user)})  # type: ignore[arg-type]
