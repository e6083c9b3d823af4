"""Check-up results. (Check-ins are in daily/, love languages and appreciation in together/,
milestones in progress/.)

Answers are stored as {item id: 1-5} so a retired item keeps its meaning in old results;
scores are stored as computed at the time, so a later content edit never rewrites history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
