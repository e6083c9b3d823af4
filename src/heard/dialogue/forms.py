from __future__ import annotations

from django import forms

from heard.core.forms import LimitedTextField
from heard.dialogue.comfort import MAX_LINE
from heard.dialogue.content import NEEDS, RELATIONS
from heard.dialogue.models import Mode, Need
from heard.dialogue.practice import MAX_REPLY
from heard.dialogue.say_it import MAX_FIELD
from heard.dialogue.services import MAX_HELPED


class StartForm(forms.Form):
    mode = forms.ChoiceField(
        choices=Mode.choices,
        widget=forms.RadioSelect,
        initial=Mode.APART,
        label="How will you do this?",
        help_text="Together: pass one phone or laptop between you. Apart: each on your own device.",
    )
    first = forms.ChoiceField(
        choices=[("me", "Me"), ("them", "Them")],
        widget=forms.RadioSelect,
        initial="me",
        label="Who speaks first?",
        help_text="You'll swap roles after the first round.",
    )


class NeedForm(forms.Form):
    need = forms.ChoiceField(
        choices=Need.choices, widget=forms.RadioSelect, label="What do you need right now?"
    )


class RatingForm(forms.Form):
    felt_heard = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        label="I felt heard",
        help_text="1 is not much, 5 is completely.",
    )
    what_helped = LimitedTextField(
        required=False,
        max_length=MAX_HELPED,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What helped? (optional)",
    )


class PracticeFilterForm(forms.Form):
    relation = forms.ChoiceField(
        choices=[("", "Anyone"), *[(r, r.title()) for r in RELATIONS]],
        required=False,
        label="Who is talking",
    )
    need = forms.ChoiceField(
        choices=[("", "Any need"), *[(n, dict(Need.choices)[n]) for n in NEEDS]],
        required=False,
        label="What they need",
    )


class PracticeForm(forms.Form):
    reply = LimitedTextField(
        max_length=MAX_REPLY,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Your reply",
        error_messages={"required": "Write your reply first. There's no wrong answer here."},
    )


class SayItForm(forms.Form):
    happened = LimitedTextField(
        required=False,
        max_length=MAX_FIELD,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What happened",
        help_text="What a camera would have seen or heard, without a verdict.",
    )
    feeling = forms.CharField(
        required=False,
        max_length=60,
        label="How I feel",
        help_text="One or two feeling words. Start typing to see suggestions.",
        widget=forms.TextInput(attrs={"list": "feeling-words", "autocomplete": "off"}),
    )
    need = LimitedTextField(
        required=False,
        max_length=MAX_FIELD,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What I need",
        help_text="What matters to you underneath, like rest, reassurance or respect.",
    )
    request = LimitedTextField(
        required=False,
        max_length=MAX_FIELD,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What I'm asking for",
        help_text="One clear, doable thing they can say yes or no to.",
    )


class ComfortReplyForm(forms.Form):
    reply = LimitedTextField(
        required=False,
        max_length=MAX_LINE,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Write back (optional)",
        help_text="A few words of your own. Or just send “I'm here”.",
    )


class ComfortForm(forms.Form):
    feeling = forms.CharField(
        required=False,
        max_length=40,
        label="A feeling word (optional)",
        help_text="They'll see this word with your request.",
        widget=forms.TextInput(attrs={"list": "feeling-words", "autocomplete": "off"}),
    )
    message = LimitedTextField(
        required=False,
        max_length=MAX_LINE,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="A line for them (optional)",
        help_text="Only they see it, when they open your request. Notices never show it.",
    )
