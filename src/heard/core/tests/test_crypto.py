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
