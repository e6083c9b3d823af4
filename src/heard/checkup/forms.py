"""Forms only parse input; scoring, checks and saving happen in services."""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from django import forms

from heard.checkup.content import closeness_steps
from heard.checkup.models import KindChoices
from heard.checkup.scoring import KeyedItem
from heard.checkup.selectors import answer_labels

PREFIX = "a_"


def interleaved(items: tuple[Any, ...], key: str) -> list[Any]:
    """Items taken in turn from each scale, so statements of one scale aren't bunched up."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(getattr(item, key), []).append(item)
    return [i for row in zip_longest(*groups.values()) for i in row if i is not None]


class StatementsForm(forms.Form):
    """One 1-5 question per statement; every statement may be skipped. The check-up and the
    love-language profile (together/) are both such a form."""

    group_key = "scale"

    def __init__(
        self,
        *args: Any,
        items: tuple[KeyedItem, ...],
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


class CheckupForm(StatementsForm):
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


class ShareForm(forms.Form):
    shared = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes"
    )
