"""How the API's schema describes its error answers (heard.api.HeardAPI adds them by rule;
an operation that can give more says so with also_answers)."""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in words."}},
    "required": ["detail"],
}


def also_answers(*statuses: int) -> dict[str, Any]:
    """openapi_extra for an operation that can give more errors than its kind implies
    (heard.api._errors_for), such as a throttle's 429."""
    return {"responses": {str(status): error_response(EXTRA_ERRORS[status]) for status in statuses}}


EXTRA_ERRORS = {
    410: "It is no longer there: for example, an invite that expired or was cancelled.",
    429: "Too many tries in a short time; the message says how long to wait.",
    503: "Switched off on this server, or busy; try again later.",
}


def error_response(why: str) -> dict[str, Any]:
    return {
        "description": why,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
