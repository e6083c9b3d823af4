"""What each key page costs the database: a fixed number of queries, whatever the number of
bonds or the length of history, and no write on a GET (issue 18). An N+1 fails here."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heard.bench import seed

# (bonds, days of history) for each measurement.
SIZES = [(1, 1), (1, 60), (3, 1), (3, 60)]
WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "REPLACE")


def _is_write(sql: str) -> bool:
    return sql.lstrip().split(" ", 1)[0].upper() in WRITES or "FOR UPDATE" in sql.upper()


class Person:
    """alice with ``bonds`` partners and ``days`` of history, an open dialogue in her first
    bond, and a logged-in client that has already visited every page once."""

    def __init__(self, alice: Any, login_client: Any, bonds: int, days: int) -> None:
        from heard.dialogue.services import dialogue_start

        partners = seed.make_people(f"{alice.username}-partner", bonds, password="x" * 12)
        self.bonds = seed.seed_bonds(people=[(alice, p) for p in partners], days=days)
        self.dialogue = dialogue_start(
            bond=self.bonds[0], starter=alice, other=partners[0], mode="apart"
        )
        self.client = login_client(alice)

    def pages(self) -> dict[str, str]:
        bond, dialogue = self.bonds[0].pk, self.dialogue.pk
        return {
            "today": "/",
            "progress": "/progress/",
            "question": f"/prompts/{bond}/",
            "dialogue": f"/talk/d/{dialogue}/",
            "checkup": "/checkup/",
            "api_bonds": "/api/v1/bonds",
            "api_progress": "/api/v1/progress",
            "api_question": f"/api/v1/prompts/today?bond_id={bond}",
            "api_dialogue": f"/api/v1/dialogues/{dialogue}",
        }

    def measure(self, path: str) -> list[str]:
        self.client.get(path)  # the first visit may draw today's question or stamp the session
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return [q["sql"] for q in queries.captured_queries]


LIMITS = {
    "today": 12,
    "progress": 15,
    "question": 12,
    "dialogue": 12,
    "checkup": 8,
    "api_bonds": 4,
    "api_progress": 15,
    "api_question": 12,
    "api_dialogue": 12,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("bonds", "days"), SIZES)
def test_each_key_page_stays_within_its_query_budget_and_writes_nothing(
    alice, login_client, bonds, days, django_assert_max_num_queries
):
    person = Person(alice, login_client, bonds, days)
    for name, path in person.pages().items():
        person.client.get(path)
        with django_assert_max_num_queries(LIMITS[name], info=name):
            person.client.get(path)
        writes = [sql for sql in person.measure(path) if _is_write(sql)]
        assert writes == [], (name, writes)


@pytest.mark.django_db
def test_no_page_costs_more_queries_with_more_bonds_or_a_longer_history(make_user, login_client):
    counts = []
    for bonds, days in [(1, 1), (3, 60)]:
        person = Person(make_user(f"person{bonds}x{days}"), login_client, bonds, days)
        counts.append({name: len(person.measure(path)) for name, path in person.pages().items()})
    assert counts[0] == counts[1]
