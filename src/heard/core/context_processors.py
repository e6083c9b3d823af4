from typing import Any

from django.conf import settings
from django.http import HttpRequest

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
    return {"quick_exit_url": settings.QUICK_EXIT_URL, "nav_items": NAV, "section": section}
