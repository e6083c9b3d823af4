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
# The last-seen time is written at most this often: a write on every page would make every
# page a write transaction (and on SQLite every writer waits for the one before). The idle
# timeout is therefore exact to within this many seconds.
STAMP_EVERY_SECONDS = 60
# Paths that never look at the session: the liveness check answers with no query at all.
SESSIONLESS_PATHS = frozenset({"/healthz"})


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_TIMEOUT without activity, or SESSION_MAX_AGE after login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in SESSIONLESS_PATHS:
            return self.get_response(request)
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
            elif request.headers.get("X-Heard-Background") != "poll" and (
                LOGIN_AT not in request.session
                or SEEN_AT not in request.session
                or now - seen_at >= STAMP_EVERY_SECONDS
            ):
                # Background polling (a dialogue waiting for the other person) is not activity.
                request.session[LOGIN_AT] = login_at
                request.session[SEEN_AT] = now
                device_session_touch(request=request)
        return self.get_response(request)
