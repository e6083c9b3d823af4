"""Pages make a bounded number of queries, and indexes carry a bond with 10,000 exchanges."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from heard.prompts import services
from heard.prompts.models import Answer, Exchange, ExchangeState

pytestmark = pytest.mark.django_db


def _history(bond, alice, bob, noon, days):
    for day in range(days):
        now = noon + datetime.timedelta(days=day)
        exchange = services.exchange_today(bond=bond, user=alice, now=now)
        services.answer_submit(exchange=exchange, author=alice, text=f"a{day}", now=now)
        services.answer_submit(exchange=exchange, author=bob, text=f"b{day}", now=now)
        exchange.refresh_from_db()
        services.reaction_toggle(exchange=exchange, user=bob, kind="heart")
        services.reply_add(exchange=exchange, author=alice, text=f"r{day}", now=now)


def _count(django_assert_max_num_queries, client, url, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_query_counts_do_not_grow_with_history(
    ready_bond, alice, bob, alice_client, noon, django_assert_max_num_queries
):
    _history(ready_bond, alice, bob, noon, 3)
    few = {}
    urls = ["/", f"/prompts/{ready_bond.pk}/", f"/prompts/{ready_bond.pk}/history/"]
    from django.test.utils import CaptureQueriesContext

    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            alice_client.get(url)
        few[url] = len(ctx.captured_queries)
    _history(ready_bond, alice, bob, noon + datetime.timedelta(days=10), 30)
    for url in urls:
        _count(django_assert_max_num_queries, alice_client, url, few[url])
    _count(django_assert_max_num_queries, alice_client, urls[2] + "?q=a1&page=1", few[urls[2]] + 2)
    _count(
        django_assert_max_num_queries,
        alice_client,
        f"/api/v1/prompts/history?bond_id={ready_bond.pk}",
        25,
    )


def test_the_history_query_uses_an_index_with_ten_thousand_exchanges(ready_bond, alice, bob):
    start = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    rows = [
        Exchange(
            bond=ready_bond,
            prompt_id="childhood-1-001",
            depth=1,
            day=(start + datetime.timedelta(days=i)).date(),
            created_at=start + datetime.timedelta(days=i),
            state=ExchangeState.ANSWERED,
            finished_at=start + datetime.timedelta(days=i, hours=1),
        )
        for i in range(10_000)
    ]
    Exchange.objects.bulk_create(rows, batch_size=2000)
    assert Exchange.objects.filter(bond=ready_bond).count() == 10_000
    newest = Exchange.objects.filter(bond=ready_bond).order_by("-created_at", "-id")
    # A history page: the newest 20.
    sql, params = newest.values("pk")[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "exchange_bond_newest" in plan
            assert "SCAN prompts_exchange" not in plan and "TEMP B-TREE" not in plan
        elif connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would have after a bulk load.
            cursor.execute("ANALYZE prompts_exchange")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "exchange_bond_newest" in plan
    # And the pages stay quick: the newest page is read through the index.
    exchange = newest.first()
    assert exchange.created_at == start + datetime.timedelta(days=9_999)
    Answer.objects.create(exchange=exchange, author=alice, text="latest", submitted_at=start)


def test_history_and_today_work_with_ten_thousand_exchanges(
    ready_bond, alice, alice_client, django_assert_max_num_queries
):
    start = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    Exchange.objects.bulk_create(
        [
            Exchange(
                bond=ready_bond,
                prompt_id="childhood-1-001",
                depth=1,
                day=(start + datetime.timedelta(days=i)).date(),
                created_at=start + datetime.timedelta(days=i),
                state=ExchangeState.SET_ASIDE,
                finished_at=start + datetime.timedelta(days=i, hours=1),
            )
            for i in range(10_000)
        ],
        batch_size=2000,
    )
    with django_assert_max_num_queries(40):
        response = alice_client.get(f"/prompts/{ready_bond.pk}/history/?page=300")
    assert response.status_code == 200 and "Page 300 of 500" in response.content.decode()
    with django_assert_max_num_queries(60):
        assert alice_client.get(f"/prompts/{ready_bond.pk}/").status_code == 200
