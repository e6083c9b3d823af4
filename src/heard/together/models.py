"""Love-language profiles and notes of appreciation.

Answers are stored as {item id: 1-5}, scores as computed at the time (as for the check-up).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.bonds.models import BondKind
from heard.core.crypto import EncryptedTextField
from heard.core.once import submission_key_constraint


class LoveLanguageResult(models.Model):
    """How one person likes to be cared for, in one bond; private until shared with it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="love_language_results"
    )
    bond = models.ForeignKey(
        "bonds.Bond", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=BondKind.choices)
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict, help_text="language -> 0-100")
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "bond", "-created_at"])]


class AppreciationStatus(models.TextChoices):
    SENT = "sent", "Sent"
    HELD = "held", "Waiting for your choice"
    PRIVATE = "private", "Kept private"


class Appreciation(models.Model):
    """A note of appreciation for the other person in a bond. Held back (not shown to them)
    when the safety check noticed something, until the writer chooses."""

    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appreciations_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appreciations_received"
    )
    text = EncryptedTextField()
    idea_id = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=10, choices=AppreciationStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The sending form's key: the same form sent twice stores one note.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["bond", "recipient", "status"]),
            models.Index(fields=["bond", "sender"]),
        ]
        constraints = [submission_key_constraint("sender", "appreciation_submitted_once")]
