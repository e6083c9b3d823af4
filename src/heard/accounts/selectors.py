import datetime
import zoneinfo

from django.db.models import QuerySet
from django.utils import timezone

from heard.accounts.models import ApiToken, User


def local_today(user: User) -> datetime.date:
    """Today's date where the person is (their time zone; UTC when unknown)."""
    try:
        zone = zoneinfo.ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.now().astimezone(zone).date()


def user_named(username: str, *, active_only: bool = False) -> User | None:
    """The person with this username, or None (for the CLI's --user options)."""
    people = User.objects.filter(username=username)
    if active_only:
        people = people.filter(is_active=True)
    return people.first()


def api_tokens_for(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at")
