import uuid
from collections.abc import Hashable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe


class SubmittedOnceForm(forms.Form):
    """A form that stores a new row: each rendering carries a fresh key, so sending the same
    form twice (a double click, a retry) stores one copy."""

    submission_key = forms.UUIDField(required=False, initial=uuid.uuid4, widget=forms.HiddenInput)


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form: field errors where the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


# Said when text is over a field's limit. Nothing is cut, so the person only has to shorten it.
LIMIT_MESSAGE = (
    "That's %(show_value)d characters, and the limit here is %(limit_value)d. Nothing was cut: "
    "your words are all still here. Shorten them a little, then send again."
)


def over_limit_message(*, length: int, limit: int) -> str:
    return LIMIT_MESSAGE % {"show_value": length, "limit_value": limit}


class LimitedTextField(forms.CharField):
    """Text with a length limit that never cuts what was typed or pasted.

    Browsers silently cut a paste at `maxlength`, so the widget gets `data-limit` instead: heard.js
    shows a live counter, and the server answers with LIMIT_MESSAGE and keeps the text."""

    def __init__(self, *, max_length: int, **kwargs: object) -> None:
        messages = dict(kwargs.pop("error_messages", None) or {})  # type: ignore[call-overload]
        messages.setdefault("max_length", LIMIT_MESSAGE)
        super().__init__(max_length=max_length, error_messages=messages, **kwargs)  # type: ignore[arg-type]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, object]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-limit"] = str(self.max_length)
        return attrs


def _attrs(attrs: dict[str, object]) -> str:
    from django.utils.html import escape

    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(parts)


class FixedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form (a list of (value, label) or (group, [(value,
    label), ...])), built once from content and handed to a field as they are. A plain list is
    normalised again each time it is set on a field or its widget, which for the hundred-odd
    feeling words on Today was a tenth of the page. ``key`` names the content they came from
    (hashable), so a rendering of them can be remembered."""

    def __init__(self, items: list[Any], key: Hashable) -> None:
        self.items = items
        self.key = key

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


# Written <select>s over FixedChoices, by everything the markup depends on: the widget's class,
# the content's key, the name, the selected values and the attributes. Nothing else goes in.
_MARKUP: dict[Hashable, SafeString] = {}


class QuickSelect(forms.Select):
    """A <select> written in Python rather than through a template per option: the same
    markup as Django's Select, at a fraction of the cost for a long list (the feeling picker
    on Today has over a hundred words, and was a third of the page's CPU)."""

    def render(
        self, name: str, value: object, attrs: object = None, renderer: object = None
    ) -> SafeString:
        choices = self.choices
        if isinstance(choices, FixedChoices):
            # The markup is a function of the content and these arguments alone.
            merged = {**self.attrs, **(attrs or {})}  # type: ignore[dict-item]
            key: tuple[Hashable, ...] = (type(self), choices.key, name)
            key += (tuple(self.format_value(value)), tuple(merged.items()))
            try:
                found = _MARKUP.get(key)
            except TypeError:  # an unhashable attribute: just write it
                return self._markup(name, value, attrs)
            if found is None:
                found = self._markup(name, value, attrs)
                if len(_MARKUP) >= 64:
                    _MARKUP.clear()
                _MARKUP[key] = found
            return found
        return self._markup(name, value, attrs)

    def _markup(self, name: str, value: object, attrs: object) -> SafeString:
        from django.utils.html import escape

        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[arg-type]
        out = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{escape(str(group_name))}">')
            for option in options:
                out.append(
                    f'\n  <option value="{escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{escape(str(option['label']))}</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # nosec B308 B703 - every value above is escaped


def _template_attrs(attrs: dict[str, object]) -> str:
    """Attributes exactly as django/forms/widgets/attrs.html writes them: False is left out,
    True is a bare name, anything else (None included) is its escaped string."""
    from django.utils.html import conditional_escape

    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


class QuickRadioSelect(forms.RadioSelect):
    """Radio buttons written in Python rather than through four templates per option: the
    same markup as Django's RadioSelect (multiple_input.html, input_option.html, input.html,
    attrs.html), for the rating rows on Today, one per bond, ten buttons each."""

    def render(
        self, name: str, value: object, attrs: object = None, renderer: object = None
    ) -> SafeString:
        from django.utils.html import conditional_escape as esc

        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[arg-type]
        outer = widget["attrs"]
        out = ["<div"]
        if outer.get("id"):
            out.append(f' id="{esc(outer["id"])}"')
        if outer.get("class"):
            out.append(f' class="{esc(outer["class"])}"')
        out.append(">")
        for group, options, _ in widget["optgroups"]:
            if group:
                out.append(f"\n  <div><label>{esc(group)}</label>")
            for option in options:
                option_attrs = option["attrs"]
                out.append("<div>\n    ")
                if option["wrap_label"]:
                    label_for = option_attrs.get("id")
                    out.append(f'<label for="{esc(label_for)}">' if label_for else "<label>")
                out.append(f'<input type="{esc(option["type"])}" name="{esc(option["name"])}"')
                if option["value"] is not None:
                    out.append(f' value="{esc(str(option["value"]))}"')
                out.append(f"{_template_attrs(option_attrs)}>\n")
                if option["wrap_label"]:
                    out.append(f" {esc(option['label'])}</label>")
                out.append("\n\n</div>")  # the two option templates' closing newlines
            if group:
                out.append("\n  </div>")
        out.append("\n</div>")
        return mark_safe("".join(out))  # nosec B308 B703 - every value above is escaped
