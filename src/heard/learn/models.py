"""Learn: who read which lesson (private), lessons marked to read together in a bond, and the
private solo exercises (encrypted, for their writer only)."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils import timezone

from heard.core.crypto import EncryptedTextField


class LessonRead(models.Model):
    """One person read one lesson. Nobody else sees it; Progress shows only a count."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson_id = models.CharField(max_length=80)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_id"], name="lesson_read_once")
        ]


class TogetherMark(models.Model):
    """One person in a bond marked a lesson to read and talk about together. When both have,
    a question on the lesson's theme is offered to both (``exchange``)."""

    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson_id = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now)
    exchange = models.ForeignKey(
        "prompts.Exchange", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bond", "user", "lesson_id"], name="together_mark_once")
        ]
        indexes = [models.Index(fields=["bond", "-created_at"], name="together_bond_newest")]


class ExerciseEntry(models.Model):
    """One go at a private solo exercise. Its answers are for the writer alone."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exercise = models.CharField(max_length=40)
    # Every step's answer as JSON, encrypted as one value.
    answers_json = EncryptedTextField(default="{}")
    # The last safety label for the text; shown to the writer only.
    risk_label = models.CharField(max_length=20, default="none")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["user", "exercise"], name="exercise_entry_user")]

    @property
    def answers(self) -> dict[str, str]:
        try:
            value = json.loads(self.answers_json or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
