"""`?next=` only ever sends someone to a path on this site; anything else falls back."""

import pytest
from django.test import Client

from heard.accounts.models import User

PASSWORD = "correct horse battery"
NOT_A_PATH = [
    "home",
    "core:home",
    "welcome",
    "//evil.example/x",
    "https://evil.example/",
    "java\nscript:x",
]


@pytest.mark.django_db
@pytest.mark.parametrize("target", NOT_A_PATH)
def test_login_with_a_next_that_is_not_a_path_goes_home(alice, target):
    """SECURITY.md promise 14: a bad `next` is a plain redirect home, never a 500."""
    client = Client(raise_request_exception=False)
    response = client.post(
        "/account/login/?next=" + target, {"username": "alice", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/account/login/", {"next": target}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("target", NOT_A_PATH)
def test_signup_with_a_next_that_is_not_a_path_goes_to_welcome(target):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/account/signup/",
        {
            "username": "newbie",
            "password": PASSWORD,
            "time_zone": "UTC",
            "country": "US",
            "next": target,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/welcome/"
    assert User.objects.filter(username="newbie").exists()


@pytest.mark.django_db
def test_a_local_path_is_followed(alice):
    response = Client().post(
        "/account/login/?next=/prompts/", {"username": "alice", "password": PASSWORD}
    )
    assert response["Location"] == "/prompts/"
