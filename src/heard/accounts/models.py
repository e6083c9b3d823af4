from __future__ import annotations

import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower

from heard.accounts.agents import describe_agent
from heard.core.crypto import EncryptedTextField

TIME_ZONE_CHOICES = sorted(
    (tz, tz) for tz in zoneinfo.available_timezones() if "/" in tz or tz == "UTC"
)

COUNTRY_CHOICES = [
    ("US", "United States"),
    ("CA", "Canada"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("AU", "Australia"),
    ("NZ", "New Zealand"),
    ("EU", "Another EU country"),
    ("OTHER", "Somewhere else"),
]


class User(AbstractUser):
    """A person. Their country is only used to choose crisis lines; no location is collected."""

    email = models.EmailField("e-mail", blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", choices=TIME_ZONE_CHOICES)
    country = models.CharField(max_length=8, default="US", choices=COUNTRY_CHOICES)
    # Bumped by "log out everywhere": every other session's auth hash stops matching.
    session_version = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "accounts_user"
        constraints = [
            # Sign-up checks too, but only the database can stop two at once.
            models.UniqueConstraint(Lower("username"), name="user_username_lower_unique"),
        ]

    def get_session_auth_hash(self) -> str:
        from django.utils.crypto import salted_hmac

        return salted_hmac(
            "heard.accounts.User.session",
            f"{self.password}:{self.session_version}",
            algorithm="sha256",
        ).hexdigest()


class LoginThrottle(models.Model):
    """Failed logins for one (username, IP) pair. Only that pair is ever locked."""

    username = models.CharField(max_length=150)
    ip = models.GenericIPAddressField(unpack_ipv4=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username", "ip"], name="login_throttle_pair_unique")
        ]


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = EncryptedTextField()  # up to 60 characters, checked when it is made
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set at creation from HEARD_API_TOKEN_DAYS; a token never outlives it.
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class DeviceSession(models.Model):
    """A logged-in browser, so a person can see where they are logged in and end any of them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="device_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_seen_at"]

    @property
    def agent_label(self) -> str:
        return describe_agent(self.user_agent)
