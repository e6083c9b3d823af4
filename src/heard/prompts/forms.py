from django import forms

from heard.core.forms import SubmittedOnceForm
from heard.prompts.deck import DEPTH_NAMES


class AnswerForm(forms.Form):
    text = forms.CharField(
        required=False,
        strip=False,
        label="Your answer",
        help_text="Only you can see this until you've both answered. A few sentences is plenty.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    private = forms.BooleanField(
        required=False,
        label="Just for me",
        help_text="Keep this answer to yourself. It is never shown to them, and theirs stays "
        "hidden too: you read each other's when you both share.",
    )


class ReplyForm(SubmittedOnceForm):
    text = forms.CharField(
        label="Add a reply",
        strip=False,
        help_text="A few words back. They'll see it under this question.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DepthForm(forms.Form):
    depth = forms.TypedChoiceField(
        coerce=int,
        choices=[(d, f"{d} · {name}") for d, name in DEPTH_NAMES.items()],
        widget=forms.RadioSelect,
        label="How deep are you comfortable going?",
        help_text="You can change this any time. Nobody is told what you chose.",
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search your answers",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
