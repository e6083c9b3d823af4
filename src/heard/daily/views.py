"""The daily check-in: a feeling word, a rating per bond, an optional private note."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.bonds.selectors import bonds_for
from heard.core.errors import DomainError
from heard.core.http import safe_next
from heard.daily import selectors, services
from heard.daily.forms import CheckInForm


def checkin_initial(checkin: object) -> dict[str, object]:
    """Today's answers, so checking in again starts from what you said."""
    if checkin is None:
        return {}
    initial: dict[str, object] = {"feeling": checkin.feeling, "note": checkin.note}  # type: ignore[attr-defined]
    for rating in checkin.ratings.all():  # type: ignore[attr-defined]
        initial[f"rating_{rating.bond_id}"] = str(rating.rating)
    return initial


@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = selectors.checkin_today(user=user)  # type: ignore[arg-type]
    form = CheckInForm(
        request.POST or None,
        bonds=bonds_for(user=user),  # type: ignore[arg-type]
        initial=checkin_initial(today),
    )
    check = None
    if request.method == "POST" and form.is_valid():
        try:
            saved, check = services.checkin_submit(
                user=user,  # type: ignore[arg-type]
                feeling=form.cleaned_data["feeling"],
                ratings=form.ratings(),
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if check is None or not check.is_risk:
                messages.success(request, f"Checked in: {saved.feeling}.")
                return redirect(safe_next(request, "core:home"))
            # The note was saved. Only the writer sees the support panel, here.
            today = saved
    return render(
        request,
        "daily/checkin.html",
        {"form": form, "today": today, "check": check},
        status=400 if form.errors else 200,
    )
