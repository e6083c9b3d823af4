from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
