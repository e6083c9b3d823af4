from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from heard.accounts.models import ApiToken, LoginThrottle, User
from heard.core.errors import DomainError, NotFound, TooManyRequests

TOKEN_PREFIX = "hrd_"  # noqa: S105 - a public prefix, not a secret


def _normalise(username: str) -> str:
    return username.strip().lower()[:150]


USERNAME_TAKEN = "That username is taken. Try another."


def _stored_username(username: str) -> str:
    """The username as stored, matched without regard to case (a phone capitalises the first
    letter). Sign-up refuses names that differ only in case; an exact match wins regardless."""
    typed = username.strip()
    if User.objects.filter(username=typed).exists():
        return typed
    matches = list(
        User.objects.filter(username__iexact=typed).values_list("username", flat=True)[:2]
    )
    return matches[0] if len(matches) == 1 else typed


def user_signup(
    *, username: str, password: str, email: str = "", time_zone: str = "UTC", country: str = "US"
) -> User:
    try:
        return _user_create(
            username=username, password=password, email=email, time_zone=time_zone, country=country
        )
    except IntegrityError:
        # Someone took the same name (in any case) at the same moment.
        raise ValidationError({"username": USERNAME_TAKEN}) from None


@transaction.atomic
def _user_create(*, username: str, password: str, email: str, time_zone: str, country: str) -> User:
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": USERNAME_TAKEN})
    user = User(username=username, email=email.strip(), time_zone=time_zone, country=country)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    # The database's constraint, not a second look-up, settles a race (see user_signup).
    user.full_clean(validate_constraints=False)
    user.save()
    return user


def login_seconds_locked(*, username: str, ip: str) -> int:
    """Seconds left before this (username, IP) pair may try again; 0 if not locked."""
    row = LoginThrottle.objects.filter(username=_normalise(username), ip=ip).first()
    if row is None or row.locked_until is None:
        return 0
    left = (row.locked_until - timezone.now()).total_seconds()
    return max(0, int(left + 0.999))


@transaction.atomic
def login_record_failure(*, username: str, ip: str) -> None:
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(
        username=_normalise(username), ip=ip
    )
    now = timezone.now()
    if row.locked_until and row.locked_until <= now:
        row.failures = 0
        row.locked_until = None
    row.failures += 1
    if row.failures >= settings.LOGIN_FAILURE_LIMIT:
        row.locked_until = now + timedelta(seconds=settings.LOGIN_COOLOFF_SECONDS)
    row.save(update_fields=["failures", "locked_until", "updated_at"])


def login_record_success(*, username: str, ip: str) -> None:
    LoginThrottle.objects.filter(username=_normalise(username), ip=ip).delete()


def login_refuse_if_locked(*, username: str, ip: str) -> None:
    locked = login_seconds_locked(username=username, ip=ip)
    if locked:
        minutes = max(1, round(locked / 60))
        raise TooManyRequests(
            f"Too many tries for this account from here. Please wait about {minutes} "
            f"minute{'s' if minutes != 1 else ''} and try again."
        )


def login_authenticate(
    *, request: HttpRequest | None, username: str, password: str, ip: str
) -> User:
    """Check the password, throttled per (username, IP) so a shared home IP locks nobody else."""
    login_refuse_if_locked(username=username, ip=ip)
    user = authenticate(request, username=_stored_username(username), password=password)
    if user is None:
        login_record_failure(username=username, ip=ip)
        raise DomainError("That username and password don't match. Please try again.")
    login_record_success(username=username, ip=ip)
    return user  # type: ignore[return-value]


def _hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the secret is returned once and only its hash is kept."""
    name = name.strip()
    if not name or len(name) > 60:
        raise DomainError("Give the token a name of 1 to 60 characters, like 'my laptop'.")
    if user.api_tokens.filter(revoked_at__isnull=True).count() >= settings.API_TOKEN_LIMIT:
        raise DomainError("You have too many tokens. Revoke one you no longer use first.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        token_hash=_hash_token(secret),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return token, secret


def api_tokens_revoke_all(*, user: User) -> None:
    """End every token: "log out everywhere" and a new password leave no way in behind."""
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_revoke(*, user: User, token_id: int) -> None:
    updated = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise NotFound("That token does not exist or was already revoked.")


def api_token_authenticate(secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            token_hash=_hash_token(secret),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_update_preferences(*, user: User, time_zone: str, country: str) -> User:
    user.time_zone = time_zone
    user.country = country
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=["time_zone", "country"])
    return user


def user_logout_everywhere_else(*, request: HttpRequest, user: User) -> None:
    """End every other session and every API token of this person; this session stays."""
    from django.contrib.auth import update_session_auth_hash

    from heard.accounts.sessions import device_sessions_end_others

    User.objects.filter(pk=user.pk).update(session_version=models.F("session_version") + 1)
    user.refresh_from_db(fields=["session_version"])
    update_session_auth_hash(request, user)
    device_sessions_end_others(user=user, keep_key=request.session.session_key)
    api_tokens_revoke_all(user=user)


def user_reauthenticate(*, user: User, password: str, ip: str) -> None:
    """Ask for the password again before export, erase or other sensitive changes. Wrong
    guesses count against the same (username, IP) pair as login."""
    login_refuse_if_locked(username=user.username, ip=ip)
    if not password or not user.check_password(password):
        login_record_failure(username=user.username, ip=ip)
        raise DomainError("That password isn't right. Please enter your current password.")
    login_record_success(username=user.username, ip=ip)
