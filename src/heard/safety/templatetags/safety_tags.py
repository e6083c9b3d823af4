from typing import Any

from django import template

from heard.safety.selectors import help_lines

register = template.Library()


def _country(context: template.Context) -> str:
    user = getattr(context.get("request"), "user", None)
    return getattr(user, "country", "") or "OTHER"


@register.inclusion_tag("safety/crisis_panel.html", takes_context=True)
def crisis_panel(context: template.Context, crisis: Any) -> dict[str, Any]:
    """The calm panel shown to the writer alone when what they wrote suggests they may be at risk."""
    label = getattr(crisis, "label", crisis) or "none"
    discreet = bool(getattr(crisis, "discreet", False))
    kind = "domestic_violence" if label == "abuse" else "crisis"
    full = label != "none" and not discreet
    return {
        "label": label,
        "discreet": discreet,
        "unjudged": bool(getattr(crisis, "unjudged", False)),
        "lines": help_lines(country=_country(context), kind=kind) if full else [],
    }


@register.inclusion_tag("safety/lines.html", takes_context=True)
def help_lines_for(context: template.Context, kind: str) -> dict[str, Any]:
    return {"lines": help_lines(country=_country(context), kind=kind), "kind": kind}
