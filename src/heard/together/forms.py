"""Forms only parse input; scoring, checks and saving happen in services."""

from __future__ import annotations

from django import forms

from heard.checkup.forms import StatementsForm
from heard.core.forms import LimitedTextField, SubmittedOnceForm
from heard.together.services import APPRECIATION_MAX


class LoveLanguageForm(StatementsForm):
    group_key = "language"

    share = forms.BooleanField(
        label="Share my profile with them",
        required=False,
        help_text="It helps them find ways to show they care. You can change this later.",
    )


class AppreciationForm(SubmittedOnceForm):
    text = LimitedTextField(
        label="Your note",
        max_length=APPRECIATION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Something you noticed and valued. A sentence or two is plenty.",
    )
    idea_id = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)


class DecideForm(forms.Form):
    choice = forms.ChoiceField(choices=[("send", "Send it"), ("private", "Keep it private")])
