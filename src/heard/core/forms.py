import uuid

from django import forms
from django.core.exceptions import ValidationError


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
