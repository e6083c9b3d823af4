import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("heard.api")


class PrivacyHeadersMiddleware:
    """Private pages are never cached, and the browser may not use location, camera or mic."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        response.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"
        )
        return response


class NotFoundMiddleware:
    """A service's NotFound becomes the ordinary 404 page, the same for everyone who may not see."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.http import Http404
        from django.views.defaults import page_not_found

        from heard.core.errors import NotFound

        if isinstance(exception, NotFound):
            return page_not_found(request, Http404(exception.message))
        return None


class ApiErrorsMiddleware:
    """Under /api/, every error is JSON with the right status: Django's own 403, 404, 405,
    413 and 500 answers are HTML otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return _json_error(response.status_code, _reason(response), response.get("Allow"))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.core.exceptions import RequestDataTooBig

        if not request.path.startswith("/api/"):
            return None
        if isinstance(exception, RequestDataTooBig):
            return _json_error(413, "The request body is too large.")
        from heard.core.errors import NotFound

        if isinstance(exception, NotFound):
            return None
        logger.error("API error on %s %s", request.method, request.path, exc_info=exception)
        return _json_error(500, "Something went wrong on our side. Nothing you sent was lost.")


def _reason(response: HttpResponse) -> str:
    from http import HTTPStatus

    messages = {
        403: "You may not do that here.",
        404: "There is no such API endpoint.",
        405: "That method is not allowed here.",
    }
    try:
        fallback = HTTPStatus(response.status_code).phrase
    except ValueError:
        fallback = "The request failed."
    return messages.get(response.status_code, fallback)


def _json_error(status: int, detail: str, allow: str | None = None) -> HttpResponse:
    from django.http import JsonResponse

    response = JsonResponse({"detail": detail}, status=status)
    if allow:
        response["Allow"] = allow
    return response
