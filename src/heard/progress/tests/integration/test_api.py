"""Progress over the JSON API (moved here from the check-up's API tests)."""

import pytest

from heard.daily import services as daily_services

pytestmark = pytest.mark.django_db


def test_progress_over_the_api(alice_client, alice, bond):
    daily_services.checkin_submit(user=alice, feeling="calm", ratings={bond.pk: 6})
    data = alice_client.get("/api/v1/progress").json()
    assert data["checkin_days_this_week"] == 1
    assert {c["id"] for c in data["charts"]} >= {f"connection-{bond.pk}", "activity", "depth"}
    assert data["milestones"][0]["key"] == "first_checkin"
