"""Parts that are usually empty are probed in one query and only built when the probe finds a
row (heard.core.sections)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from heard.core import sections
from heard.core.models import Notice


@pytest.fixture
def place(monkeypatch):
    monkeypatch.setitem(sections._PROVIDERS, "help", [])
    return "help"


@pytest.mark.django_db
def test_parts_are_built_only_when_their_probe_finds_a_row_and_all_probes_cost_one_query(
    place, alice
):
    built: list[str] = []

    def part(name):
        def provider(request, **_):
            built.append(name)
            return sections.Section(f"{name}.html")

        return provider

    sections.register(place, order=1, probe=lambda u: Notice.objects.filter(user=u))(
        part("notices")
    )
    sections.register(
        place, order=2, probe=lambda u: [Notice.objects.none(), Notice.objects.filter(user=u)]
    )(part("either"))
    sections.register(place, order=3)(part("always"))
    request = RequestFactory().get("/")
    request.user = alice
    with CaptureQueriesContext(connection) as queries:
        found = sections.sections_for(place, request)
    assert [s.template for s in found] == ["always.html"]
    assert built == ["always"]
    assert len(queries) == 1
    Notice.objects.create(user=alice, kind="test", text="Something is waiting.")
    built.clear()
    found = sections.sections_for(place, request)
    assert [s.template for s in found] == ["notices.html", "either.html", "always.html"]
