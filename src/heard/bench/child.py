"""The parts of `heard bench web` that run inside Django, in a subprocess with the database's
settings in its environment: ``seed`` fills a fresh database, ``inprocess`` measures each
page's CPU time and queries without a server in between. Each prints one JSON object."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")

PASSWORD = "bench password 1"  # noqa: S105 - the seeded people's password, for the login test
ACTIVE = 50  # people the load test acts as (one per bond, at the start of the table)
COACH_PEOPLE = 8


def _setup() -> None:
    import django

    django.setup()


def seed(bonds: int, days: int) -> dict[str, Any]:
    _setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("loadcontent", verbosity=0)
    from heard.accounts.services import api_token_create
    from heard.bench.seed import make_people, pairs, seed_bonds
    from heard.dialogue.models import Dialogue, Mode, State

    started = time.monotonic()
    people = make_people("p", bonds * 2, password=PASSWORD)
    pairs_ = pairs(people)
    made = []
    step = 2000
    for start in range(0, len(pairs_), step):
        made.extend(seed_bonds(people=pairs_[start : start + step], days=days))
    active = min(ACTIVE, len(made))
    Dialogue.objects.bulk_create(
        Dialogue(bond=b, mode=Mode.APART, speaker=f, listener=s, state=State.CHOOSING_NEED)
        for b, (f, s) in zip(made[:active], pairs_[:active], strict=True)
    )
    dialogues = dict(Dialogue.objects.filter(bond__in=made[:active]).values_list("bond_id", "pk"))
    persons = []
    for bond, (first, _) in zip(made[:active], pairs_[:active], strict=True):
        persons.append(
            {
                "username": first.username,
                "session": _session_for(first),
                "bond": bond.pk,
                "dialogue": dialogues[bond.pk],
            }
        )
    tokens = [api_token_create(user=second, name="bench")[1] for _, second in pairs_[:COACH_PEOPLE]]
    return {
        "bonds": len(made),
        "people": len(people),
        "days": days,
        "seconds": round(time.monotonic() - started, 1),
        "persons": persons,
        "coach_tokens": tokens,
        "login_usernames": [p.username for p in people[-20:]],
    }


def _session_for(user: Any) -> str:
    """A logged-in session, as a login would leave it (without 50 Argon2 checks)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from heard.accounts.middleware import LOGIN_AT, SEEN_AT

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[LOGIN_AT] = store[SEEN_AT] = time.time()
    store.create()
    return str(store.session_key)


def pages(person: dict[str, Any]) -> dict[str, str]:
    bond, dialogue = person["bond"], person["dialogue"]
    return {
        "trivial": "/manifest.webmanifest",
        "healthz": "/healthz",
        "readyz": "/readyz",
        "today": "/",
        "progress": "/progress/",
        "question": f"/prompts/{bond}/",
        "dialogue": f"/talk/d/{dialogue}/",
        "api_bonds": "/api/v1/bonds",
        "api_progress": "/api/v1/progress",
        "api_question": f"/api/v1/prompts/today?bond_id={bond}",
        "api_dialogue": f"/api/v1/dialogues/{dialogue}",
    }


WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "REPLACE")


def inprocess(person: dict[str, Any], repeat: int) -> dict[str, Any]:
    """CPU time per request (median of ``repeat``, after a warm-up) and the queries of one
    request, for each page, through the whole middleware stack but no server."""
    _setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost", secure=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = person["session"]
    found: dict[str, Any] = {}
    for name, path in pages(person).items():
        for _ in range(3):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(repeat):
            start = time.thread_time()
            client.get(path)
            times.append(time.thread_time() - start)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        sql = [q["sql"] for q in queries.captured_queries]
        found[name] = {
            "cpu_ms": round(statistics.median(times) * 1000, 3),
            "queries": len(sql),
            "writes": sum(
                1
                for q in sql
                if q.lstrip().split(" ", 1)[0].upper() in WRITES or "FOR UPDATE" in q.upper()
            ),
        }
    return found


def main(argv: list[str]) -> int:
    command = argv[0]
    if command == "seed":
        result = seed(int(argv[1]), int(argv[2]))
    elif command == "inprocess":
        result = inprocess(json.loads(argv[1]), int(argv[2]))
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
