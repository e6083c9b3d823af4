"""Export all of a person's own data, and erase their account leaving nothing of theirs behind."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from heard.accounts.models import User

# Fields that are secrets or hashes rather than someone's data.
SKIP_FIELDS = {"password", "token_hash", "code_hash", "session_key"}


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | bool | str) or value is None:
        return value
    return str(value)


def _owned_rows(user: User) -> dict[str, list[dict[str, Any]]]:
    """Every row that belongs to this person through a foreign key to the user model."""
    found: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        if model is User or model._meta.app_label in {"sessions", "contenttypes", "auth", "admin"}:
            continue
        links = [
            f
            for f in model._meta.fields
            if isinstance(f, models.ForeignKey) and f.related_model is User
        ]
        for link in links:
            rows = []
            for obj in model._default_manager.filter(**{link.name: user}):
                row = {}
                for field in model._meta.fields:
                    if field.name in SKIP_FIELDS:
                        continue
                    attname = field.attname
                    row[field.name if not field.is_relation else attname] = _value(
                        getattr(obj, attname)
                    )
                rows.append(row)
            if rows:
                found[f"{model._meta.label_lower}.{link.name}"] = rows
    return found


def user_export(*, user: User) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "time_zone": user.time_zone,
            "country": user.country,
            "date_joined": user.date_joined.isoformat(),
        },
        "data": _owned_rows(user),
    }


@transaction.atomic
def user_erase(*, user: User) -> None:
    """End the person's bonds silently, then delete them and everything that is theirs."""
    from heard.bonds.models import Bond

    Bond.objects.filter(memberships__user=user, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    user.delete()
