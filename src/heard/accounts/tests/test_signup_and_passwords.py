import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from heard.accounts.models import User
from heard.accounts.services import user_signup


def _signup(client: Client, **data: str):
    form = {
        "username": "dana",
        "password": "a quiet river bend",
        "time_zone": "UTC",
        "country": "US",
    }
    form.update(data)
    return client.post("/account/signup/", form)


@pytest.mark.django_db
def test_it_signs_up_and_logs_in():
    client = Client()
    response = _signup(client)
    assert response.status_code == 302
    assert User.objects.filter(username="dana").exists()
    assert client.get("/").context["user"].username == "dana"


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_it_hashes_passwords_with_argon2id():
    user = user_signup(username="erin", password="a quiet river bend")
    assert user.password.startswith("argon2$argon2id$")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert "a quiet river bend" not in user.password


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "too short"),
        ("x" * 129, "too long"),
        ("password123", "too common"),
        ("", "required"),
    ],
)
def test_it_refuses_bad_passwords_with_a_clear_message(password, message):
    response = _signup(Client(), password=password)
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not User.objects.filter(username="dana").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["zqvbnmlk", "x" * 127 + "y", "ünïcødé pass", "8 chars!"])
def test_it_accepts_any_password_of_8_to_128_characters_without_composition_rules(password):
    user = user_signup(username="fay", password=password)
    assert user.check_password(password)


@pytest.mark.django_db
def test_it_refuses_a_taken_username_case_insensitively(alice):
    with pytest.raises(ValidationError) as info:
        user_signup(username="ALICE", password="a quiet river bend")
    assert "taken" in str(info.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"username": ""},
        {"username": "bad name with spaces!"},
        {"email": "not-an-email"},
        {"time_zone": "Mars/Olympus"},
        {"country": "XX"},
    ],
)
def test_it_shows_clear_errors_for_bad_signup_input(data):
    response = _signup(Client(), **data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_changes_a_password(alice_client, alice):
    response = alice_client.post(
        "/account/password/",
        {
            "old_password": "correct horse battery",
            "new_password1": "a brand new phrase",
            "new_password2": "a brand new phrase",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a brand new phrase")


@pytest.mark.django_db
def test_it_sends_a_reset_email_and_resets(alice, mailoutbox):
    client = Client()
    response = client.post("/account/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0]
    response = client.post(
        form_path, {"new_password1": "fresh start phrase", "new_password2": "fresh start phrase"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("fresh start phrase")


@pytest.mark.django_db
def test_it_logs_out_only_by_post(alice_client):
    assert alice_client.get("/account/logout/").status_code == 405
    assert alice_client.post("/account/logout/").status_code == 302
    assert alice_client.get("/account/").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_concurrent_signups_differing_only_in_case_make_one_account():
    """Two sign-ups of dupX and DUPX at once make one account; the other person gets the
    usual "taken" error."""
    from heard.core.tests.concurrency import at_once, needs_concurrent_writers

    needs_concurrent_writers()
    for attempt in range(4):
        names = [f"dup{attempt}x", f"DUP{attempt}X"]
        results = at_once(
            *(lambda n=n: user_signup(username=n, password="a quiet river bend") for n in names)
        )
        errors = [r for r in results if isinstance(r, Exception)]
        assert len(errors) == 1 and isinstance(errors[0], ValidationError)
        assert "taken" in str(errors[0])
        assert User.objects.filter(username__iexact=names[0]).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_username_differing_only_in_case():
    from django.db import IntegrityError, transaction

    User.objects.create(username="casey")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="CASEY")
