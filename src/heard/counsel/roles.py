"""Who is a counsellor: one cheap check, importing nothing but counsel's models, so bonds can
refuse counsellor accounts without depending on the apps counsel reads."""

from __future__ import annotations

from typing import Any

from heard.core.memo import once_per_request
from heard.counsel.models import CounsellorProfile


def is_counsellor(user: Any) -> bool:
    """Whether this (possibly anonymous) person has an active counsellor profile. Once per
    request."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        once_per_request(
            ("is_counsellor", user.pk),
            lambda: CounsellorProfile.objects.filter(user_id=user.pk, active=True).exists(),
        )
    )
