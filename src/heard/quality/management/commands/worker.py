"""`heard worker`: runs background work (reminders) beside the web server.

A small scheduler thread queues the reminder task every HEARD_REMINDER_TICK_SECONDS through
the django-tasks API; the main thread runs the backend's worker (django-tasks-db by default,
RQ on Redis with HEARD_TASKS_BACKEND=rq). Any number of workers may run: the reminder task is
safe to run on several at once, and a reminder claimed by a worker that was killed is taken
over by another once its lease runs out."""

from __future__ import annotations

import threading
import uuid
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection


class Command(BaseCommand):
    help = "Run the background worker (reminders)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tick", type=float, default=None, help="seconds between checks")

    def handle(self, *args: Any, **options: Any) -> None:
        from heard.quality.tasks import reminders_tick

        tick = options["tick"] or float(settings.REMINDER_TICK_SECONDS)
        worker_id = uuid.uuid4().hex[:12]
        stop = threading.Event()

        def schedule() -> None:
            while not stop.is_set():
                try:
                    reminders_tick.enqueue()
                except Exception:  # a busy or unreachable database: try again next tick
                    self.stderr.write("Could not queue the reminder check; trying again.")
                finally:
                    close_old_connections()
                    connection.close()
                stop.wait(tick)

        threading.Thread(target=schedule, name="heard-scheduler", daemon=True).start()
        self.stdout.write(f"Heard worker {worker_id} running ({settings.TASKS_BACKEND}).")
        try:
            if settings.TASKS_BACKEND == "rq":
                call_command("rqworker", "default", "--job-class", "django_tasks_rq.Job")
            else:
                call_command(
                    "db_worker", "--interval", str(min(tick, 1.0)), "--worker-id", worker_id
                )
        finally:
            stop.set()
