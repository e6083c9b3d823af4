from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError

from heard.accounts.models import COUNTRY_CHOICES, TIME_ZONE_CHOICES


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        help_text="Letters, digits and @/./+/-/_ only. It doesn't need to be your real name.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used to reset your password.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        strip=False,
        min_length=1,
        max_length=4096,
        help_text="8 to 128 characters. A few words you'll remember work well.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES, initial="UTC")
    country = forms.ChoiceField(
        choices=COUNTRY_CHOICES,
        initial="US",
        help_text="Only used to show the right help lines.",
    )


class LoginForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PreferencesForm(forms.Form):
    time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES)
    country = forms.ChoiceField(
        choices=COUNTRY_CHOICES, help_text="Used to show the right help lines."
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=60, help_text="Something to recognise it by, like 'my laptop'."
    )


def password_help() -> str:
    return password_validation.password_validators_help_text_html()


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The current password is checked through the same (username, IP) throttle as login."""

    def __init__(self, *args: Any, ip: str, **kwargs: Any) -> None:
        self.ip = ip
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        from heard.accounts.services import user_reauthenticate
        from heard.core.errors import DomainError

        old_password = self.cleaned_data["old_password"]
        try:
            user_reauthenticate(user=self.user, password=old_password, ip=self.ip)
        except DomainError as exc:
            code = "throttled" if exc.status == 429 else "password_incorrect"
            raise ValidationError(exc.message, code=code) from exc
        return old_password
