"""Two-step sign-in pages: set it up, see it, renew recovery codes, turn it off; and the
code page of logging in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.services import user_logout_everywhere_else
from heard.core.errors import DomainError
from heard.core.http import AuthedRequest, client_ip
from heard.twostep import login as steps
from heard.twostep import services
from heard.twostep.forms import ConfirmForm, LoginCodeForm, PasswordForm, TurnOffForm


def _page(request: AuthedRequest, status: int = 200, **context: object) -> HttpResponse:
    user = request.user
    device = services.device_for(user=user)
    base: dict[str, object] = {
        "on": services.two_step_on(user=user),
        "device": device,
        "codes_left": services.recovery_codes_left(user=user),
        "start_form": PasswordForm(),
        "renew_form": PasswordForm(),
        "off_form": TurnOffForm(),
    }
    if device is not None and not device.confirmed:
        base["setup"] = services.provisioning_for(device)
        base["confirm_form"] = ConfirmForm()
    return render(request, "twostep/manage.html", {**base, **context}, status=status)


@login_required
def manage(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    action = request.POST.get("action", "")
    user, ip = request.user, client_ip(request)
    forms = {
        "start": PasswordForm,
        "confirm": ConfirmForm,
        "renew": PasswordForm,
        "off": TurnOffForm,
    }
    if action not in forms:
        return _page(request, status=400)
    form = forms[action](request.POST)
    if not form.is_valid():
        return _page(request, status=400, **{f"{action}_form": form})
    data = form.cleaned_data
    try:
        if action == "start":
            services.setup_start(user=user, password=data["password"], ip=ip)
            return _page(request)
        if action == "confirm":
            codes = services.setup_confirm(user=user, code=data["code"], ip=ip)
            # Any other session or token may be someone who only knew the password.
            user_logout_everywhere_else(request=request, user=user)
            return _page(request, new_codes=codes, turned_on=True)
        if action == "renew":
            codes = services.recovery_codes_renew(user=user, password=data["password"], ip=ip)
            return _page(request, new_codes=codes)
        services.turn_off(user=user, password=data["password"], code=data["code"], ip=ip)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _page(request, status=exc.status, **{f"{action}_form": form})
    messages.success(request, "Two-step sign-in is off. Logging in needs only your password now.")
    return redirect("twostep:manage")


def login_code(request: HttpRequest) -> HttpResponse:
    """After the password: the code. Nothing is logged in until it matches."""
    pending = steps.pending_user(request)
    if pending is None:
        messages.info(request, "Please log in again: that took a while, to keep it safe.")
        return redirect("accounts:login")
    user, data = pending
    form = LoginCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.code_check(user=user, code=form.cleaned_data["code"], ip=client_ip(request))
        except DomainError as exc:
            form.add_error("code", exc.message)
            status = 429 if exc.status == 429 else 400
        else:
            steps.pending_end(request)
            login(request, user, backend=data["backend"])
            response = redirect(data.get("next") or "core:home")
            if form.cleaned_data["remember"]:
                steps.remember(response, request, user=user)
            return response
    elif request.method == "POST":
        status = 400
    return render(request, "twostep/login_code.html", {"form": form}, status=status)
