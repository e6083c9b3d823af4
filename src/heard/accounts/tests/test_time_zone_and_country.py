"""Time zone and country: a searchable time-zone field instead of a 37 KB select, defaults from
the browser (heard.js; see tests/browser/test_signup_defaults.py), any case accepted."""

import pytest
from django.test import Client

from heard.accounts.models import User

pytestmark = pytest.mark.django_db


def _signup(**extra):
    data = {"username": "sam", "password": "a calm sunny morning", "country": "GB"}
    data.update(extra)
    return Client().post("/account/signup/", data)


def test_the_sign_up_page_has_no_giant_time_zone_list():
    page = Client().get("/account/signup/").content.decode()
    assert "<option" not in page.split('name="time_zone"')[1].split("</div>")[0]
    assert 'list="time-zone-list"' in page and "data-detect" in page
    assert len(page.encode()) < 15_000


@pytest.mark.parametrize("typed", ["Europe/London", "europe/london", " Europe/London "])
def test_a_typed_time_zone_is_matched_to_a_known_one(typed):
    assert _signup(time_zone=typed).status_code == 302
    assert User.objects.get().time_zone == "Europe/London"


def test_an_unknown_time_zone_is_explained_and_the_form_kept():
    response = _signup(time_zone="Mars/Olympus")
    page = response.content.decode()
    assert "We don&#x27;t know that time zone" in page
    assert 'value="Mars/Olympus"' in page and 'value="sam"' in page
    assert not User.objects.exists()


def test_preferences_use_the_same_field(alice_client, alice):
    page = alice_client.get("/account/").content.decode()
    assert 'list="time-zone-list"' in page
    alice_client.post(
        "/account/", {"action": "preferences", "time_zone": "america/new_york", "country": "US"}
    )
    alice.refresh_from_db()
    assert alice.time_zone == "America/New_York"
