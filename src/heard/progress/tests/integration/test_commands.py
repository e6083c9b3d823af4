import csv
import io

import pytest
from django.core.management import CommandError, call_command

from heard.checkup import services
from heard.daily import services as daily_services

from .conftest import all_answers

pytestmark = pytest.mark.django_db


def test_export_progress_writes_dated_numbers_but_no_words(alice, bond, tmp_path):
    daily_services.checkin_submit(
        user=alice, feeling="calm", ratings={bond.pk: 7}, note="CANARY note"
    )
    services.checkup_submit(user=alice, bond=bond, answers=all_answers(value=3), closeness=4)
    out = tmp_path / "alice.csv"
    call_command("export_progress", "--user", "alice", "--out", str(out))
    text = out.read_text()
    assert "CANARY" not in text and "calm" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    metrics = {row["metric"] for row in rows}
    assert {"connection_rating", "checkin", "checkup_trust", "closeness"} <= metrics
    rating = next(r for r in rows if r["metric"] == "connection_rating")
    assert rating["bond"] == "bob" and rating["value"] == "7"


def test_export_progress_to_stdout_and_for_an_unknown_person(alice):
    buffer = io.StringIO()
    call_command("export_progress", "--user", "alice", stdout=buffer)
    assert buffer.getvalue().splitlines()[0] == "date,metric,bond,value"
    with pytest.raises(CommandError, match="No person"):
        call_command("export_progress", "--user", "nobody")


def test_the_heard_cli_runs_export_progress(alice, capsys):
    from heard.cli import main

    assert main(["export-progress", "--user", "alice"]) == 0
    assert "date,metric,bond,value" in capsys.readouterr().out
