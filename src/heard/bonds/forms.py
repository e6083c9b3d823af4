from django import forms

from heard.bonds.models import BondKind


class InviteForm(forms.Form):
    kind = forms.ChoiceField(
        choices=BondKind.choices,
        widget=forms.RadioSelect,
        label="Who is this for?",
        initial=BondKind.PARTNER,
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Invite code",
        help_text="Eight letters and digits, like ABCD-2345.",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
