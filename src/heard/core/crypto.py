"""Free text is encrypted at rest with MultiFernet; keys come from settings (env or file).

The first key encrypts; every key can decrypt, so keys can be rotated by putting a new key
first and running ``heard rotate-keys``, which re-encrypts every stored value.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("Stored text cannot be decrypted with the configured keys.") from exc


def rotate(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return encrypt(stored)
    return PREFIX + fernet().rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A text field whose value is encrypted in the database. It cannot be searched by SQL."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(str(value))


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    from django.apps import apps

    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, EncryptedTextField):
                found.append((model, field.name))
    return found


def rotate_all() -> int:
    """Re-encrypt every encrypted value with the newest key. Returns how many were rewritten."""
    from django.db import connection, transaction

    count = 0
    for model, name in encrypted_fields():
        column = model._meta.get_field(name).column  # type: ignore[union-attr]
        table = model._meta.db_table
        pk = model._meta.pk.column  # type: ignore[union-attr]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL")  # noqa: S608  # nosec B608 - our own table and column names
            for row_id, stored in cursor.fetchall():
                cursor.execute(
                    f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608  # nosec B608 - our own table and column names
                    [rotate(stored), row_id],
                )
                count += 1
    return count
