"""Daily check-ins: a feeling word, a connection rating per bond, an optional private note."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.core.crypto import EncryptedTextField


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
