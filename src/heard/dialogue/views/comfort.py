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
from heard.dialogue.forms import ComfortForm, ComfortReplyForm
from heard.safety.views import joint_exercise_redirect


@login_required
def send(request: HttpRequest, bond_id: int) -> HttpResponse:
    bond = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    form = ComfortForm(request.POST if request.method == "POST" else None)
    status = 200
    check = None
    if request.method == "POST":
        if form.is_valid():
            try:
                sent = comfort.comfort_send(
                    sender=request.user,  # type: ignore[arg-type]
                    bond=bond,
                    feeling_word=form.cleaned_data["feeling"],
                    message=form.cleaned_data["message"],
                    share_anyway=request.POST.get("share_anyway") == "1",
                )
            except DomainError as exc:
                form.add_error("feeling" if exc.status == 400 else None, exc.message)
                status = exc.status
            else:
                if sent.request is not None:
                    messages.success(
                        request,
                        f"Sent. {bond.other.username} will see it next time they open Heard.",
                    )
                    return redirect("dialogue:comfort", request_id=sent.request.pk)
                check = sent.check
        else:
            status = 400
    return render(
        request,
        "dialogue/comfort_send.html",
        {"form": form, "b": bond, "families": families(), "check": check},
        status=status,
    )


@login_required
def answer(request: HttpRequest, request_id: int) -> HttpResponse:
    found, bond = selectors.comfort_for_member(user=request.user, request_id=request_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    error = ""
    check = None
    status = 200
    form = ComfortReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                sent = comfort.comfort_respond(
                    request=found,
                    responder=request.user,  # type: ignore[arg-type]
                    reply=form.cleaned_data["reply"],
                    share_anyway=request.POST.get("share_anyway") == "1",
                )
            except DomainError as exc:
                error, status = exc.message, 409
            else:
                if sent.request is not None:
                    messages.success(request, f"{bond.other.username} will see that you're there.")
                    return redirect("dialogue:comfort", request_id=found.pk)
                check = sent.check
    context = {
        "c": found,
        "b": bond,
        "mine": found.sender_id == request.user.pk,
        "error": error,
        "form": form,
        "check": check,
    }
    return render(request, "dialogue/comfort.html", context, status=status)
