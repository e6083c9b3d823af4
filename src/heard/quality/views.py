"""Quality time under Together: ideas, plans, Together now, calendars and reminders."""

from __future__ import annotations

import random

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from heard.accounts.models import User
from heard.bonds.selectors import bonds_for
from heard.core.errors import DomainError, NotFound
from heard.core.shareables import has_counsellor
from heard.quality import calendar, content, selectors, services
from heard.quality import reminders as reminders_mod
from heard.quality.forms import AnotherTimeForm, ProposeForm, RatingForm, ReminderForm
from heard.quality.models import PlanStatus
from heard.safety.views import joint_exercise_redirect

FILTER_NAMES = ("duration", "cost", "place", "energy", "kind", "builds", "theme")


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "") for k in FILTER_NAMES}


def _filter_options() -> list[tuple[str, str, list[tuple[str, str]]]]:
    labels = content.LABELS
    return [
        ("duration", "How long", [(v, labels[v]) for v in content.DURATIONS]),
        ("cost", "Cost", [(v, labels[v]) for v in content.COSTS]),
        ("place", "Where", [(v, labels[v]) for v in content.PLACES]),
        ("energy", "Energy", [(v, content.ENERGY_LABELS[v]) for v in content.ENERGIES]),
        ("kind", "Who with", [(v, labels[v]) for v in content.IDEA_KINDS]),
        ("builds", "What it builds", [(v, v.capitalize()) for v in content.COMPONENTS]),
    ]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "quality/home.html",
        {
            "upcoming": selectors.upcoming_for(user=user),  # type: ignore[arg-type]
            "proposals": selectors.proposals_for(user=user),  # type: ignore[arg-type]
            "look_back": selectors.to_look_back(user=user),  # type: ignore[arg-type]
        },
    )


@login_required
def ideas(request: HttpRequest) -> HttpResponse:
    chosen = _filters(request)
    try:
        found = content.activities_filter(**chosen)
        problem = ""
    except content.UnknownFilter as exc:
        found, problem = [], str(exc)
    return render(
        request,
        "quality/ideas.html",
        {"ideas": found, "chosen": chosen, "options": _filter_options(), "problem": problem},
        status=400 if problem else 200,
    )


@login_required
def surprise(request: HttpRequest) -> HttpResponse:
    chosen = _filters(request)
    try:
        pick = content.activity_surprise(rng=random.SystemRandom(), **chosen)
    except content.UnknownFilter as exc:
        messages.error(request, str(exc))
        return redirect("quality:ideas")
    if pick is None:
        messages.info(request, "Nothing fits all of those. Try loosening one filter.")
        return redirect(reverse("quality:ideas") + "?" + request.GET.urlencode())
    return redirect("quality:idea", activity_id=pick.id)


@login_required
def idea(request: HttpRequest, activity_id: str) -> HttpResponse:
    activity = content.activity_get(activity_id)
    if activity is None:
        raise Http404("That idea doesn't exist.")
    bonds = bonds_for(user=request.user)  # type: ignore[arg-type]
    form = ProposeForm(request.POST or None, bonds=bonds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_propose(
                user=request.user,  # type: ignore[arg-type]
                bond_id=data["bond_id"],
                activity_id=activity.id,
                day=data["day"],
                time=data["time"],
                repeat=data.get("repeat") or "",
                anchor=data.get("anchor") or "",
            )
        except DomainError as exc:
            if exc.status == 409:
                view = next(b for b in bonds if b.id == data["bond_id"])
                blocked = joint_exercise_redirect(request, view)
                if blocked:
                    return blocked
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Suggested. They'll see it when they next look.")
            return redirect("quality:plan", plan_id=plan.pk)
    return render(
        request,
        "quality/idea.html",
        {"idea": activity, "form": form, "bonds": bonds, "labels": content.LABELS},
        status=400 if form.errors else 200,
    )


def _plan_page(request: HttpRequest, plan_id: int, template: str, **extra: object) -> HttpResponse:
    plan, view = selectors.plan_for_member(user=request.user, plan_id=plan_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, view)
    if blocked:
        return blocked
    user: User = request.user  # type: ignore[assignment]
    row = selectors.plan_row(user=user, plan=plan, view=view)
    last = selectors.last_time(plan)
    context = {
        "row": row,
        "plan": plan,
        "b": view,
        "last": last,
        "last_shown": selectors.times.shown(last, request.user.time_zone) if last else "",  # type: ignore[union-attr]
        "another": AnotherTimeForm(),
        "rating_form": RatingForm(),
        "rated": selectors.my_rating(user=user, plan=plan, occurs_at=last) if last else None,
        "labels": content.LABELS,
        "Status": PlanStatus,
        **extra,
    }
    return render(request, template, context, status=400 if extra.get("error") else 200)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, plan_id, "quality/plan.html")


@login_required
@require_POST
def plan_respond(request: HttpRequest, plan_id: int) -> HttpResponse:
    answer = request.POST.get("answer", "")
    form = AnotherTimeForm(request.POST) if answer == "another_time" else None
    user: User = request.user  # type: ignore[assignment]
    try:
        if form is not None and not form.is_valid():
            raise DomainError("Give a day and a time to suggest instead.")
        plan, _ = selectors.plan_for_member(user=user, plan_id=plan_id)
        if form is not None and plan.status != PlanStatus.PROPOSED:
            # A plan that is on, missed or "not this week": a new suggestion of the same idea.
            fresh = services.plan_reschedule(
                user=user, plan_id=plan_id, day=form.cleaned_data["day"], time=form.cleaned_data["time"]
            )  # fmt: skip
            messages.success(request, "Suggested. It's their turn to answer.")
            return redirect("quality:plan", plan_id=fresh.pk)
        services.plan_respond(
            user=user,
            plan_id=plan_id,
            answer=answer,
            day=form.cleaned_data["day"] if form else None,
            time=form.cleaned_data["time"] if form else None,
        )
    except NotFound:
        raise
    except DomainError as exc:
        return _plan_page(request, plan_id, "quality/plan.html", error=exc.message)
    words = {
        "accept": "It's in the plan. Enjoy it.",
        "not_this_week": "No problem. Another week, maybe.",
        "another_time": "Suggested. It's their turn to answer.",
    }
    messages.success(request, words[answer])
    return redirect("quality:plan", plan_id=plan_id)


@login_required
@require_POST
def plan_outcome(request: HttpRequest, plan_id: int) -> HttpResponse:
    outcome = request.POST.get("outcome", "")
    try:
        services.plan_outcome(user=request.user, plan_id=plan_id, outcome=outcome)  # type: ignore[arg-type]
    except NotFound:
        raise
    except DomainError as exc:
        return _plan_page(request, plan_id, "quality/plan.html", error=exc.message)
    if outcome == "missed":
        messages.info(request, "Life gets busy. That's normal. Would another time suit you?")
        return redirect(reverse("quality:plan", args=[plan_id]) + "#another-time")
    messages.success(request, "Lovely. Time together counts.")
    return redirect("quality:plan", plan_id=plan_id)


@login_required
def together_now(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, plan_id, "quality/now.html")


@login_required
@require_POST
def plan_rate(request: HttpRequest, plan_id: int) -> HttpResponse:
    form = RatingForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("Choose a number from 1 to 10.")
        services.plan_rate(user=request.user, plan_id=plan_id, rating=form.cleaned_data["rating"])  # type: ignore[arg-type]
    except NotFound:
        raise
    except DomainError as exc:
        return _plan_page(request, plan_id, "quality/now.html", error=exc.message)
    messages.success(request, "Thank you. Only you see this; it shows on your Progress.")
    return redirect("quality:plan", plan_id=plan_id)


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_ics(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, view = selectors.plan_for_member(user=request.user, plan_id=plan_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, view)
    if blocked:
        return blocked
    return _ics(calendar.calendar_bytes([plan]), "time-together.ics")


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    new_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_revoke(user=user)  # type: ignore[arg-type]
            messages.success(request, "That calendar link no longer works.")
            return redirect("quality:calendar")
        token = services.feed_create(user=user)  # type: ignore[arg-type]
        new_url = request.build_absolute_uri(reverse("quality:feed", args=[token]))
    return render(
        request,
        "quality/calendar.html",
        {"feed": selectors.feed_active(user=user), "new_url": new_url},  # type: ignore[arg-type]
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: the token is the only key, so anything wrong is a plain 404."""
    try:
        owner = selectors.feed_owner(token=token)
    except NotFound:
        raise Http404("There is no calendar here.") from None
    return _ics(calendar.calendar_bytes(list(selectors.feed_plans(user=owner))), "heard.ics")


@login_required
def reminders(request: HttpRequest) -> HttpResponse:
    current = selectors.reminder_settings(user=request.user)  # type: ignore[arg-type]
    initial = {
        f: getattr(current, f)
        for f in ("daily", "daily_time", "plans", "proposals", "weekly", "practice", "email", "quiet_start", "quiet_end")
    }  # fmt: skip
    form = ReminderForm(request.POST or None, initial=initial)
    if not current.practice and not has_counsellor(user=request.user):
        del form.fields["practice"]  # only for people a counsellor gives practice to
    if request.method == "POST" and form.is_valid():
        try:
            services.reminder_settings_update(user=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Saved. You can change these any time.")
            return redirect("quality:reminders")
    return render(
        request, "quality/reminders.html", {"form": form}, status=400 if form.errors else 200
    )


@csrf_exempt  # one-click unsubscribe from a mail client: the signed token is the key
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = reminders_mod.unsubscribe_read(token)
    if found is None:
        raise Http404("This link doesn't work any more.")
    user, kind = found
    done = False
    if request.method == "POST":
        services.reminder_unsubscribe(user=user, kind=kind)
        done = True
    return render(request, "quality/unsubscribe.html", {"done": done, "token": token})
