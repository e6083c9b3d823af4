from django import forms


def _password() -> forms.CharField:
    return forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _code(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=24,
        help_text="The 6 digits your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "autocorrect": "off",
                "spellcheck": "false",
            }
        ),
    )


class PasswordForm(forms.Form):
    password = _password()


class ConfirmForm(forms.Form):
    code = forms.CharField(
        label="The 6-digit code your app shows",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class LoginCodeForm(forms.Form):
    code = _code("Code")
    remember = forms.BooleanField(
        label="Don't ask for a code on this browser for 30 days",
        required=False,
        initial=False,
        help_text="Leave this off on a shared or family device.",
    )


class TurnOffForm(forms.Form):
    password = _password()
    code = _code("A code from your app, or a recovery code")
