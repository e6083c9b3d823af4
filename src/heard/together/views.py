"""Love languages and appreciation: the caring side of the Together place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.bonds.models import BondKind as KindChoices
from heard.bonds.selectors import BondView, bond_for_member, bonds_for
from heard.checkup.forms import ShareForm
from heard.core.errors import DomainError
from heard.safety.views import joint_exercise_redirect
from heard.together import selectors, services
from heard.together.content import love_language_items_for
from heard.together.forms import AppreciationForm, DecideForm, LoveLanguageForm


@login_required
def love_languages_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    rows = []
    for view in bonds_for(user=user):  # type: ignore[arg-type]
        mine = selectors.latest_love_languages(user=user, bond=view.bond)  # type: ignore[arg-type]
        theirs = selectors.shared_love_languages(view=view)
        rows.append(
            {
                "b": view,
                "mine": mine,
                "mine_rows": selectors.language_rows(mine.scores) if mine else [],
                "theirs_rows": selectors.language_rows(theirs.scores) if theirs else [],
            }
        )
    solo = selectors.latest_love_languages(user=user, bond=None)  # type: ignore[arg-type]
    return render(
        request,
        "together/love_languages.html",
        {
            "rows": rows,
            "solo": solo,
            "solo_rows": selectors.language_rows(solo.scores) if solo else [],
        },
    )


@login_required
def love_languages_take(request: HttpRequest, bond_id: int | None = None) -> HttpResponse:
    view = bond_for_member(user=request.user, bond_id=bond_id) if bond_id else None  # type: ignore[arg-type]
    kind = view.kind if view else (request.POST.get("kind") or KindChoices.PARTNER)
    kind = kind if kind in KindChoices.values else KindChoices.PARTNER
    form = LoveLanguageForm(
        request.POST or None, items=love_language_items_for(kind), solo=view is None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.love_languages_submit(
                user=request.user,  # type: ignore[arg-type]
                bond=view.bond if view else None,
                kind=form.cleaned_data.get("kind", kind),
                answers=form.answers(),
                share=form.cleaned_data["share"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, "Thank you. Here is how you like to be cared for, all five ways."
            )
            return redirect("together:love_languages")
    return render(
        request,
        "together/love_languages_take.html",
        {"form": form, "b": view},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def love_languages_share(request: HttpRequest, result_id: int) -> HttpResponse:
    form = ShareForm(request.POST)
    if form.is_valid():
        result = services.love_languages_share(
            user=request.user,  # type: ignore[arg-type]
            result_id=result_id,
            shared=form.cleaned_data["shared"],
        )
        messages.success(
            request, "Shared with them." if result.shared else "Your profile is private again."
        )
    else:
        messages.error(request, "Choose whether to share or not.")
    return redirect("together:love_languages")


@login_required
def appreciation_home(request: HttpRequest) -> HttpResponse:
    views = bonds_for(user=request.user)  # type: ignore[arg-type]
    if len(views) == 1:
        return redirect("together:appreciation_bond", bond_id=views[0].id)
    return render(request, "together/appreciation_home.html", {"bonds": views})


def _turn(request: HttpRequest) -> int:
    raw = request.GET.get("more", "0")
    return int(raw) if raw.isdigit() and len(raw) < 4 else 0


def _appreciation_page(
    request: HttpRequest, view: BondView, form: AppreciationForm, status: int = 200, **extra: object
) -> HttpResponse:
    turn = _turn(request)
    context = {
        "b": view,
        "form": form,
        "hint": selectors.appreciation_hint(user=request.user, view=view, turn=turn),  # type: ignore[arg-type]
        "next_turn": turn + 1,
        **selectors.appreciations_for(user=request.user, view=view),  # type: ignore[arg-type]
        **extra,
    }
    return render(request, "together/appreciation.html", context, status=status)


@login_required
def appreciation_bond(request: HttpRequest, bond_id: int) -> HttpResponse:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, view)
    if blocked is not None:
        return blocked
    form = AppreciationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note, check = services.appreciation_send(
                user=request.user,  # type: ignore[arg-type]
                bond_id=view.id,
                text=form.cleaned_data["text"],
                idea_id=form.cleaned_data["idea_id"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if check.is_risk:
                # Nothing was sent. The writer alone sees this, and chooses what happens next.
                return _appreciation_page(request, view, AppreciationForm(), held=note, check=check)
            messages.success(
                request, f"Sent. {view.other.username} will see it next time they visit."
            )
            return redirect("together:appreciation_bond", bond_id=view.id)
    return _appreciation_page(request, view, form, status=400 if form.errors else 200)


@login_required
@require_POST
def appreciation_decide(request: HttpRequest, note_id: int) -> HttpResponse:
    note = selectors.appreciation_own(user=request.user, appreciation_id=note_id)  # type: ignore[arg-type]
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to send the note or keep it private.")
        return redirect("together:appreciation_bond", bond_id=note.bond_id)
    try:
        services.appreciation_decide(
            user=request.user,  # type: ignore[arg-type]
            appreciation_id=note.pk,
            choice=form.cleaned_data["choice"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if form.cleaned_data["choice"] == "send":
            messages.success(request, "Sent.")
        else:
            messages.success(request, "Kept private. Only you can see it, in the list below.")
    return redirect("together:appreciation_bond", bond_id=note.bond_id)
