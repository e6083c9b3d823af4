"""The host's admin: manage accounts only. Nothing anyone wrote is registered here, and it is
encrypted at rest anyway."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserChangeForm

from heard.accounts.models import User


class HeardUserChangeForm(UserChangeForm):
    """The user form, with the counsellor role (counsel's CounsellorProfile) on it."""

    counsellor = forms.BooleanField(
        required=False,
        help_text="A counsellor sees Clients, can invite clients and set practice. "
        "Counsellor accounts can't be in bonds. Unticking ends all their connections.",
    )
    practice_name = forms.CharField(required=False, max_length=120)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from heard.counsel.selectors import counsellor_profile

        if self.instance.pk:
            profile = counsellor_profile(user=self.instance)
            self.fields["counsellor"].initial = bool(profile and profile.active)
            self.fields["practice_name"].initial = profile.practice_name if profile else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("counsellor") and self.instance.pk:
            from heard.bonds.selectors import bonds_for
            from heard.counsel.selectors import my_connections

            if any(c.status != "ended" for c in my_connections(user=self.instance)):
                self.add_error("counsellor", "This account is a client of a counsellor.")
            if bonds_for(user=self.instance):
                self.add_error(
                    "counsellor",
                    "This account is in a bond. A counsellor needs an account of their own.",
                )
        return data


@admin.register(User)
class HeardUserAdmin(UserAdmin):
    form = HeardUserChangeForm
    list_display = (
        "username",
        "email",
        "is_active",
        "is_staff",
        "is_counsellor",
        "date_joined",
        "last_login",
    )
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Contact", {"fields": ("email",)}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Counsellor", {"fields": ("counsellor", "practice_name")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")

    @admin.display(boolean=True, description="counsellor")
    def is_counsellor(self, obj: User) -> bool:
        from heard.counsel.selectors import counsellor_profile

        profile = counsellor_profile(user=obj)
        return bool(profile and profile.active)

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "counsellor" not in form.cleaned_data:
            return
        from heard.counsel.selectors import counsellor_profile
        from heard.counsel.services import counsellor_mark

        wanted = bool(form.cleaned_data.get("counsellor"))
        profile = counsellor_profile(user=obj)
        if wanted or (profile and profile.active):
            counsellor_mark(
                user=obj,
                practice_name=form.cleaned_data.get("practice_name", ""),
                active=wanted,
            )


admin.site.site_header = "Heard administration"
admin.site.site_title = "Heard admin"

# Admin logins go through Heard's own login page, with its per-(username, IP) throttle.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
