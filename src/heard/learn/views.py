"""Learn pages: the list, a lesson, its practice link, reading together, and the private solo
exercises. Thin: every read is a selector, every write a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.selectors import local_today
from heard.bonds.selectors import bond_for_member, bonds_for
from heard.core.errors import DomainError
from heard.core.http import AuthedRequest
from heard.learn import selectors, services
from heard.learn.content import render_html
from heard.learn.exercises import EXERCISES, STEP_MAX, Exercise
from heard.learn.models import ExerciseEntry
from heard.safety.selectors import paused_bond_ids
from heard.safety.views import joint_exercise_redirect


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    context = {
        "path": selectors.suggested_path(),
        "groups": selectors.by_topic(),
        "read": selectors.read_ids(user=request.user),
        "exercises": list(EXERCISES.values()),
    }
    return render(request, "learn/home.html", context)


@login_required
def lesson(request: AuthedRequest, lesson_id: str) -> HttpResponse:
    found = selectors.lesson_get(lesson_id=lesson_id)
    bonds = bonds_for(user=request.user)
    paused = paused_bond_ids(bond_ids=[b.id for b in bonds])
    together = [
        (b, selectors.together_row(bond=b.bond, user=request.user, lesson_id=found.id))
        for b in bonds
        if b.id not in paused
    ]
    context = {
        "lesson": found,
        "body": render_html(found.id),
        "read": selectors.is_read(user=request.user, lesson_id=found.id),
        "practice_href": selectors.practice_href(user=request.user, lesson=found),
        "together": together,
    }
    return render(request, "learn/lesson.html", context)


@login_required
@require_POST
def mark_read(request: AuthedRequest, lesson_id: str) -> HttpResponse:
    if request.POST.get("read") == "no":
        services.lesson_mark_unread(user=request.user, lesson_id=lesson_id)
    else:
        services.lesson_mark_read(user=request.user, lesson_id=lesson_id)
        messages.success(request, "Marked as read. Only you can see this.")
    return redirect("learn:lesson", lesson_id=lesson_id)


@login_required
def practice(request: AuthedRequest, lesson_id: str) -> HttpResponse:
    """Where a lesson's practice goes: straight there, or a choice of who to do it with."""
    found = selectors.lesson_get(lesson_id=lesson_id)
    link = selectors.practice_link(user=request.user, practice=found.practice)
    if link.url:
        return redirect(link.url)
    return render(request, "learn/practice.html", {"lesson": found, "link": link})


def _bond_gate(request: AuthedRequest, bond_id: int) -> tuple[Any, HttpResponse | None]:
    bond = bond_for_member(user=request.user, bond_id=bond_id)
    return bond, joint_exercise_redirect(request, bond)


@login_required
@require_POST
def together(request: AuthedRequest, lesson_id: str, bond_id: int) -> HttpResponse:
    bond, elsewhere = _bond_gate(request, bond_id)
    if elsewhere:
        return elsewhere
    if request.POST.get("mark") == "no":
        services.together_unmark(bond=bond.bond, user=request.user, lesson_id=lesson_id)
    else:
        row = services.together_mark(bond=bond.bond, user=request.user, lesson_id=lesson_id)
        messages.success(
            request,
            "You've both marked it. There's a question on it for you both."
            if row.both
            else f"Marked. {bond.other.username} will see it on their Today page.",
        )
    return redirect("learn:lesson", lesson_id=lesson_id)


@login_required
@require_POST
def together_prompt(request: AuthedRequest, lesson_id: str, bond_id: int) -> HttpResponse:
    bond, elsewhere = _bond_gate(request, bond_id)
    if elsewhere:
        return elsewhere
    try:
        url = services.together_prompt(bond=bond.bond, user=request.user, lesson_id=lesson_id)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("learn:lesson", lesson_id=lesson_id)
    return redirect(url)


# --- private solo exercises ----------------------------------------------------------------


def _answers(request: AuthedRequest, exercise: Exercise) -> dict[str, str]:
    return {step.key: request.POST.get(step.key, "") for step in exercise.steps}


def _exercise_page(
    request: AuthedRequest,
    exercise: Exercise,
    *,
    entry: ExerciseEntry | None = None,
    answers: dict[str, str] | None = None,
    **extra: Any,
) -> HttpResponse:
    status = extra.pop("status", 200)
    answers = answers if answers is not None else (entry.answers if entry else {})
    today = local_today(request.user)
    steps = [
        {
            "step": step,
            "value": answers.get(step.key, ""),
            "link": selectors.practice_link(user=request.user, practice=step.link)
            if step.link
            else None,
            "light_prompt": selectors.light_prompt(user=request.user, day=today)
            if step.light_prompt
            else None,
        }
        for step in exercise.steps
    ]
    context = {
        "exercise": exercise,
        "lesson": selectors.lesson_get(lesson_id=exercise.lesson_id),
        "entry": entry,
        "steps": steps,
        # A limit for heard.js's counter, never maxlength (which cuts a paste without a word).
        "step_max": STEP_MAX,
        "entries": selectors.exercise_entries(user=request.user, exercise_id=exercise.id),
        **extra,
    }
    return render(request, "learn/exercise.html", context, status=status)


def _save(request: AuthedRequest, exercise: Exercise, entry: ExerciseEntry | None) -> HttpResponse:
    answers = _answers(request, exercise)
    try:
        saved = services.exercise_save(
            user=request.user, exercise_id=exercise.id, answers=answers, entry=entry
        )
    except DomainError as exc:
        return _exercise_page(
            request, exercise, entry=entry, answers=answers, error=exc.message, status=exc.status
        )
    if saved.check.is_risk:
        # Saved; the writer alone sees the crisis panel, on the page they're on.
        return _exercise_page(request, exercise, entry=saved.entry, check=saved.check)
    messages.success(request, "Saved, just for you.")
    return redirect("learn:exercise_entry", exercise_id=exercise.id, entry_id=saved.entry.pk)


@login_required
def exercise(request: AuthedRequest, exercise_id: str) -> HttpResponse:
    found = selectors.exercise_get(exercise_id=exercise_id)
    if request.method == "POST":
        return _save(request, found, None)
    return _exercise_page(request, found)


@login_required
def exercise_entry(request: AuthedRequest, exercise_id: str, entry_id: int) -> HttpResponse:
    found = selectors.exercise_get(exercise_id=exercise_id)
    entry = selectors.exercise_entry(user=request.user, exercise_id=found.id, entry_id=entry_id)
    if request.method == "POST":
        return _save(request, found, entry)
    return _exercise_page(request, found, entry=entry)


@login_required
@require_POST
def exercise_delete(request: AuthedRequest, exercise_id: str, entry_id: int) -> HttpResponse:
    found = selectors.exercise_get(exercise_id=exercise_id)
    services.exercise_delete(user=request.user, exercise_id=found.id, entry_id=entry_id)
    messages.success(request, "Deleted.")
    return redirect("learn:exercise", exercise_id=found.id)
