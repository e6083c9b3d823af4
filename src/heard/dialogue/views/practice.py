"""Practice alone: a share from a partner, friend or relative, your reply, the coach, examples."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from heard.core.errors import DomainError
from heard.dialogue import practice
from heard.dialogue.coaching import analyze_for, shape
from heard.dialogue.forms import PracticeFilterForm, PracticeForm
from heard.dialogue.models import Need

TEMPLATE = "dialogue/practice.html"


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET or None)
    return render(
        request,
        "dialogue/practice_home.html",
        {
            "form": form,
            "skills": practice.skill_counts(user=request.user),  # type: ignore[arg-type]
            "recent": practice.attempts_for(user=request.user, limit=5),  # type: ignore[arg-type]
        },
    )


@login_required
@require_GET
def pick(request: HttpRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "dialogue/practice_home.html", {"form": form}, status=400)
    found = practice.practice_pick(
        user=request.user,  # type: ignore[arg-type]
        relation=form.cleaned_data["relation"],
        need=form.cleaned_data["need"],
    )
    query = urlencode({k: v for k, v in form.cleaned_data.items() if v})
    url = reverse("dialogue:practice_scenario", args=[found.id])
    return redirect(url + (f"?{query}" if query else ""))


@login_required
def scenario(request: HttpRequest, scenario_id: str) -> HttpResponse:
    found = practice.practice_scenario(scenario_id)
    form = PracticeForm(request.POST or None)
    context = {
        "scenario": found,
        "need_label": dict(Need.choices)[found.need],
        "form": form,
        "again": request.GET.urlencode(),
    }
    if request.method == "POST" and form.is_valid():
        try:
            result = practice.practice_attempt(
                user=request.user,  # type: ignore[arg-type]
                scenario_id=found.id,
                reply=form.cleaned_data["reply"],
            )
        except DomainError as exc:
            form.add_error("reply", exc.message)
        else:
            context.update(result=result, coaching=result.coaching, check=result.check)
            if result.coaching is None:
                context["coach_note"] = "The coach is switched off on this server."
            return render(request, TEMPLATE, context)
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATE, context, status=status)


@login_required
@require_POST
def feedback(request: HttpRequest, scenario_id: str) -> HttpResponse:
    """Live feedback while typing (htmx); nothing is saved."""
    found = practice.practice_scenario(scenario_id)
    reply = request.POST.get("reply", "")
    context: dict[str, object] = {}
    if reply.strip():
        try:
            context["coaching"] = shape(
                analyze_for(user=request.user, reply=reply, share=found.share, need=found.need)  # type: ignore[arg-type]
            )
        except DomainError as exc:
            context["coach_note"] = exc.message
    return render(request, "dialogue/_coach.html", context)
