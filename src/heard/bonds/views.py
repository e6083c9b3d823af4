from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from heard.bonds import selectors, services
from heard.bonds.forms import CodeForm, InviteForm
from heard.core.errors import DomainError
from heard.core.http import client_ip
from heard.core.sections import sections_for


@login_required
def bond_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "bonds/list.html",
        {
            "bonds": selectors.bonds_for(user=user),  # type: ignore[arg-type]
            "ended": selectors.ended_bonds_unseen(user=user),  # type: ignore[arg-type]
            "invites": selectors.open_invites_for(user=user),  # type: ignore[arg-type]
            "invite_form": InviteForm(),
            "sections": sections_for("together", request),
        },
    )


@login_required
def invite_create(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.bond_invite(inviter=request.user, kind=form.cleaned_data["kind"])  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            # Post/redirect/get: a reload shows this invite again instead of making another.
            # The link and code exist only here (the database keeps hashes), so this session
            # keeps them for the inviter until the invite is used, cancelled or expires.
            shown = request.session.get(INVITES_SHOWN, {})
            shown[str(new.invite.pk)] = {"token": new.token, "code": new.code}
            request.session[INVITES_SHOWN] = shown
            return redirect("bonds:invite_ready", invite_id=new.invite.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "bonds/invite_form.html", {"form": form}, status=status)


INVITES_SHOWN = "heard_invites_shown"


@login_required
def invite_ready(request: HttpRequest, invite_id: int) -> HttpResponse:
    invite = selectors.open_invite_of(user=request.user, invite_id=invite_id)  # type: ignore[arg-type]
    secret = request.session.get(INVITES_SHOWN, {}).get(str(invite_id))
    if invite is None or secret is None:
        messages.info(
            request,
            "That invite's link and code can't be shown again. If you've lost them, cancel the "
            "invite and make a new one.",
        )
        return redirect("bonds:list")
    new = services.NewInvite(invite=invite, token=secret["token"], code=secret["code"])
    link = request.build_absolute_uri(new.path)
    return render(
        request, "bonds/invite_created.html", {"new": new, "link": link, "kind": invite.kind}
    )


@login_required
@require_POST
def invite_revoke(request: HttpRequest, invite_id: int) -> HttpResponse:
    services.invite_revoke(invite_id=invite_id, user=request.user)  # type: ignore[arg-type]
    messages.success(request, "Invite cancelled. The link and code no longer work.")
    return redirect("bonds:list")


def _join(request: HttpRequest, *, token: str = "", code: str = "") -> HttpResponse:
    """Show an invite and, on POST, accept it. Anonymous visitors are asked to log in or sign up."""
    user = request.user if request.user.is_authenticated else None
    try:
        invite = services.invite_lookup(
            user=user,  # type: ignore[arg-type]
            ip=client_ip(request),
            token=token,
            code=code,
        )
    except DomainError as exc:
        return render(
            request,
            "bonds/join_code.html",
            {"form": CodeForm(), "error": exc.message},
            status=exc.status,
        )
    problem = services.invite_problem(invite=invite, user=user)  # type: ignore[arg-type]
    here = request.path + (f"?{urlencode({'code': code})}" if code else "")
    context = {
        "invite": invite,
        "problem": problem.message if problem else None,
        "code": code,
        "login_url": reverse("accounts:login") + "?" + urlencode({"next": here}),
        "signup_url": reverse("accounts:signup") + "?" + urlencode({"next": here}),
    }
    if (
        request.method == "POST"
        and request.POST.get("accept")
        and user is not None
        and problem is None
    ):
        try:
            bond = services.invite_accept(invite=invite, user=user)  # type: ignore[arg-type]
        except DomainError as exc:
            problem = exc
            context["problem"] = exc.message
        else:
            messages.success(request, "You're connected. Take it slowly; small steps count.")
            return redirect("bonds:detail", bond_id=bond.pk)
    status = problem.status if problem else 200
    return render(request, "bonds/join.html", context, status=status)


def join_link(request: HttpRequest, token: str) -> HttpResponse:
    return _join(request, token=token)


def join_code(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("code") or request.GET.get("code") or ""
    if not code:
        return render(request, "bonds/join_code.html", {"form": CodeForm()})
    form = CodeForm({"code": code})
    if not form.is_valid():
        return render(request, "bonds/join_code.html", {"form": form}, status=400)
    return _join(request, code=form.cleaned_data["code"])


@login_required
def bond_detail(request: HttpRequest, bond_id: int) -> HttpResponse:
    view = selectors.bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    return render(
        request,
        "bonds/detail.html",
        {"b": view, "sections": sections_for("bond", request, bond=view)},
    )


@login_required
def bond_leave(request: HttpRequest, bond_id: int) -> HttpResponse:
    view = selectors.bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    if request.method == "POST":
        services.bond_leave(bond=view.bond, user=request.user)  # type: ignore[arg-type]
        messages.success(request, "You've left. Nothing was sent to them.")
        return redirect("bonds:list")
    return render(request, "bonds/leave.html", {"b": view})


@login_required
@require_POST
def bond_end_seen(request: HttpRequest, bond_id: int) -> HttpResponse:
    services.bond_end_acknowledge(bond_id=bond_id, user=request.user)  # type: ignore[arg-type]
    return redirect("bonds:list")
