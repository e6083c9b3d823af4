from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from heard.core import notices
from heard.core.health import health
from heard.core.http import safe_next
from heard.core.sections import sections_for
from heard.core.selectors import today_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    context = today_for(user=request.user)  # type: ignore[arg-type]
    context["sections"] = sections_for("today", request)
    return render(request, "core/today.html", context)


@login_required
@require_POST
def notice_dismiss(request: HttpRequest, notice_id: int) -> HttpResponse:
    notices.notice_dismiss(user=request.user, notice_id=notice_id)  # type: ignore[arg-type]
    return redirect(safe_next(request, "core:home"))


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    return render(request, "core/welcome.html")


@login_required
def talk(request: HttpRequest) -> HttpResponse:
    return render(request, "core/talk.html", {"sections": sections_for("talk", request)})


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    return render(request, "core/progress.html", {"sections": sections_for("progress", request)})


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html", {"sections": sections_for("help", request)})


def healthz(request: HttpRequest) -> JsonResponse:
    status, body = health()
    return JsonResponse(body, status=status)


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


@csrf_exempt  # nothing here to protect; a Bearer client must get the 404, not a CSRF page
def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse({"detail": "There is no such API endpoint."}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the Quick exit like every other page. Rendered without the request
    context: whatever broke may be in there."""
    from django.template import loader

    html = loader.get_template("500.html").render({"quick_exit_url": settings.QUICK_EXIT_URL})
    return HttpResponse(html, status=500)
