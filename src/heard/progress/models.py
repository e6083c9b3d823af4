"""Milestones: moments worth celebrating, each recorded once and shown once."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
