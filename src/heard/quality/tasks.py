"""Background tasks, through the django-tasks API (Django 6's tasks framework)."""

from __future__ import annotations

from django_tasks import task

from heard.quality.reminders import reminders_send_due


@task()
def reminders_tick() -> int:
    """Send every reminder that is due. Safe to run on many workers at once: each run claims
    what it sends under its own id."""
    return reminders_send_due()
