from __future__ import annotations

from django.conf import settings
from django.db import models


class RiskKind(models.TextChoices):
    SELF_HARM = "self_harm", "Thoughts of self-harm"
    HARM_TO_OTHERS = "harm_to_others", "Thoughts of harming someone"
    ABUSE = "abuse", "Being hurt, threatened or controlled"


class SafetyEvent(models.Model):
    """The fact of a detection, for the writer's own view. Never the text; never shown to the
    partner; shown to a counsellor only if the writer shares it, item by item (counsel's
    ItemShare, kind "safety_detection")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_events"
    )
    kind = models.CharField(max_length=20, choices=RiskKind.choices)
    source = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    # False while the full resources still wait for the writer's own next visit (the detection
    # happened on a screen the other person may have been looking at).
    seen_in_full = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]


class Screening(models.Model):
    """A person's private answer to the short abuse screening for one bond. Only whether it was
    positive is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    positive = models.BooleanField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_at"]
        indexes = [models.Index(fields=["user", "bond", "-answered_at"])]


class BondPause(models.Model):
    """Joint exercises paused for a bond because one person reported fear, threats, control or
    being hurt. The other person sees only a neutral 'paused for now'."""

    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["bond", "lifted_at"])]
