"""Check-up pages: overview, take it (for a bond or alone), your results, the side-by-side."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.bonds.selectors import bond_for_member
from heard.checkup import selectors, services
from heard.checkup.content import checkup_items_for, closeness_question
from heard.checkup.forms import CheckupForm, ShareForm
from heard.checkup.models import KindChoices
from heard.core.errors import DomainError


@login_required
def checkup_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "checkup/home.html",
        {
            "rows": selectors.checkup_overview(user=user),  # type: ignore[arg-type]
            "history": selectors.checkup_results(user=user),  # type: ignore[arg-type]
            "retake_days": selectors.RETAKE_DAYS,
        },
    )


def _kind_from(request: HttpRequest) -> str:
    kind = request.POST.get("kind") or request.GET.get("kind") or KindChoices.PARTNER
    return kind if kind in KindChoices.values else KindChoices.PARTNER


@login_required
def checkup_take(request: HttpRequest, bond_id: int | None = None) -> HttpResponse:
    """The check-up itself. Private reflection, so it needs no joint-exercise gate."""
    view = bond_for_member(user=request.user, bond_id=bond_id) if bond_id else None  # type: ignore[arg-type]
    kind = view.kind if view else _kind_from(request)
    form = CheckupForm(request.POST or None, items=checkup_items_for(kind), solo=view is None)
    steps = checkup_steps(form)
    # Short steps, with every answer so far carried in the form (nothing half-done is stored).
    # A post without a step (an older page, or a script) is the whole check-up at once.
    step = _int(request.POST.get("step"), 0, len(steps) - 1)
    go = request.POST.get("go", "finish" if "step" not in request.POST else "next")
    if request.method == "POST" and form.is_valid() and go in {"next", "back"}:
        step = max(0, min(len(steps) - 1, step + (1 if go == "next" else -1)))
    elif request.method == "POST" and form.is_valid():
        try:
            result = services.checkup_submit(
                user=request.user,  # type: ignore[arg-type]
                bond=view.bond if view else None,
                kind=form.cleaned_data.get("kind", kind),
                answers=form.answers(),
                closeness=form.cleaned_data["closeness"],
                share=form.cleaned_data["share"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, "Thank you. Here is what you told us, and one idea for the week."
            )
            return redirect("checkup:result", result_id=result.pk)
    if form.errors:
        step = next((n for n, names in enumerate(steps) if set(names) & set(form.errors)), step)
    shown = set(steps[step])
    return render(
        request,
        "checkup/take.html",
        {
            "form": form,
            "b": view,
            "kind": kind,
            "question": closeness_question(),
            "pictures": selectors.closeness_pictures(),
            "chosen": str(form["closeness"].value() or ""),
            "step": step,
            "step_count": len(steps),
            "last_step": step == len(steps) - 1,
            "shown": shown,
            "step_fields": [f for f in form.statement_fields() if f.name in shown],
            "carried": [
                f
                for f in form
                if f.name not in shown and f.name != "share" and f.value() not in (None, "")
            ],
            "carried_share": "share" not in shown and bool(form["share"].value()),
        },
        status=400 if form.errors else 200,
    )


STEP_SIZE = 8


def checkup_steps(form: CheckupForm) -> list[list[str]]:
    """The check-up in short steps: the closeness picture (and who, on your own) first, then
    the statements eight at a time; sharing comes with the last step."""
    names = [f.name for f in form.statement_fields()]
    first = ["closeness", *(["kind"] if "kind" in form.fields else [])]
    chunks = [names[i : i + STEP_SIZE] for i in range(0, len(names), STEP_SIZE)] or [[]]
    chunks[-1] = [*chunks[-1], "share"]
    return [first, *chunks]


def _int(value: str | None, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value or low)))
    except ValueError:
        return low


@login_required
def checkup_result(request: HttpRequest, result_id: int) -> HttpResponse:
    user = request.user
    result = selectors.checkup_result_own(user=user, result_id=result_id)  # type: ignore[arg-type]
    view = None
    if result.bond_id and result.bond.is_active:  # type: ignore[union-attr]
        view = bond_for_member(user=user, bond_id=result.bond_id)  # type: ignore[arg-type]
    return render(
        request,
        "checkup/result.html",
        {
            "result": result,
            "b": view,
            "rows": selectors.scale_rows(result.scores),
            "closeness": selectors.closeness_label(result.closeness),
            "focus": selectors.focus_for(user=user),  # type: ignore[arg-type]
            "components": selectors.scores_chart(user=user, bond=result.bond, group="component"),  # type: ignore[arg-type]
            "roadblocks": selectors.scores_chart(user=user, bond=result.bond, group="roadblock"),  # type: ignore[arg-type]
        },
    )


@login_required
@require_POST
def checkup_share(request: HttpRequest, result_id: int) -> HttpResponse:
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to share or not.")
        return redirect("checkup:result", result_id=result_id)
    result = services.checkup_share(
        user=request.user,  # type: ignore[arg-type]
        result_id=result_id,
        shared=form.cleaned_data["shared"],
    )
    if result.shared:
        messages.success(
            request, "Shared. When they share theirs too, you'll see both side by side."
        )
    else:
        messages.success(request, "Your results are private again.")
    return redirect("checkup:result", result_id=result.pk)


@login_required
def checkup_together(request: HttpRequest, bond_id: int) -> HttpResponse:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    both = selectors.side_by_side(user=request.user, view=view)  # type: ignore[arg-type]
    rows = []
    if both.available:
        mine = {r.scale: r for r in selectors.scale_rows(both.mine.scores)}  # type: ignore[union-attr]
        theirs = {r.scale: r for r in selectors.scale_rows(both.theirs.scores)}  # type: ignore[union-attr]
        rows = [(mine[s], theirs.get(s)) for s in mine]
    return render(
        request,
        "checkup/together.html",
        {
            "b": view,
            "both": both,
            "rows": rows,
            "talk": [(selectors.SCALE_NAMES.get(d.scale, d.scale), d) for d in both.talk_about],
            "my_closeness": selectors.closeness_label(both.mine.closeness if both.mine else None),
            "their_closeness": selectors.closeness_label(
                both.theirs.closeness if both.theirs else None
            ),
        },
    )
