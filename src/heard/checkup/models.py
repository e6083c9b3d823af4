"""Check-ups, love-language profiles, daily check-ins, appreciation notes and milestones.

Answers are stored as {item id: 1-5} so a retired item keeps its meaning in old results;
scores are stored as computed at the time, so a later content edit never rewrites history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.core.crypto import EncryptedTextField
from heard.core.once import submission_key_constraint


class KindChoices(models.TextChoices):
    PARTNER = "partner", "Partner"
    FRIEND = "friend", "Friend"
    FAMILY = "family", "Family"


class CheckupResult(models.Model):
    """One person's check-up about one bond (or, alone, about someone they have in mind).

    Only the person sees it, unless they share it with the bond; the side-by-side view needs
    both people's latest results shared."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkup_results"
    )
    bond = models.ForeignKey(
        "bonds.Bond", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=KindChoices.choices)
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict, help_text="scale -> 0-100 or null")
    closeness = models.PositiveSmallIntegerField(null=True, blank=True)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "bond", "-created_at"])]


class LoveLanguageResult(models.Model):
    """How one person likes to be cared for, in one bond; private until shared with it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="love_language_results"
    )
    bond = models.ForeignKey(
        "bonds.Bond", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=KindChoices.choices)
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict, help_text="language -> 0-100")
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "bond", "-created_at"])]


class CheckIn(models.Model):
    """A person's daily check-in: one a day (checking in again the same day updates it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    day = models.DateField()
    feeling = models.CharField(max_length=40)
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="checkin_one_a_day")]


class ConnectionRating(models.Model):
    """How connected a person felt to one bond on a day, 1-10. The other person sees the
    number (never the note); nobody else does."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="ratings")
    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "bond"], name="rating_one_per_bond"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=10), name="rating_1_to_10"
            ),
        ]


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


class Milestone(models.Model):
    """A moment worth celebrating, recorded once and shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="milestones"
    )
    key = models.CharField(max_length=40)
    reached_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reached_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="milestone_once")]
