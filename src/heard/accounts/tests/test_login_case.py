"""A phone capitalises the first letter of the username field: logging in still works."""

import pytest
from django.test import Client

from heard.accounts.services import user_signup

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.mark.parametrize("typed", ["Alice", "ALICE", " alice "])
def test_it_matches_the_username_without_regard_to_case(alice, typed):
    response = Client().post("/account/login/", {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == alice


def test_the_wrong_password_still_fails_in_any_case(alice):
    response = Client().post("/account/login/", {"username": "ALICE", "password": "wrong one"})
    assert response.status_code == 400
    assert not response.wsgi_request.user.is_authenticated


def test_the_login_field_does_not_autocapitalise():
    page = Client().get("/account/login/").content.decode()
    assert 'autocapitalize="none"' in page and 'spellcheck="false"' in page


def test_sign_up_refuses_a_name_differing_only_in_case(alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        user_signup(username="ALICE", password=PASSWORD)
