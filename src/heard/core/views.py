from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from heard.core import notices
from heard.core.health import alive, health
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


# Set by Quick exit; heard.js sends a Back (or Forward) into Heard straight out again.
LEFT_COOKIE = "heard_left"


@csrf_exempt  # ending your own session must work from any page, even a stale one
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Quick exit: end the session at once and go to the neutral site. GET works without
    JavaScript; the script uses it with location.replace, so this page leaves no history entry."""
    logout(request)
    response = redirect(str(settings.QUICK_EXIT_URL))
    response.set_cookie(
        LEFT_COOKIE, "1", max_age=12 * 60 * 60, samesite="Lax", secure=request.is_secure()
    )
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No query, no session (see SESSIONLESS_PATHS)."""
    status, body = alive()
    return JsonResponse(body, status=status)


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the process answers and the database does too (503 when it does not)."""
    status, body = health()
    return JsonResponse(body, status=status)


def manifest(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "id": "/",
            "name": "Heard",
            "short_name": "Heard",
            "description": "A private place for two people to listen to each other.",
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#f7f5f2",
            "theme_color": "#3d6b63",
            "icons": [
                {"src": "/static/heard/icon.svg", "sizes": "any", "type": "image/svg+xml"},
                {"src": "/static/heard/icon-192.png", "sizes": "192x192", "type": "image/png"},
                {"src": "/static/heard/icon-512.png", "sizes": "512x512", "type": "image/png"},
                {
                    "src": "/static/heard/icon-maskable-512.png",
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        },
        content_type="application/manifest+json",
    )


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site root so it may serve every page's offline fallback."""
    script = finders.find("heard/sw.js")
    with open(str(script), encoding="utf-8") as handle:
        body = handle.read().replace(
            '"__QUICK_EXIT_URL__"', json.dumps(str(settings.QUICK_EXIT_URL))
        )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@csrf_exempt  # nothing here to protect; a Bearer client must get the 404, not a CSRF page
def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse({"detail": "There is no such API endpoint."}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the Quick exit like every other page. Rendered without the request
    context: whatever broke may be in there."""
    from django.template import loader

    html = loader.get_template("500.html").render({"quick_exit_url": settings.QUICK_EXIT_URL})
    return HttpResponse(html, status=500)
