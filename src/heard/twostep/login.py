"""The second step of logging in: between the password and the code, the session holds only
who is halfway in (nothing is logged in yet), and for at most a few minutes. A browser can be
remembered for 30 days, only when the person ticks the box."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from heard.accounts.models import User
from heard.twostep.models import TotpDevice

PENDING = "heard_twostep_pending"
PENDING_SECONDS = 300
REMEMBER_COOKIE = "heard_twostep"
REMEMBER_DAYS = 30
_SALT = "heard.twostep.remember"


def pending_start(request: HttpRequest, *, user: User, next_url: str) -> None:
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "at": time.time(),
        "next": next_url,
    }


def pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    """Who passed the password step in this browser, if that was recent."""
    data = request.session.get(PENDING)
    if not isinstance(data, dict) or time.time() - data.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=int(data.get("user") or 0), is_active=True).first()
    return (user, data) if user is not None else None


def pending_end(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def _token(user: User, device: TotpDevice) -> str:
    # The auth hash changes with the password and with "log out everywhere"; a new app has a
    # new device id. Either way a remembered browser is asked again.
    return signing.dumps(
        {"u": user.pk, "d": device.pk, "h": user.get_session_auth_hash()[:20]}, salt=_SALT
    )


def remember(response: HttpResponse, request: HttpRequest, *, user: User) -> None:
    device = TotpDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return
    response.set_cookie(
        REMEMBER_COOKIE,
        _token(user, device),
        max_age=REMEMBER_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def remembered(request: HttpRequest, *, user: User) -> bool:
    value = request.COOKIES.get(REMEMBER_COOKIE)
    device = TotpDevice.objects.filter(user=user, confirmed=True).first()
    if not value or device is None:
        return False
    try:
        data = signing.loads(value, salt=_SALT, max_age=REMEMBER_DAYS * 86400)
    except signing.BadSignature:
        return False
    return bool(data == signing.loads(_token(user, device), salt=_SALT))
