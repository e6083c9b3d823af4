import pytest
from cryptography.fernet import Fernet

from heard.core import crypto


def test_it_encrypts_and_decrypts_without_leaving_plaintext(settings):
    stored = crypto.encrypt("canary-7f3a my secret")
    assert "canary" not in stored
    assert crypto.decrypt(stored) == "canary-7f3a my secret"


def test_rotation_re_encrypts_with_the_newest_key(settings):
    old = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [old]
    stored = crypto.encrypt("hello")
    new = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [new, old]
    rotated = crypto.rotate(stored)
    settings.ENCRYPTION_KEYS = [new]
    assert crypto.decrypt(rotated) == "hello"


def test_rotate_all_re_encrypts_stored_text_with_the_new_key(
    settings, alice, bond, raw_database_text
):
    from heard.daily.models import CheckIn
    from heard.daily.services import checkin_submit

    old = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [old]
    checkin_submit(user=alice, feeling="calm", ratings={}, note="canary-rotate-77")
    new = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [new, old]
    assert crypto.rotate_all() >= 1
    settings.ENCRYPTION_KEYS = [new]  # the old key is gone; everything still reads
    assert CheckIn.objects.get().note == "canary-rotate-77"
    assert "canary-rotate-77" not in raw_database_text()


# Text fields kept in the clear on purpose, each with the reason. Everything else a person
# types must be an EncryptedTextField; a new text field fails here until it is one or is
# listed with a reason. Fields with choices are picked from a list, not typed.
PLAIN_ON_PURPOSE = {
    "twostep.totpdevice.name": "our own label for the app, never typed",
    "twostep.recoverycode.code_hash": "a SHA-256 hash, looked up",
    "learn.exerciseentry.exercise": "which exercise (an id from our content)",
    "learn.exerciseentry.risk_label": "the detector's label, a fixed word",
    "learn.lessonread.lesson_id": "an id from our content",
    "learn.togethermark.lesson_id": "an id from our content",
    "quality.calendarfeed.token_hash": "a hash, looked up",
    "quality.plan.activity_id": "an id from our content",
    "quality.plan.zone": "a time zone name",
    "quality.reminder.worker": "which worker claimed it",
    "accounts.user.username": "the login name: looked up and unique",
    "accounts.user.email": "looked up for a password reset",
    "accounts.user.first_name": "Django's, never asked for",
    "accounts.user.last_name": "Django's, never asked for",
    "accounts.user.password": "an Argon2id hash",
    "accounts.loginthrottle.username": "the throttle's lookup key; the row goes on success",
    "accounts.apitoken.prefix": "the public start of the token, to recognise it",
    "accounts.apitoken.token_hash": "a SHA-256 hash",
    "accounts.devicesession.session_key": "a session id, never exported",
    "accounts.devicesession.user_agent": "sent by the browser, shown to say which device",
    "bonds.invite.token_hash": "a hash",
    "bonds.invite.code_hash": "a hash",
    "core.notice.kind": "our own label",
    "core.notice.text": "written by Heard, never with anyone's words",
    "core.notice.url": "a link made by Heard",
    "core.notice.key": "our own de-duplication key",
    "core.ratecount.key": "our own rate-limit key: what was counted and a user id",
    "safety.safetyevent.source": "our own label of where a detection happened",
    "prompts.exchange.prompt_id": "a content id",
    "prompts.promptdraw.prompt_id": "a content id",
    "prompts.answer.prompt_id": "a content id",
    "prompts.answer.risk_label": "the detector's label",
    "dialogue.draft.risk_label": "the detector's label",
    "dialogue.practiceattempt.scenario_id": "a content id",
    "dialogue.comfortrequest.feeling_word": "picked from our feelings list",
    "daily.checkin.feeling": "picked from our feelings list",
    "together.appreciation.idea_id": "a content id",
    "progress.milestone.key": "our own milestone name",
    "counsel.counsellorprofile.practice_name": "the practice's public name, set by the host",
    "counsel.counselinvite.token_hash": "a hash",
    "counsel.counselinvite.code_hash": "a hash",
    "counsel.assignment.target": "a content id, theme or depth",
    "counsel.assignment.need": "one of dialogue's needs",
    "counsel.template.target": "a content id, theme or depth",
    "counsel.template.need": "one of dialogue's needs",
    "counsel.itemshare.kind": "our own label of a shareable kind",
    "counsel.viewlog.what": "our own label of what was viewed, with an id",
    "counsel.counsellornote.client_label": "the login name, kept with notes after an erase",
}
DJANGO_APPS = {"admin", "auth", "contenttypes", "sessions", "django_tasks_database"}


def test_every_free_text_field_a_person_types_is_encrypted():
    """SECURITY.md promise 7: walks every model's text fields."""
    from django.apps import apps
    from django.db import models

    from heard.core.crypto import EncryptedTextField

    plain = {
        f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label not in DJANGO_APPS
        for field in model._meta.fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, EncryptedTextField)
        and not field.choices
    }
    assert sorted(plain - set(PLAIN_ON_PURPOSE)) == []
    assert sorted(set(PLAIN_ON_PURPOSE) - plain) == [], "listed but gone or encrypted now"


@pytest.mark.django_db
def test_an_api_token_name_is_not_stored_in_the_clear(alice, raw_database_text):
    from heard.accounts.services import api_token_create

    token, _ = api_token_create(user=alice, name="canary-token-name")
    assert "canary-token-name" not in raw_database_text()
    token.refresh_from_db()
    assert token.name == "canary-token-name"


@pytest.mark.django_db
def test_the_two_step_secret_is_not_stored_in_the_clear(alice, raw_database_text):
    from heard.twostep.services import provisioning_for, setup_start

    device = setup_start(user=alice, password="correct horse battery", ip="127.0.0.1")
    secret = provisioning_for(device).secret.replace(" ", "")
    raw = raw_database_text()
    assert device.secret not in raw and secret not in raw
    device.refresh_from_db()
    assert len(bytes.fromhex(device.secret)) == 20
