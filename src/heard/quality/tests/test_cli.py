"""`heard ideas` and `heard plans`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from heard.cli import main


def test_heard_ideas_filters_and_surprises(capsys):
    assert main(["ideas", "--place", "call", "--energy", "tired"]) == 0
    out = capsys.readouterr().out
    assert "video-dinner" in out and "short-hike" not in out
    assert main(["ideas", "--surprise", "--kind", "parent_adult_child"]) == 0
    assert "Phones away:" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["ideas", "--place", "moon"])


@pytest.mark.django_db
def test_heard_plans_shows_times_in_the_persons_own_zone(capsys, alice, bob, screened):
    from heard.quality import services

    day = timezone.now().date() + dt.timedelta(days=3)
    services.plan_propose(user=alice, bond_id=screened.pk, activity_id="video-dinner", day=day, time=dt.time(19, 0))  # fmt: skip
    call_command("plans", "--user", "bob")
    out = capsys.readouterr().out
    assert "suggested" in out and "with alice" in out and ("EST" in out or "EDT" in out)
    with pytest.raises(CommandError, match="no such person"):
        call_command("plans", "--user", "nobody")
