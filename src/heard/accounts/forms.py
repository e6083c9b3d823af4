from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError

from heard.accounts.models import COUNTRY_CHOICES, TIME_ZONE_CHOICES

_ZONES = {name.lower(): name for name, _ in TIME_ZONE_CHOICES}
# Countries in the EU, for "Another EU country" when the browser's language names one.
EU_COUNTRIES = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI ES SE"


class TimeZoneField(forms.CharField):
    """A searchable time zone: a text field with suggestions (heard.js fills them from the
    browser), instead of a 400-option select. Accepts any known zone in any case."""

    def __init__(self, *, detect: bool = False, **kwargs: object) -> None:
        attrs = {
            "list": "time-zone-list",
            "autocomplete": "off",
            "autocapitalize": "none",
            "spellcheck": "false",
            "data-time-zone": "",
        }
        if detect:
            attrs["data-detect"] = ""
        kwargs.setdefault(
            "help_text",
            "For when your day starts and ends. Start typing a city to search, like "
            "Europe/London or America/Chicago.",
        )
        super().__init__(max_length=64, widget=forms.TextInput(attrs=attrs), **kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> str:
        typed = str(super().clean(value)).strip().replace(" ", "_")
        zone = _ZONES.get(typed.lower())
        if zone is None:
            raise ValidationError(
                "We don't know that time zone. Start typing a city, like Europe/London, "
                "and pick one from the list."
            )
        return zone


def _country_widget(*, detect: bool) -> forms.Select:
    attrs = {"data-eu": EU_COUNTRIES}
    if detect:
        attrs["data-detect-country"] = ""
    return forms.Select(attrs=attrs)


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
    # Filled in from the browser (heard.js) as defaults the person can change.
    time_zone = TimeZoneField(detect=True, initial="UTC")
    country = forms.ChoiceField(
        choices=COUNTRY_CHOICES,
        initial="US",
        widget=_country_widget(detect=True),
        help_text="Only used to show the right help lines. We guessed it from your browser's "
        "language; change it if it's wrong.",
    )


class LoginForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "autofocus": True,
                "autocapitalize": "none",
                "autocorrect": "off",
                "spellcheck": "false",
            }
        ),
    )
    password = forms.CharField(
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PreferencesForm(forms.Form):
    time_zone = TimeZoneField()
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
