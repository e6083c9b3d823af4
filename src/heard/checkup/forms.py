"""Forms only parse input; scoring, checks and saving happen in services."""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from django import forms

from heard.bonds.selectors import BondView
from heard.checkup.content import CheckupItem, LoveLanguageItem, closeness_steps
from heard.checkup.models import KindChoices
from heard.checkup.selectors import answer_labels, feeling_groups
from heard.checkup.services import APPRECIATION_MAX, NOTE_MAX
from heard.core.forms import LimitedTextField, QuickSelect, SubmittedOnceForm

PREFIX = "a_"


def interleaved(items: tuple[Any, ...], key: str) -> list[Any]:
    """Items taken in turn from each scale, so statements of one scale aren't bunched up."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(getattr(item, key), []).append(item)
    return [i for row in zip_longest(*groups.values()) for i in row if i is not None]


class _StatementsForm(forms.Form):
    """One 1-5 question per statement; every statement may be skipped."""

    group_key = "scale"

    def __init__(
        self,
        *args: Any,
        items: tuple[CheckupItem | LoveLanguageItem, ...],
        solo: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        labels = answer_labels()
        choices = [(str(n), labels.get(n, str(n))) for n in range(1, 6)]
        self.items = interleaved(items, self.group_key)
        if solo:
            self.fields["kind"] = forms.ChoiceField(
                label="Who do you have in mind?",
                choices=KindChoices.choices,
                widget=forms.RadioSelect,
                initial=KindChoices.PARTNER,
            )
        for item in self.items:
            self.fields[PREFIX + item.id] = forms.TypedChoiceField(
                label=item.text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )

    def statement_fields(self) -> list[forms.BoundField]:
        return [self[PREFIX + item.id] for item in self.items]

    def answers(self) -> dict[str, int | None]:
        return {item.id: self.cleaned_data.get(PREFIX + item.id) for item in self.items}


class CheckupForm(_StatementsForm):
    closeness = forms.TypedChoiceField(
        label="Closeness picture",
        choices=[(str(s.step), s.label) for s in closeness_steps()],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    share = forms.BooleanField(
        label="Share my results with them",
        required=False,
        help_text="They see your scores only when you have both shared. You can change this later.",
    )


class LoveLanguageForm(_StatementsForm):
    group_key = "language"

    share = forms.BooleanField(
        label="Share my profile with them",
        required=False,
        help_text="It helps them find ways to show they care. You can change this later.",
    )


class CheckInForm(forms.Form):
    feeling = forms.ChoiceField(
        label="How are you feeling?",
        widget=QuickSelect,
        error_messages={
            "required": "Choose a feeling word first. Any word that's close enough will do.",
            "invalid_choice": "Choose a feeling word from the list.",
        },
    )
    note = LimitedTextField(
        label="A private note (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you can see this.",
    )

    def __init__(self, *args: Any, bonds: list[BondView], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = [(name, [(w, w) for w in words]) for name, words in feeling_groups()]
        self.fields["feeling"].choices = [("", "Choose a word"), *groups]  # type: ignore[attr-defined]
        self.bonds = bonds
        for view in bonds:
            self.fields[f"rating_{view.id}"] = forms.TypedChoiceField(
                label=f"How connected do you feel with {view.other.username}?",
                help_text="1 is distant, 10 is very close. They see this number, never your note.",
                choices=[(str(n), str(n)) for n in range(1, 11)],
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={"invalid_choice": "Choose a number from 1 to 10."},
                widget=forms.RadioSelect(attrs={"class": "rating"}),
            )

    def rating_fields(self) -> list[forms.BoundField]:
        return [self[f"rating_{view.id}"] for view in self.bonds]

    def ratings(self) -> dict[int, int | None]:
        return {view.id: self.cleaned_data.get(f"rating_{view.id}") for view in self.bonds}


class AppreciationForm(SubmittedOnceForm):
    text = LimitedTextField(
        label="Your note",
        max_length=APPRECIATION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Something you noticed and valued. A sentence or two is plenty.",
    )
    idea_id = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)


class ShareForm(forms.Form):
    shared = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes"
    )


class DecideForm(forms.Form):
    choice = forms.ChoiceField(choices=[("send", "Send it"), ("private", "Keep it private")])
