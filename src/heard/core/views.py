from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from heard.core.selectors import today_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    return render(request, "core/today.html", today_for(user=request.user))  # type: ignore[arg-type]


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    return render(request, "core/welcome.html")


@login_required
def talk(request: HttpRequest) -> HttpResponse:
    return render(request, "core/talk.html")


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    return render(request, "core/progress.html")


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html")


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def manifest(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "name": "Heard",
            "short_name": "Heard",
            "start_url": "/",
            "display": "standalone",
            "background_color": "#f7f5f2",
            "theme_color": "#3d6b63",
            "icons": [{"src": "/static/heard/icon.svg", "sizes": "any", "type": "image/svg+xml"}],
        },
        content_type="application/manifest+json",
    )


def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse({"detail": "There is no such API endpoint."}, status=404)
