"""Ask for comfort, and answer "I'm here"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.bonds.selectors import bond_for_member
from heard.coach.feelings import families
from heard.core.errors import DomainError
from heard.dialogue import comfort, selectors
from heard.dialogue.forms import ComfortForm
from heard.safety.views import joint_exercise_redirect


@login_required
def send(request: HttpRequest, bond_id: int) -> HttpResponse:
    bond = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    form = ComfortForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                comfort.comfort_send(
                    sender=request.user,  # type: ignore[arg-type]
                    bond=bond,
                    feeling_word=form.cleaned_data["feeling"],
                )
            except DomainError as exc:
                form.add_error("feeling" if exc.status == 400 else None, exc.message)
                status = exc.status
            else:
                messages.success(
                    request,
                    f"Sent. {bond.other.username} will see it next time they open Heard.",
                )
                return redirect("bonds:detail", bond_id=bond.id)
        else:
            status = 400
    return render(
        request,
        "dialogue/comfort_send.html",
        {"form": form, "b": bond, "families": families()},
        status=status,
    )


@login_required
def answer(request: HttpRequest, request_id: int) -> HttpResponse:
    found, bond = selectors.comfort_for_member(user=request.user, request_id=request_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    error = ""
    if request.method == "POST":
        try:
            comfort.comfort_respond(request=found, responder=request.user)  # type: ignore[arg-type]
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"{bond.other.username} will see that you're there.")
            return redirect("dialogue:comfort", request_id=found.pk)
    return render(
        request,
        "dialogue/comfort.html",
        {"c": found, "b": bond, "mine": found.sender_id == request.user.pk, "error": error},
        status=409 if error else 200,
    )
