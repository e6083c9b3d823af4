"""Forms only parse input; every check that matters happens in services."""

from __future__ import annotations

from django import forms

from heard.quality.models import Anchor, Repeat
from heard.quality.services import RATING_MAX, RATING_MIN


class ProposeForm(forms.Form):
    bond_id = forms.TypedChoiceField(label="With", coerce=int)
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}))
    repeat = forms.ChoiceField(label="How often", choices=Repeat.choices, required=False)
    anchor = forms.ChoiceField(
        label="Tie it to a habit you already have", choices=Anchor.choices, required=False
    )

    def __init__(self, *args, bonds=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["bond_id"].choices = [(b.id, b.other.username) for b in bonds]  # type: ignore[attr-defined]


class AnotherTimeForm(forms.Form):
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}))


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How connected did you feel?",
        coerce=int,
        choices=[(n, str(n)) for n in range(RATING_MIN, RATING_MAX + 1)],
        widget=forms.RadioSelect,
    )


class ReminderForm(forms.Form):
    daily = forms.BooleanField(label="The daily check-in, at a time I choose", required=False)
    daily_time = forms.TimeField(
        label="My time for reminders (the daily check-in, and practice)",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    plans = forms.BooleanField(label="A plan coming up", required=False)
    proposals = forms.BooleanField(label="When they suggest a time", required=False)
    weekly = forms.BooleanField(label="A weekly rhythm note", required=False)
    practice = forms.BooleanField(
        label="Practice from my counsellor, if it isn't done yet (at most twice a week)",
        required=False,
    )
    email = forms.BooleanField(label="Also by e-mail", required=False)
    quiet_start = forms.TimeField(
        label="Quiet hours from", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    quiet_end = forms.TimeField(
        label="Quiet hours until", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
