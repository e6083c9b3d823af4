from __future__ import annotations

from django.conf import settings
from django.db import models


class Notice(models.Model):
    """An in-app notice ("your turn", "they could use some support"). Its text is written by
    Heard, never copied from what someone wrote, so a notice can't leak content."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    bond = models.ForeignKey(
        "bonds.Bond", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=200)
    url = models.CharField(max_length=200, blank=True)
    key = models.CharField(max_length=80, blank=True, help_text="De-duplicates repeated notices.")
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "seen_at", "-created_at"])]


class RateCount(models.Model):
    """How often something was done in one fixed window, for rate limits that every app
    process shares when there is no Redis (heard.core.ratelimit). Old windows are dropped."""

    key = models.CharField(max_length=200)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="ratecount_once")]
