from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from heard.accounts import selectors, services
from heard.accounts.forms import (
    LoginForm,
    PreferencesForm,
    SignupForm,
    ThrottledPasswordChangeForm,
    TokenForm,
)
from heard.accounts.sessions import device_session_end, device_sessions_for
from heard.bonds.selectors import bonds_for
from heard.core.errors import DomainError
from heard.core.forms import add_errors
from heard.core.http import AuthedRequest, client_ip, safe_next
from heard.twostep import login as two_step
from heard.twostep.services import two_step_on


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(safe_next(request, "core:home"))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_signup(**form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to Heard. We're glad you're here.")
            return redirect(safe_next(request, "core:welcome"))
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request, "")})


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.login_authenticate(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status if exc.status == 429 else 400
        else:
            if two_step_on(user=user) and not two_step.remembered(request, user=user):
                # Nothing is logged in yet: the code comes first.
                two_step.pending_start(request, user=user, next_url=safe_next(request, "core:home"))
                return redirect("twostep:login_code")
            login(request, user)
            return redirect(safe_next(request, "core:home"))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": safe_next(request, "")},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You're logged out.")
    return redirect("accounts:login")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    prefs = PreferencesForm(
        request.POST if request.POST.get("action") == "preferences" else None,
        initial={"time_zone": user.time_zone, "country": user.country},  # type: ignore[union-attr]
    )
    if (
        request.method == "POST"
        and request.POST.get("action") == "preferences"
        and prefs.is_valid()
    ):
        services.user_update_preferences(user=user, **prefs.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, "Saved.")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {
            "prefs": prefs,
            "token_form": TokenForm(),
            "tokens": selectors.api_tokens_for(user=user),  # type: ignore[arg-type]
            "bonds": bonds_for(user=user),  # type: ignore[arg-type]
            "two_step": two_step_on(user=user),  # type: ignore[arg-type]
        },
        status=400 if prefs.errors else 200,
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    secret = None
    if form.is_valid():
        try:
            _, secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error("name", exc.message)
    return render(
        request,
        "accounts/account.html",
        {
            "prefs": PreferencesForm(
                initial={"time_zone": request.user.time_zone, "country": request.user.country}  # type: ignore[union-attr]
            ),
            "token_form": form if secret is None else TokenForm(),
            "new_secret": secret,
            "tokens": selectors.api_tokens_for(user=request.user),  # type: ignore[arg-type]
        },
        status=200 if secret else 400,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        services.api_token_revoke(user=request.user, token_id=token_id)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Token revoked. Anything using it can no longer sign in.")
    return redirect("accounts:account")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):  # type: ignore[no-untyped-def]
        return {**super().get_form_kwargs(), "ip": client_ip(self.request)}

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        services.api_tokens_revoke_all(user=form.user)
        messages.success(self.request, "Your password is changed. Any API tokens were revoked too.")
        return super().form_valid(form)

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_invalid(form)
        response.status_code = 429 if form.has_error("old_password", "throttled") else 400
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        services.api_tokens_revoke_all(user=form.user)
        messages.success(self.request, "Your password is reset. You can log in now.")
        return super().form_valid(form)


@login_required
def data(request: AuthedRequest) -> HttpResponse:
    """Export your data, log out everywhere else, or erase your account (password needed)."""
    from django.http import JsonResponse

    from heard.accounts.data import user_erase, user_export

    error = None
    status = 400
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            services.user_reauthenticate(
                user=request.user, password=request.POST.get("password", ""), ip=client_ip(request)
            )
        except DomainError as exc:
            error = exc.message
            status = exc.status
        else:
            if action == "export":
                response = JsonResponse(
                    user_export(user=request.user), json_dumps_params={"indent": 2}
                )
                response["Content-Disposition"] = 'attachment; filename="heard-my-data.json"'
                return response
            if action == "logout_others":
                services.user_logout_everywhere_else(request=request, user=request.user)
                messages.success(request, "Every other device is logged out.")
                return redirect("accounts:data")
            if action == "erase" and request.POST.get("confirm") == "erase":
                user_erase(user=request.user)
                logout(request)
                messages.info(request, "Your account and everything in it are erased.")
                return redirect("accounts:login")
            error = "Choose what to do, and for erasing, type erase to confirm."
    return render(
        request,
        "accounts/data.html",
        {
            "error": error,
            "devices": device_sessions_for(user=request.user),
            "this_key": request.session.session_key,
        },
        status=status if error else 200,
    )


@login_required
@require_POST
def device_end(request: AuthedRequest, device_id: int) -> HttpResponse:
    if device_session_end(user=request.user, device_id=device_id):
        messages.success(request, "That device is logged out.")
    return redirect("accounts:data")
