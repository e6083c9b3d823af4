from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from heard.accounts.sessions import device_session_touch

LOGIN_AT = "heard_login_at"
SEEN_AT = "heard_seen_at"


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_TIMEOUT without activity, or SESSION_MAX_AGE after login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            login_at = request.session.get(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            if (
                now - seen_at > settings.SESSION_IDLE_TIMEOUT
                or now - login_at > settings.SESSION_MAX_AGE
            ):
                logout(request)
                messages.info(request, "You were logged out to keep your account private.")
            elif request.headers.get("X-Heard-Background") != "poll":
                # Background polling (a dialogue waiting for the other person) is not activity.
                request.session[LOGIN_AT] = login_at
                request.session[SEEN_AT] = now
                device_session_touch(request=request)
        return self.get_response(request)
