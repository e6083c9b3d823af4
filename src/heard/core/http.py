from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request: HttpRequest) -> str:
    """The client's IP. Behind a proxy, `heard serve` has already put the address from the
    trusted proxy's X-Forwarded-For here; a header from anyone else never counts."""
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104  # nosec B104 - not a bind address


def safe_next(request: HttpRequest, fallback: str) -> str:
    """``next`` when it is a path on this site, else ``fallback`` (a URL name or path).

    Only a path is returned: ``redirect("home")`` would treat a bare word as a URL name."""
    target: Any = request.POST.get("next") or request.GET.get("next")
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return fallback
    parts = urlsplit(str(target))
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return fallback
    return str(target)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


if TYPE_CHECKING:
    from heard.accounts.models import User

    class AuthedRequest(HttpRequest):
        """A request behind @login_required: ``user`` is a real User."""

        user: User  # type: ignore[assignment]
else:
    AuthedRequest = HttpRequest
