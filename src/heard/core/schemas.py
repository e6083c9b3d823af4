"""Shapes shared by the API's inputs, so the schema says what the services accept."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from heard.coach.feelings import all_words

# One character that is neither white space nor a control or zero-width character: what
# "you wrote something" means to the services, which strip the text first (the coach also
# drops control and zero-width characters). Python's strip() removes \x1c-\x1f too, which
# regex \s (in JSON Schema and in pydantic) does not count as space.
WRITTEN = r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]"


def written(max_length: int, **kwargs: Any) -> Any:
    """A required text field that must hold more than white space (and the zero-width and
    control characters the coach drops)."""
    return Field(..., max_length=max_length, pattern=WRITTEN, **kwargs)


if TYPE_CHECKING:
    FeelingWord = str
else:
    # One of the feelings vocabulary's words, exactly (GET /api/v1/feelings lists them).
    FeelingWord = Literal[tuple(all_words())]


class InputSchema(Schema):
    """A JSON body. Types are strict, as the schema says: `true` is not a number and "yes"
    is not a boolean (pydantic would otherwise convert them). Fields that JSON can only carry
    as strings (dates, times, UUIDs) say `strict=False`."""

    model_config = ConfigDict(strict=True)


def _iso(pattern: str, parse: Any, kind: type) -> Any:
    """A string in exactly the schema's format, parsed; anything else is refused (pydantic
    alone would also take numbers as timestamps and other ISO spellings). The same type
    also describes answers, which hand over the value itself."""
    compiled = re.compile(pattern)

    def check(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise ValueError(f"use the form {EXAMPLES[pattern]}")
        return parse(value)

    return BeforeValidator(check)


DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# A wall-clock time in the person's own zone ("19:00"), never with an offset: OpenAPI's
# "format: time" would demand one.
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"
EXAMPLES = {DATE_PATTERN: "2025-06-30", TIME_PATTERN: "19:00"}

IsoDate = Annotated[
    datetime.date,
    _iso(DATE_PATTERN, datetime.date.fromisoformat, datetime.date),
    WithJsonSchema({"type": "string", "format": "date", "example": "2025-06-30"}),
]
LocalTime = Annotated[
    datetime.time,
    _iso(TIME_PATTERN, datetime.time.fromisoformat, datetime.time),
    WithJsonSchema({"type": "string", "pattern": TIME_PATTERN, "example": "19:00"}),
]
