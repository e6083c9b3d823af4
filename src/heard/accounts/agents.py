"""A plain description of a browser from its User-Agent string. Plain Python, below both the
models (DeviceSession.agent_label) and the session code that records devices."""

from __future__ import annotations


def describe_agent(agent: str) -> str:
    """A plain description like "Firefox on Linux" from a User-Agent string."""
    agent = agent or ""
    browser = next(
        (
            name
            for key, name in [
                ("Edg/", "Edge"),
                ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            ]
            if key in agent
        ),
        "A browser",
    )
    system = next(
        (
            name
            for key, name in [
                ("Android", "Android"),
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Windows", "Windows"),
                ("Mac OS", "a Mac"),
                ("Linux", "Linux"),
            ]
            if key in agent
        ),
        "",
    )
    return f"{browser} on {system}" if system else browser
