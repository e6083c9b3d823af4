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
    from heard.checkup.models import CheckIn
    from heard.checkup.services import checkin_submit

    old = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [old]
    checkin_submit(user=alice, feeling="calm", ratings={}, note="canary-rotate-77")
    new = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [new, old]
    assert crypto.rotate_all() >= 1
    settings.ENCRYPTION_KEYS = [new]  # the old key is gone; everything still reads
    assert CheckIn.objects.get().note == "canary-rotate-77"
    assert "canary-rotate-77" not in raw_database_text()
