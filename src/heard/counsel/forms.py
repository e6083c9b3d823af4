"""Forms for counsellor mode. They check the shape of what was sent; the services check it
against the real content and the connections."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from heard.core.forms import LimitedTextField, QuickSelect
from heard.counsel.models import (
    COUNSELLOR_NOTE_MAX,
    HABIT_MAX,
    NOTE_MAX,
    REFLECTION_MAX,
    AssignmentKind,
    InviteKind,
)
from heard.counsel.selectors import Library

WEEKS_AHEAD = 4
TEMPLATE_NAME_MAX = 80

# Which field carries the target for each kind (say_it and checkup need none).
TARGET_FIELDS: dict[str, str] = {
    AssignmentKind.PROMPT: "prompt_target",
    AssignmentKind.DIALOGUE: "dialogue_topic",
    AssignmentKind.SCENARIO: "scenario",
    AssignmentKind.ACTIVITY: "activity",
    AssignmentKind.LESSON: "lesson",
}
MISSING_TARGET: dict[str, str] = {
    AssignmentKind.PROMPT: "Choose a theme or a depth for the question.",
    AssignmentKind.DIALOGUE: "Choose a topic for the dialogue.",
    AssignmentKind.SCENARIO: "Choose a practice scenario.",
    AssignmentKind.ACTIVITY: "Choose an idea for time together.",
    AssignmentKind.LESSON: "Choose a lesson.",
}


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_choices(today: datetime.date) -> list[tuple[str, str]]:
    """This week and the next few, by their Monday."""
    first = monday(today)
    names = ["This week", "Next week"]
    found = []
    for number in range(WEEKS_AHEAD):
        start = first + datetime.timedelta(weeks=number)
        name = names[number] if number < len(names) else f"In {number} weeks"
        found.append((start.isoformat(), f"{name} (from {start.day} {start:%B})"))
    return found


def _choices(options: list[Any], blank: str) -> list[tuple[str, str]]:
    return [("", blank)] + [(c.value, c.label) for c in options]


class InviteForm(forms.Form):
    kind = forms.ChoiceField(
        choices=InviteKind.choices,
        widget=forms.RadioSelect,
        label="Who is this invite for?",
        initial=InviteKind.BOND,
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Counsellor code",
        help_text="Eight letters and digits, like ABCD-2345.",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class BondChoiceForm(forms.Form):
    bond_id = forms.TypedChoiceField(coerce=int, label="Which of your bonds is this for?")

    def __init__(self, *args: Any, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["bond_id"]
        field.choices = [(c.id, f"With {c.other_name}") for c in choices]  # type: ignore[attr-defined]
        field.widget = forms.RadioSelect(choices=field.choices)  # type: ignore[attr-defined]


class AssignmentForm(forms.Form):
    """The full form: anything from Heard's library, with a week, a note and a habit. With
    ``for_template`` it saves a template instead (a name, no week)."""

    kind = forms.ChoiceField(
        choices=AssignmentKind.choices, widget=forms.RadioSelect, label="What kind of practice?"
    )
    prompt_target = forms.ChoiceField(
        required=False,
        label="For a question: a theme or a depth",
        widget=QuickSelect,
    )
    dialogue_topic = forms.ChoiceField(
        required=False, label="For a dialogue: the topic", widget=QuickSelect
    )
    need = forms.ChoiceField(
        required=False,
        label="For a dialogue: what the person sharing needs",
        widget=QuickSelect,
    )
    scenario = forms.ChoiceField(
        required=False, label="For a practice scenario: which one", widget=QuickSelect
    )
    activity = forms.ChoiceField(
        required=False, label="For time together: which idea", widget=QuickSelect
    )
    lesson = forms.ChoiceField(required=False, label="For a lesson: which one", widget=QuickSelect)
    week_of = forms.ChoiceField(label="Which week", widget=QuickSelect)
    note = LimitedTextField(
        max_length=NOTE_MAX,
        required=False,
        label="A short note (optional)",
        help_text="What to try, and why. They see this with the practice.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    habit = LimitedTextField(
        max_length=HABIT_MAX,
        required=False,
        label="Tie it to a habit (optional)",
        help_text='Something they already do, like "after Sunday breakfast".',
    )
    save_as = forms.CharField(
        max_length=TEMPLATE_NAME_MAX,
        required=False,
        label="Also save it as a template named (optional)",
        help_text="Then you can assign it again in two taps.",
    )

    def __init__(
        self,
        *args: Any,
        library: Library,
        today: datetime.date,
        for_template: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.for_template = for_template
        f = self.fields
        f["kind"].choices = [(c.value, c.label) for c in library.kinds]  # type: ignore[attr-defined]
        f["prompt_target"].choices = [  # type: ignore[attr-defined]
            ("", "Choose…"),
            ("Themes", [(c.value, c.label) for c in library.prompt_themes]),
            ("Depths", [(c.value, c.label) for c in library.prompt_depths]),
        ]
        f["dialogue_topic"].choices = _choices(library.dialogue_topics, "Choose…")  # type: ignore[attr-defined]
        f["need"].choices = _choices(library.dialogue_needs, "Choose…")  # type: ignore[attr-defined]
        f["scenario"].choices = _choices(library.scenarios, "Choose…")  # type: ignore[attr-defined]
        f["activity"].choices = _choices(library.activities, "Choose…")  # type: ignore[attr-defined]
        f["lesson"].choices = _choices(library.lessons, "Choose…")  # type: ignore[attr-defined]
        f["week_of"].choices = week_choices(today)  # type: ignore[attr-defined]
        f["week_of"].initial = monday(today).isoformat()
        if for_template:
            del f["week_of"]
            del f["save_as"]
            f["name"] = forms.CharField(
                max_length=TEMPLATE_NAME_MAX,
                label="Template name",
                help_text='What you\'ll tap later, like "Listening: a week of ten minutes".',
            )
            self.order_fields(["name"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = str(data.get("kind") or "")
        field = TARGET_FIELDS.get(kind)
        data["target"] = ""
        if field:
            data["target"] = data.get(field) or ""
            if not data["target"] and field not in self.errors:
                self.add_error(field, MISSING_TARGET[kind])
        data["need_value"] = ""
        if kind == AssignmentKind.DIALOGUE:
            data["need_value"] = data.get("need") or ""
            if not data["need_value"] and "need" not in self.errors:
                self.add_error("need", "Choose what the person sharing needs.")
        if data.get("week_of"):
            data["week"] = datetime.date.fromisoformat(data["week_of"])
        return data


class TemplatePickForm(forms.Form):
    """Two taps: a template (its button) and a week (this week unless changed)."""

    template_id = forms.IntegerField(min_value=1)
    week_of = forms.ChoiceField(label="Week", widget=QuickSelect)

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["week_of"].choices = week_choices(today)  # type: ignore[attr-defined]
        self.fields["week_of"].initial = monday(today).isoformat()


class SaveTemplateForm(forms.Form):
    name = forms.CharField(max_length=TEMPLATE_NAME_MAX, label="Template name")


class NoteForm(forms.Form):
    text = LimitedTextField(
        max_length=COUNSELLOR_NOTE_MAX,
        label="Private note",
        help_text="Only you see your notes. They are never shown to your clients.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    client_id = forms.TypedChoiceField(coerce=int, required=False, label="About")

    def __init__(self, *args: Any, people: list[tuple[int, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        people = people or []
        if len(people) > 1:
            self.fields["client_id"].choices = [(pk, name) for pk, name in people]  # type: ignore[attr-defined]
            self.fields["client_id"].widget = forms.RadioSelect(
                choices=self.fields["client_id"].choices  # type: ignore[attr-defined]
            )
            self.fields["client_id"].required = True
        else:
            del self.fields["client_id"]


class DoneForm(forms.Form):
    reflection = LimitedTextField(
        max_length=REFLECTION_MAX,
        required=False,
        label="How did it go? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    share = forms.ChoiceField(
        choices=[("private", "Just for me"), ("shared", "Share with my counsellor")],
        initial="private",
        required=False,
        widget=forms.RadioSelect,
        label="Who sees your reflection?",
    )
