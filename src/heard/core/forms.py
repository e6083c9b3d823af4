import uuid

from django import forms
from django.core.exceptions import ValidationError
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


class QuickSelect(forms.Select):
    """A <select> written in Python rather than through a template per option: the same
    markup as Django's Select, at a fraction of the cost for a long list (the feeling picker
    on Today has over a hundred words, and was a third of the page's CPU)."""

    def render(
        self, name: str, value: object, attrs: object = None, renderer: object = None
    ) -> SafeString:
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
