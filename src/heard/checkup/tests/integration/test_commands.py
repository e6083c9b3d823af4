import io

import pytest
from django.core.management import call_command

from heard.checkup import services

from .conftest import all_answers

pytestmark = pytest.mark.django_db


def test_checkup_alpha_reports_each_component(alice, bob, carol, bond):
    buffer = io.StringIO()
    call_command("checkup_alpha", stdout=buffer)
    assert "n/a" in buffer.getvalue()
    for user, value in ((alice, 2), (bob, 4), (carol, 5)):
        answers = all_answers(value=value)
        answers["trust-01"] = 3
        services.checkup_submit(user=user, bond=None, kind="partner", answers=answers)
    buffer = io.StringIO()
    call_command("checkup_alpha", stdout=buffer)
    output = buffer.getvalue()
    assert "Check-up responses considered: 3" in output
    for scale in ("vulnerability", "empathy", "trust", "authenticity", "acceptance"):
        assert scale in output
    assert "old_hurts" not in output
    buffer = io.StringIO()
    call_command("checkup_alpha", "--roadblocks", stdout=buffer)
    assert "old_hurts" in buffer.getvalue()
