from typing import Any

from django import template

from heard.learn.content import lesson_index

register = template.Library()


@register.inclusion_tag("learn/why_this_helps.html")
def why_this_helps(*lesson_ids: str) -> dict[str, Any]:
    """A small "why this helps" link to one or more lessons, for any feature's page."""
    index = lesson_index()
    return {"lessons": [index[i] for i in lesson_ids if i in index]}
