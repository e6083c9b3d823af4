"""The move of check-ins, love languages, appreciation and milestones out of checkup/ keeps
every row: a database filled under the old layout is migrated forward (and back again), and
each row is found with the same values, encrypted notes included."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The last state before the move: checkup held all six models; the new apps had no migrations.
BEFORE = [
    ("checkup", "0002_submission_key"),
    ("daily", None),
    ("together", None),
    ("progress", None),
]
MOVED_TABLES = {
    "daily_checkin",
    "daily_connectionrating",
    "together_lovelanguageresult",
    "together_appreciation",
    "progress_milestone",
}
OLD_TABLES = {"checkup_" + table.split("_", 1)[1] for table in MOVED_TABLES}


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    """Migrate to ``targets`` and return the historical apps at that point."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    reached = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(reached).apps


def _latest() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _fill_old_layout(old: Any, alice: Any, bob: Any, bond: Any) -> dict[str, Any]:
    """One row of each moved model (two check-ins), written through the pre-move models."""
    CheckIn = old.get_model("checkup", "CheckIn")
    ConnectionRating = old.get_model("checkup", "ConnectionRating")
    LoveLanguageResult = old.get_model("checkup", "LoveLanguageResult")
    Appreciation = old.get_model("checkup", "Appreciation")
    Milestone = old.get_model("checkup", "Milestone")
    CheckupResult = old.get_model("checkup", "CheckupResult")
    day = datetime.date(2026, 11, 20)
    first = CheckIn.objects.create(user_id=alice.pk, day=day, feeling="calm", note="CANARY-1")
    second = CheckIn.objects.create(user_id=bob.pk, day=day, feeling="tired")
    key = uuid.uuid4()
    return {
        "checkins": [first.pk, second.pk],
        "rating": ConnectionRating.objects.create(checkin=first, bond_id=bond.pk, rating=8).pk,
        "love": LoveLanguageResult.objects.create(
            user_id=alice.pk,
            bond_id=bond.pk,
            kind="partner",
            answers={"words-01": 5},
            scores={"words": 100},
            shared=True,
        ).pk,
        "note": Appreciation.objects.create(
            bond_id=bond.pk,
            sender_id=alice.pk,
            recipient_id=bob.pk,
            text="CANARY-2 thank you",
            idea_id="words-03",
            status="sent",
            submission_key=key,
        ).pk,
        "key": key,
        "milestone": Milestone.objects.create(user_id=alice.pk, key="first_checkin").pk,
        "checkup": CheckupResult.objects.create(
            user_id=alice.pk, bond_id=bond.pk, kind="partner", scores={"trust": 75}
        ).pk,
    }


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


@pytest.mark.django_db(transaction=True)
def test_every_row_survives_the_move_and_the_way_back(alice, bob, bond):
    old = _migrate(BEFORE)
    assert _tables() >= OLD_TABLES and not MOVED_TABLES & _tables()
    ids = _fill_old_layout(old, alice, bob, bond)

    _migrate(_latest())
    assert _tables() >= MOVED_TABLES and not OLD_TABLES & _tables()

    from heard.checkup.models import CheckupResult
    from heard.daily.models import CheckIn, ConnectionRating
    from heard.progress.models import Milestone
    from heard.together.models import Appreciation, LoveLanguageResult

    checkins = CheckIn.objects.filter(pk__in=ids["checkins"]).order_by("pk")
    assert [(c.user_id, c.feeling, c.note) for c in checkins] == [
        (alice.pk, "calm", "CANARY-1"),
        (bob.pk, "tired", ""),
    ]
    rating = ConnectionRating.objects.get(pk=ids["rating"])
    assert (rating.checkin_id, rating.bond_id, rating.rating) == (ids["checkins"][0], bond.pk, 8)
    assert [r.rating for r in checkins[0].ratings.all()] == [8]
    love = LoveLanguageResult.objects.get(pk=ids["love"])
    assert (love.user_id, love.scores, love.shared) == (alice.pk, {"words": 100}, True)
    note = Appreciation.objects.get(pk=ids["note"])
    assert (note.text, note.status, note.recipient_id) == ("CANARY-2 thank you", "sent", bob.pk)
    assert note.submission_key == ids["key"]
    assert Milestone.objects.get(pk=ids["milestone"]).key == "first_checkin"
    assert CheckupResult.objects.get(pk=ids["checkup"]).scores == {"trust": 75}
    # The constraints came along: a second check-in the same day is still refused.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(user=alice, day=checkins[0].day, feeling="calm")
    # The text is still encrypted at rest, under the new table's name.
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM daily_checkin WHERE id = %s", [ids["checkins"][0]])
        assert "CANARY" not in cursor.fetchone()[0]

    # And back: the rows return to checkup's tables untouched.
    old = _migrate(BEFORE)
    assert _tables() >= OLD_TABLES
    assert old.get_model("checkup", "CheckIn").objects.get(pk=ids["checkins"][0]).note == "CANARY-1"
    assert (
        old.get_model("checkup", "Appreciation")
        .objects.get(pk=ids["note"])
        .text.startswith("CANARY-2")
    )
    _migrate(_latest())
    assert CheckIn.objects.filter(pk__in=ids["checkins"]).count() == 2
