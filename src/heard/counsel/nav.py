"""The Clients place: counsellors get their own navigation (Clients, Help, Account); people in
bonds never see it. Whether someone is a counsellor is read once, when they log in, and kept in
their session, so no page pays a query for the menu (Today stays at its query budget). Every
counsellor page still checks the role in the database; the menu is only a menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

SESSION_KEY = "heard_counsellor"

COUNSELLOR_NAV = [
    ("clients", "Clients", "counsel:clients"),
    ("help", "Help", "core:help"),
    ("account", "Account", "accounts:account"),
]
COUNSELLOR_SECTIONS = {"counsel": "clients", "accounts": "account", "twostep": "account"}


def remember_role(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    """user_logged_in receiver: keep the role in the new session."""
    from heard.counsel.selectors import is_counsellor

    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = bool(is_counsellor(user))


def nav(request: HttpRequest) -> dict[str, Any]:
    """Context processor (after heard.core's): the counsellor's menu instead of the five places."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None:
        return {}
    if not session.get(SESSION_KEY):
        return {}
    match = getattr(request, "resolver_match", None)
    section = None
    if match is not None:
        namespace = match.namespaces[0] if match.namespaces else ""
        if namespace == "core" and match.url_name == "help":
            section = "help"
        else:
            section = COUNSELLOR_SECTIONS.get(namespace)
    return {"nav_items": COUNSELLOR_NAV, "section": section, "is_counsellor": True}
