from __future__ import annotations

from django.conf import settings
from django.db import models


class BondKind(models.TextChoices):
    PARTNER = "partner", "Partner"
    FRIEND = "friend", "Friend"
    FAMILY = "family", "Family"


class Bond(models.Model):
    """Two people who both agreed to do this together. Ended bonds are never shown again."""

    kind = models.CharField(max_length=10, choices=BondKind.choices)
    members = models.ManyToManyField(  # type: ignore[var-annotated]
        settings.AUTH_USER_MODEL, through="Membership", related_name="bonds"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["ended_at"])]

    def __str__(self) -> str:
        return f"Bond {self.pk} ({self.kind})"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Membership(models.Model):
    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    # Whether this person has seen that the bond ended (so the notice shows once, then stays in history).
    end_seen = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bond", "user"], name="membership_unique_person")
        ]
        indexes = [models.Index(fields=["user", "bond"])]


class Invite(models.Model):
    """A single-use, expiring invitation. Only hashes of the link token and code are stored."""

    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invites_sent"
    )
    kind = models.CharField(max_length=10, choices=BondKind.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    bond = models.OneToOneField(
        Bond, null=True, blank=True, on_delete=models.SET_NULL, related_name="invite"
    )

    class Meta:
        ordering = ["-created_at"]


class InviteGuesses(models.Model):
    """Invite links or codes that matched nothing, counted per person when logged in and per
    IP when not: guessing codes is throttled like logging in. A person's count is theirs alone,
    so nobody sharing their IP can use up their tries."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invite_guesses",
    )
    ip = models.GenericIPAddressField(null=True, blank=True, unique=True, unpack_ipv4=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, ip__isnull=True)
                | models.Q(user__isnull=True, ip__isnull=False),
                name="invite_guesses_person_or_ip",
            )
        ]
