"""Say it without blame: the I-statement builder, with live flags and a way into a dialogue."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heard.accounts.models import User
from heard.bonds.selectors import bond_for_member, bonds_for
from heard.coach.feelings import families, search
from heard.core.errors import DomainError
from heard.core.http import is_htmx
from heard.dialogue import services
from heard.dialogue.forms import SayItForm
from heard.dialogue.models import Mode
from heard.dialogue.say_it import say_it_check
from heard.safety.services import classify, safety_check_text
from heard.safety.views import joint_exercise_redirect

TEMPLATE = "dialogue/say_it.html"


def _context(request: HttpRequest, form: SayItForm, **extra: Any) -> dict[str, Any]:
    context = {
        "form": form,
        "families": families(),
        "bonds": bonds_for(user=request.user),  # type: ignore[arg-type]
        "modes": Mode.choices,
    }
    context.update(extra)
    return context


def _checked(request: HttpRequest, form: SayItForm, *, log: bool) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    try:
        checked = say_it_check(user=user, parts=form.data)
    except DomainError as exc:
        return {"error": exc.message}
    context: dict[str, Any] = {"checked": checked}
    if not checked.statement and log:
        context["empty"] = True
    if checked.statement:
        # Nothing is stored while drafting, so live checks don't log; an explicit check does.
        if log:
            context["check"] = safety_check_text(
                user=user, text=checked.statement, source="dialogue_say_it"
            )
        else:
            context["check"] = classify(checked.statement)
    return context


@login_required
def page(request: HttpRequest) -> HttpResponse:
    form = SayItForm(request.POST if request.method == "POST" else None)
    extra: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            extra = _checked(request, form, log=True)
        else:
            status = 400
    return render(request, TEMPLATE, _context(request, form, **extra), status=status)


@login_required
@require_POST
def check(request: HttpRequest) -> HttpResponse:
    form = SayItForm(request.POST)
    # "Check my words" (explicit) logs a detection and answers an empty form; live checks don't.
    explicit = request.GET.get("explicit") == "1"
    extra = (
        _checked(request, form, log=explicit)
        if form.is_valid()
        else {"error": "Keep each part a little shorter."}
    )
    return render(request, f"{TEMPLATE}#result", _context(request, form, **extra))


@login_required
@require_GET
def feelings(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:40]
    found = search(query) if query.strip() else []
    return render(
        request, f"{TEMPLATE}#feelings", {"found": found[:40], "q": query, "families": families()}
    )


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Open a dialogue with the statement kept as the speaker's draft opening share."""
    form = SayItForm(request.POST)
    text = request.POST.get("statement", "").strip()
    bond_id = request.POST.get("bond", "")
    if not bond_id.isdigit():
        form.is_valid()
        context = _context(request, form, error="Choose who to talk with.")
        return render(request, TEMPLATE, context, status=400)
    bond = bond_for_member(user=request.user, bond_id=int(bond_id))  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    try:
        if not text:
            raise DomainError("Write your statement first.")
        dialogue = services.dialogue_start(
            bond=bond.bond,
            starter=request.user,  # type: ignore[arg-type]
            other=bond.other,
            mode=request.POST.get("mode", Mode.APART),
            starter_speaks=True,
        )
        services.draft_save(dialogue=dialogue, actor=request.user, text=text)  # type: ignore[arg-type]
    except DomainError as exc:
        form.is_valid()
        extra = _checked(request, form, log=False) if form.is_valid() else {}
        return render(
            request,
            TEMPLATE,
            _context(request, form, error=exc.message, **extra),
            status=exc.status,
        )
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"/talk/d/{dialogue.pk}/"
        return response
    return redirect("dialogue:detail", dialogue_id=dialogue.pk)
