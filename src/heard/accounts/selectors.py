from django.db.models import QuerySet

from heard.accounts.models import ApiToken, User


def api_tokens_for(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
