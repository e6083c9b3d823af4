from typing import Any

from django.http import HttpRequest
from django.urls import reverse

NAV = [
    ("today", "Today", "core:home"),
    ("talk", "Talk", "core:talk"),
    ("together", "Together", "bonds:list"),
    ("progress", "Progress", "core:progress"),
    ("help", "Help", "core:help"),
]

# Which of the five places each URL namespace belongs to; "core" pages are named after theirs.
SECTIONS = {
    "bonds": "together",
    "join": "together",
    "prompts": "today",
    "dialogue": "talk",
    "checkup": "progress",
    "daily": "today",
    "together": "together",
    "safety": "help",
}
CORE_SECTIONS = {"home": "today", "talk": "talk", "progress": "progress", "help": "help"}


def heard(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    section = None
    if match is not None:
        namespace = match.namespaces[0] if match.namespaces else ""
        section = (
            CORE_SECTIONS.get(match.url_name or "")
            if namespace == "core"
            else SECTIONS.get(namespace)
        )
    # Quick exit goes through our own /exit/, which ends the session on the way out.
    return {"quick_exit_url": reverse("core:quick_exit"), "nav_items": NAV, "section": section}
