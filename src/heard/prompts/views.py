from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.bonds.selectors import BondView, bond_for_member
from heard.core.errors import DomainError
from heard.core.http import is_htmx
from heard.prompts import selectors, services
from heard.prompts.forms import AnswerForm, DepthForm, ReplyForm, SearchForm
from heard.prompts.models import Exchange
from heard.safety.services import TextCheck
from heard.safety.views import joint_exercise_redirect


def _gated(request: HttpRequest, bond_id: int) -> tuple[BondView, HttpResponse | None]:
    """The bond (404 for anyone but its two members) and where to go instead, if anywhere:
    today's question is a joint exercise, so the safety gate comes first."""
    bond = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    return bond, joint_exercise_redirect(request, bond)


def _exchange(bond: BondView, exchange_id: int) -> Exchange:
    return selectors.exchange_for_bond(bond=bond, exchange_id=exchange_id)


def _page(
    request: HttpRequest,
    bond: BondView,
    exchange: Exchange,
    *,
    form: AnswerForm | None = None,
    reply_form: ReplyForm | None = None,
    check: TextCheck | None = None,
    held: bool = False,
    status: int = 200,
    is_latest: bool | None = None,
) -> HttpResponse:
    view = selectors.exchange_view(exchange=exchange, bond=bond, viewer=request.user)  # type: ignore[arg-type]
    if form is None:
        mine = view.mine
        form = AnswerForm(
            initial={"text": mine.text if mine else "", "private": mine.private if mine else False}
        )
    context = {
        "b": bond,
        "ev": view,
        "form": form,
        "reply_form": reply_form or ReplyForm(),
        "check": check,
        "held": held,
        "is_latest": selectors.latest_exchange(bond=bond.bond) == exchange
        if is_latest is None
        else is_latest,
    }
    return render(request, "prompts/exchange.html", context, status=status)


@login_required
def today(request: HttpRequest, bond_id: int) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    current = services.exchange_today(bond=bond.bond, user=request.user)  # type: ignore[arg-type]
    return _page(request, bond, _exchange(bond, current.pk), is_latest=True)


@login_required
def exchange_detail(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    return _page(request, bond, _exchange(bond, exchange_id))


@login_required
@require_POST
def answer(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    exchange = _exchange(bond, exchange_id)
    form = AnswerForm(request.POST)
    form.is_valid()
    text = form.cleaned_data.get("text", "")
    private = bool(form.cleaned_data.get("private"))
    action = request.POST.get("action", "submit")
    try:
        if action == "save":
            saved = services.answer_save_draft(
                exchange=exchange,
                author=request.user,  # type: ignore[arg-type]
                text=text,
                private=private,
            )
        else:
            saved = services.answer_submit(
                exchange=exchange,
                author=request.user,  # type: ignore[arg-type]
                text=text,
                private=private or action == "keep_private",
                share_anyway=action == "share_anyway",
            )
    except DomainError as exc:
        form.add_error("text" if exc.status == 400 else None, exc.message)
        return _page(request, bond, exchange, form=form, status=exc.status)
    if saved.held or (saved.check.is_risk and action in {"save", "submit"}):
        # The writer alone sees the crisis panel; a held answer waits for their choice.
        return _page(
            request,
            bond,
            _exchange(bond, exchange_id),
            form=form,
            check=saved.check,
            held=saved.held,
        )
    view = selectors.exchange_view(
        exchange=_exchange(bond, exchange_id),
        bond=bond,
        viewer=request.user,  # type: ignore[arg-type]
    )
    if action == "save":
        messages.success(request, "Draft saved. Only you can see it.")
    elif view.status == "revealed":
        messages.success(request, "Thank you for answering. You can read each other's answers now.")
    elif view.status == "waiting":
        messages.success(
            request,
            f"Thank you for answering. You'll see {bond.other.username}'s answer once they've "
            "answered too.",
        )
    else:
        messages.success(request, "Thank you for answering.")
    return redirect("prompts:exchange", bond_id=bond.id, exchange_id=exchange_id)


@login_required
@require_POST
def draft(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    """Autosave while typing (htmx). Without JavaScript the form's Save draft button is used."""
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    if not is_htmx(request):
        return redirect("prompts:exchange", bond_id=bond.id, exchange_id=exchange_id)
    form = AnswerForm(request.POST)
    form.is_valid()
    context: dict[str, object] = {"error": None, "saved": None, "check": None}
    try:
        saved = services.answer_save_draft(
            exchange=_exchange(bond, exchange_id),
            author=request.user,  # type: ignore[arg-type]
            text=form.cleaned_data.get("text", ""),
            private=bool(form.cleaned_data.get("private")),
        )
    except DomainError as exc:
        context["error"] = exc.message
    else:
        context["saved"] = saved.answer
        context["check"] = saved.check
    return render(request, "prompts/exchange.html#draft_status", context)


@login_required
def status(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    """Polled while waiting; once their answer is in, the page reloads to show what changed."""
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    view = selectors.exchange_view(
        exchange=_exchange(bond, exchange_id),
        bond=bond,
        viewer=request.user,  # type: ignore[arg-type]
    )
    if view.status == "waiting":
        return render(request, "prompts/exchange.html#waiting", {"ev": view, "b": bond})
    response = HttpResponse("")
    response["HX-Refresh"] = "true"
    return response


def _act(request: HttpRequest, bond_id: int, exchange_id: int, what: str) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    exchange = _exchange(bond, exchange_id)
    user = request.user
    try:
        if what == "swap":
            services.exchange_swap(exchange=exchange, user=user)  # type: ignore[arg-type]
            messages.success(request, "Here's another question.")
        elif what == "skip":
            services.exchange_skip(exchange=exchange, user=user)  # type: ignore[arg-type]
            messages.success(
                request, "Not today, and that's fine. Anything you wrote is kept for you."
            )
        else:
            services.reaction_toggle(
                exchange=exchange,
                user=user,  # type: ignore[arg-type]
                kind=request.POST.get("kind", ""),
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("prompts:exchange", bond_id=bond.id, exchange_id=exchange.pk)


@login_required
@require_POST
def swap(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    return _act(request, bond_id, exchange_id, "swap")


@login_required
@require_POST
def skip(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    return _act(request, bond_id, exchange_id, "skip")


@login_required
@require_POST
def react(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    return _act(request, bond_id, exchange_id, "react")


@login_required
@require_POST
def reply(request: HttpRequest, bond_id: int, exchange_id: int) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    exchange = _exchange(bond, exchange_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _page(request, bond, exchange, reply_form=form, status=400)
    try:
        saved = services.reply_add(
            exchange=exchange,
            author=request.user,  # type: ignore[arg-type]
            text=form.cleaned_data["text"],
            submission_key=form.cleaned_data["submission_key"],
        )
    except DomainError as exc:
        form.add_error("text" if exc.status == 400 else None, exc.message)
        return _page(request, bond, exchange, reply_form=form, status=exc.status)
    if saved.check.is_risk:
        return _page(request, bond, _exchange(bond, exchange_id), check=saved.check, held=True)
    return redirect("prompts:exchange", bond_id=bond.id, exchange_id=exchange_id)


@login_required
@require_POST
def reply_share(
    request: HttpRequest, bond_id: int, exchange_id: int, reply_id: int
) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    services.reply_share(
        exchange=_exchange(bond, exchange_id),
        author=request.user,  # type: ignore[arg-type]
        reply_id=reply_id,
    )
    messages.success(request, "Your reply is shared.")
    return redirect("prompts:exchange", bond_id=bond.id, exchange_id=exchange_id)


@login_required
def history(request: HttpRequest, bond_id: int) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    # A search is posted, never put in the URL: the words would land in browser history and
    # proxy logs. Paging through results posts them again.
    form = SearchForm(request.POST if request.method == "POST" else None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    source = request.POST if request.method == "POST" else request.GET
    page, views = selectors.history_page(
        bond=bond,
        viewer=request.user,  # type: ignore[arg-type]
        q=q,
        page=source.get("page") or 1,
    )
    return render(
        request,
        "prompts/history.html",
        {"b": bond, "form": form, "q": q, "page": page, "items": views},
        status=400 if form.errors else 200,
    )


@login_required
def depth(request: HttpRequest, bond_id: int) -> HttpResponse:
    bond, elsewhere = _gated(request, bond_id)
    if elsewhere:
        return elsewhere
    user = request.user
    current = selectors.bond_depth(bond=bond.bond, user=user)  # type: ignore[arg-type]
    form = DepthForm(request.POST or None, initial={"depth": current.mine})
    if request.method == "POST" and form.is_valid():
        services.depth_choose(bond=bond.bond, user=user, depth=form.cleaned_data["depth"])  # type: ignore[arg-type]
        messages.success(request, "Saved. Today's questions follow what you're both ready for.")
        return redirect("prompts:depth", bond_id=bond.id)
    return render(
        request,
        "prompts/depth.html",
        {"b": bond, "form": form, "d": current},
        status=400 if form.errors else 200,
    )
