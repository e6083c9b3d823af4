"""Forms only parse input; checks and saving happen in services."""

from __future__ import annotations

import functools
from typing import Any

from django import forms

from heard.bonds.selectors import BondView
from heard.core.forms import FixedChoices, LimitedTextField, QuickRadioSelect, QuickSelect
from heard.daily.selectors import feeling_groups
from heard.daily.services import NOTE_MAX


@functools.lru_cache(maxsize=4)
def _feeling_choices(groups: tuple[tuple[str, tuple[str, ...]], ...]) -> FixedChoices:
    """The picker's choices for this vocabulary, built once (keyed by the vocabulary itself)."""
    items = [("", "Choose a word"), *((name, [(w, w) for w in words]) for name, words in groups)]
    return FixedChoices(items, key=("feelings", groups))


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
        groups = tuple((name, tuple(words)) for name, words in feeling_groups())
        self.fields["feeling"].choices = _feeling_choices(groups)  # type: ignore[attr-defined]
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
                widget=QuickRadioSelect(attrs={"class": "rating"}),
            )

    def rating_fields(self) -> list[forms.BoundField]:
        return [self[f"rating_{view.id}"] for view in self.bonds]

    def ratings(self) -> dict[int, int | None]:
        return {view.id: self.cleaned_data.get(f"rating_{view.id}") for view in self.bonds}
