from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from heard.bonds.selectors import BondView, bond_for_member
from heard.core.http import AuthedRequest, is_htmx, safe_next
from heard.safety import selectors, services
from heard.safety.forms import ScreeningForm


def joint_exercise_redirect(request: HttpRequest, bond: BondView) -> HttpResponse | None:
    """Where a person goes instead of a joint exercise: the screening first, or a neutral
    paused page. None when the exercise may go ahead."""
    block = selectors.joint_exercise_block(user=request.user, bond=bond.bond)  # type: ignore[arg-type]
    if block is None:
        return None
    if block == "screening":
        target = reverse("safety:screening", args=[bond.id]) + f"?next={request.path}"
    else:
        target = reverse("safety:paused", args=[bond.id])
    if is_htmx(request):
        # An htmx swap would put a whole page inside a fragment: send the browser there instead.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


@login_required
def screening(request: AuthedRequest, bond_id: int) -> HttpResponse:
    view = bond_for_member(user=request.user, bond_id=bond_id)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.screening_submit(
            user=request.user, bond=view.bond, answers=form.answers()
        )
        if result.positive:
            return redirect("safety:paused", bond_id=view.id)
        messages.success(request, "Thank you. You can retake this any time from your bond's page.")
        return redirect(safe_next(request, reverse("bonds:detail", args=[view.id])))
    return render(
        request,
        "safety/screening.html",
        {"form": form, "b": view, "next": safe_next(request, "")},
        status=400 if form.errors else 200,
    )


@login_required
def paused(request: AuthedRequest, bond_id: int) -> HttpResponse:
    view = bond_for_member(user=request.user, bond_id=bond_id)
    reporter = selectors.pause_reported_by(bond=view.bond, user=request.user)
    context = {"b": view, "reporter": reporter, "paused": selectors.bond_is_paused(bond=view.bond)}
    if reporter:
        context["lines"] = selectors.help_lines(
            country=request.user.country, kind="domestic_violence"
        )
    return render(request, "safety/paused.html", context)


@login_required
@require_POST
def pause_lift(request: AuthedRequest, bond_id: int) -> HttpResponse:
    view = bond_for_member(user=request.user, bond_id=bond_id)
    if services.pause_lift(user=request.user, bond=view.bond):
        messages.success(
            request, "The pause is lifted. You can pause again any time from this page."
        )
    return redirect("bonds:detail", bond_id=view.id)


@login_required
def history(request: AuthedRequest) -> HttpResponse:
    events, can_share = selectors.events_for_history(user=request.user)
    return render(request, "safety/history.html", {"events": events, "can_share": can_share})


@login_required
@require_POST
def event_share(request: AuthedRequest, event_id: int) -> HttpResponse:
    services.event_share_with_counsellor(
        user=request.user,
        event_id=event_id,
        shared=request.POST.get("shared") == "yes",
    )
    return redirect("safety:history")


@login_required
@require_POST
def event_delete(request: AuthedRequest, event_id: int) -> HttpResponse:
    if services.event_delete(user=request.user, event_id=event_id):
        messages.success(request, "Removed from your record.")
    return redirect("safety:history")
