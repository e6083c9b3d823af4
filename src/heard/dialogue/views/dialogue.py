"""The listening dialogue pages. Every view finds the dialogue through the bond's members and
passes the joint-exercise safety gate; every write goes through the services."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heard.accounts.models import User
from heard.bonds.selectors import BondView, bond_for_member
from heard.core.errors import DomainError
from heard.core.http import is_htmx
from heard.dialogue import selectors, services
from heard.dialogue.coaching import Coaching, coach_step, summary_quietly
from heard.dialogue.forms import NeedForm, RatingForm, StartForm
from heard.dialogue.models import Dialogue, Mode, Need, State, Step
from heard.safety.views import joint_exercise_redirect

TEMPLATE = "dialogue/detail.html"
WRITE_ACTIONS = {"share", "mirror", "validate", "empathize", "ideas", "correct"}


def _holder_key(dialogue: Dialogue) -> str:
    return f"dialogue-{dialogue.pk}-holder"


def _writer(request: HttpRequest, dialogue: Dialogue) -> User | None:
    """Whose words the form on this page is for: the viewer's, or on one shared device the
    person whose turn it is."""
    who = services.turn_user(dialogue)
    if who is None or dialogue.is_paused:
        return None
    if dialogue.mode == Mode.TOGETHER or who.pk == request.user.pk:
        return who
    return None


def _context(
    request: HttpRequest, dialogue: Dialogue, bond: BondView, **extra: Any
) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    writer = _writer(request, dialogue)
    step = selectors.writing_step(dialogue)
    draft = selectors.draft_for(dialogue=dialogue, author=writer) if writer else None
    handover_to = None
    if dialogue.mode == Mode.TOGETHER and writer is not None:
        holder = request.session.get(_holder_key(dialogue), user.pk)
        if holder != writer.pk:
            handover_to = writer
    last_round = dialogue.round if dialogue.state == State.DONE else dialogue.round - 1
    context = {
        "d": dialogue,
        "b": bond,
        "status": selectors.status_for(dialogue=dialogue, viewer=user),
        "turns": selectors.turns_for(dialogue=dialogue, round=dialogue.round),
        "writer": writer,
        "step": step,
        "text": draft.text if draft else "",
        "draft": draft,
        "handover_to": handover_to,
        "need_form": NeedForm(),
        "rating_form": RatingForm(),
        "rating": selectors.rating_for(dialogue=dialogue, round=last_round) if last_round else None,
        "need_label": dict(Need.choices).get(dialogue.need, ""),
        "is_speaker": writer is not None and writer.pk == dialogue.speaker_id,
    }
    context.update(extra)
    return context


@login_required
def start(request: HttpRequest, bond_id: int) -> HttpResponse:
    bond = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    existing = selectors.open_dialogue(bond=bond.bond)
    if existing is not None:
        return redirect("dialogue:detail", dialogue_id=existing.pk)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = services.dialogue_start(
                bond=bond.bond,
                starter=request.user,  # type: ignore[arg-type]
                other=bond.other,
                mode=form.cleaned_data["mode"],
                starter_speaks=form.cleaned_data["first"] == "me",
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("dialogue:detail", dialogue_id=dialogue.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "dialogue/start.html", {"form": form, "b": bond}, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue, bond = selectors.dialogue_for_member(user=request.user, dialogue_id=dialogue_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    return render(request, TEMPLATE, _context(request, dialogue, bond))


@login_required
@require_GET
def status(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """Polled every few seconds: whose turn it is, who is typing; the whole dialogue when the
    other person has moved it on (an out-of-band swap, so nobody reloads)."""
    dialogue, bond = selectors.dialogue_for_member(user=request.user, dialogue_id=dialogue_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    changed = request.GET.get("v") != str(dialogue.version)
    context = _context(request, dialogue, bond, changed=changed)
    return render(request, f"{TEMPLATE}#live", context)


def _coaching(
    request: HttpRequest, dialogue: Dialogue, step: str | None, text: str
) -> tuple[Coaching | None, str]:
    """Coach feedback for a listener's draft; a friendly note instead when it can't run."""
    if step not in {Step.MIRROR, Step.VALIDATE, Step.EMPATHIZE} or not text.strip():
        return None, ""
    try:
        coaching = coach_step(
            user=request.user,  # type: ignore[arg-type]
            text=text,
            share=selectors.shared_text(dialogue=dialogue),
            need=dialogue.need,
            step=step,
        )
    except DomainError as exc:
        return None, exc.message
    return coaching, ""


@login_required
@require_POST
def draft(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """Autosave (htmx, debounced) plus the coach's feedback for the listener's steps."""
    dialogue, bond = selectors.dialogue_for_member(user=request.user, dialogue_id=dialogue_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    text = request.POST.get("text", request.POST.get("what_helped", ""))
    try:
        saved, check = services.draft_save(dialogue=dialogue, actor=request.user, text=text)  # type: ignore[arg-type]
    except DomainError as exc:
        return render(request, f"{TEMPLATE}#coach", {"error": exc.message}, status=exc.status)
    coaching, coach_note = _coaching(request, dialogue, saved.step, text)
    context = {"saved": saved, "check": check, "coaching": coaching, "coach_note": coach_note}
    if is_htmx(request):
        return render(request, f"{TEMPLATE}#coach", context)
    if request.POST.get("beacon"):
        return HttpResponse(status=204)  # the page is going away: nobody reads a reply
    messages.success(request, "Saved as your draft. Only you can see it.")
    return redirect("dialogue:detail", dialogue_id=dialogue.pk)


def _send(request: HttpRequest, dialogue: Dialogue, action: str) -> services.Sent | Dialogue:
    user: User = request.user  # type: ignore[assignment]
    text = request.POST.get("text", "")
    anyway = request.POST.get("share_anyway") == "1"
    if action == "share":
        more = request.POST.get("do") == "more"
        return services.share_send(
            dialogue=dialogue, actor=user, text=text, more=more, share_anyway=anyway
        )
    if action == "correct":
        return services.mirror_correct(
            dialogue=dialogue, actor=user, text=text, share_anyway=anyway
        )
    step = {
        "mirror": Step.MIRROR,
        "validate": Step.VALIDATE,
        "empathize": Step.EMPATHIZE,
        "ideas": Step.IDEAS,
    }[action]
    summary = summary_quietly(
        user=user,
        text=text,
        share=selectors.shared_text(dialogue=dialogue),
        need=dialogue.need,
        step=step,
    )
    return services.listener_send(
        dialogue=dialogue,
        actor=user,
        step=step,
        text=text,
        share_anyway=anyway,
        coach_summary=summary,
    )


def _do(request: HttpRequest, dialogue: Dialogue, action: str) -> services.Sent | Dialogue | None:
    user: User = request.user  # type: ignore[assignment]
    if action in WRITE_ACTIONS:
        return _send(request, dialogue, action)
    if action == "need":
        form = NeedForm(request.POST)
        need = form.cleaned_data["need"] if form.is_valid() else ""
        return services.need_choose(dialogue=dialogue, actor=user, need=need)
    if action == "finish":
        return services.share_finish(dialogue=dialogue, actor=user)
    if action == "confirm":
        return services.mirror_confirm(dialogue=dialogue, actor=user)
    if action == "rate":
        rating = RatingForm(request.POST)
        felt = rating.cleaned_data["felt_heard"] if rating.is_valid() else 0
        return services.rating_submit(
            dialogue=dialogue,
            actor=user,
            felt_heard=felt,
            what_helped=request.POST.get("what_helped", ""),
            share_anyway=request.POST.get("share_anyway") == "1",
        )
    if action == "swap":
        return services.roles_swap(dialogue=dialogue, actor=user)
    if action == "pause":
        return services.dialogue_pause(dialogue=dialogue, actor=user)
    if action == "resume":
        return services.dialogue_resume(dialogue=dialogue, actor=user)
    if action == "end":
        return services.dialogue_end(dialogue=dialogue, actor=user)
    raise DomainError("That isn't something you can do in a dialogue.")


@login_required
@require_POST
def act(request: HttpRequest, dialogue_id: int, action: str) -> HttpResponse:
    """Every step, as a plain form post (works without JavaScript)."""
    dialogue, bond = selectors.dialogue_for_member(user=request.user, dialogue_id=dialogue_id)  # type: ignore[arg-type]
    blocked = joint_exercise_redirect(request, bond)
    if blocked is not None:
        return blocked
    if action == "handover":
        # On one shared device: the person whose turn it is says they have it now.
        writer = services.turn_user(dialogue)
        request.session[_holder_key(dialogue)] = writer.pk if writer else request.user.pk
        return redirect("dialogue:detail", dialogue_id=dialogue.pk)
    do = request.POST.get("do", "send")
    text = request.POST.get("text", request.POST.get("what_helped", ""))
    if action in WRITE_ACTIONS | {"rate"} and do in {"save", "feedback"}:
        return _save_or_coach(request, dialogue, bond, do, text)
    try:
        result = _do(request, dialogue, action)
    except DomainError as exc:
        # Nothing typed is lost: keep it as a draft and show it again with the reason.
        if text.strip():
            _keep(dialogue, request.user, text)  # type: ignore[arg-type]
        dialogue.refresh_from_db()
        context = _context(request, dialogue, bond, error=exc.message, text=text)
        return render(request, TEMPLATE, context, status=exc.status)
    if isinstance(result, services.Sent) and not result.sent:
        dialogue.refresh_from_db()
        context = _context(request, dialogue, bond, check=result.check, risky=True, text=text)
        return render(request, TEMPLATE, context)
    if isinstance(result, services.Sent) and result.check.is_risk:
        messages.info(request, "Sent. The help lines are always on the Help page.")
    dialogue.refresh_from_db()
    nxt = services.turn_user(dialogue)
    if dialogue.mode == Mode.TOGETHER and nxt is None:
        request.session.pop(_holder_key(dialogue), None)
    elif dialogue.mode == Mode.TOGETHER and action not in {"pause", "resume", "end"}:
        # The person who just acted is holding the device; a hand-over screen shows if needed.
        acted_as = request.user if action == "swap" else _role_of(dialogue, action)
        request.session[_holder_key(dialogue)] = acted_as.pk
    return redirect("dialogue:detail", dialogue_id=dialogue.pk)


def _role_of(dialogue: Dialogue, action: str) -> User:
    return dialogue.listener if action in services.LISTENER_ACTIONS else dialogue.speaker


def _keep(dialogue: Dialogue, user: User, text: str) -> None:
    with contextlib.suppress(DomainError):
        services.draft_save(dialogue=dialogue, actor=user, text=text)


def _save_or_coach(
    request: HttpRequest, dialogue: Dialogue, bond: BondView, do: str, text: str
) -> HttpResponse:
    """The no-JavaScript versions of autosave and live feedback."""
    try:
        saved, check = services.draft_save(dialogue=dialogue, actor=request.user, text=text)  # type: ignore[arg-type]
    except DomainError as exc:
        return render(
            request,
            TEMPLATE,
            _context(request, dialogue, bond, error=exc.message, text=text),
            status=exc.status,
        )
    extra: dict[str, Any] = {"text": text, "saved": saved, "check": check}
    if check.is_risk:
        extra["risky"] = True
    if do == "feedback":
        coaching, note = _coaching(request, dialogue, saved.step, text)
        extra.update(coaching=coaching, coach_note=note)
    else:
        extra["notice"] = "Saved as your draft. Only you can see it."
    return render(request, TEMPLATE, _context(request, dialogue, bond, **extra))
