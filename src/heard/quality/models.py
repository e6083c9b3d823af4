"""Quality time: plans two people make together, how they went, and private ratings.

Nothing here holds free text: an activity is an id into our own content, a habit anchor is a
fixed choice, so no calendar event, reminder or notice can carry what anyone wrote."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Repeat(models.TextChoices):
    ONCE = "", "Just once"
    DAILY = "daily", "Every day"
    WEEKLY = "weekly", "Every week"


class Anchor(models.TextChoices):
    NONE = "", "No anchor"
    MORNING_COFFEE = "morning_coffee", "with the first coffee"
    AFTER_DINNER = "after_dinner", "after dinner"
    AFTER_WORK = "after_work", "when you're both home from work"
    BEFORE_BED = "before_bed", "before bed"
    WEEKEND_BREAKFAST = "weekend_breakfast", "after breakfast at the weekend"
    AFTER_KIDS_BED = "after_kids_bed", "once the children are in bed"
    USUAL_CALL = "usual_call", "on your usual call"


class PlanStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for an answer"
    ACCEPTED = "accepted", "On"
    NOT_THIS_WEEK = "not_this_week", "Not this week"
    CANCELLED = "cancelled", "Cancelled"


class Plan(models.Model):
    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="plans")
    activity_id = models.CharField(max_length=60)
    # Whoever suggested the current time; the other person answers it.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField()
    # The proposer's time zone: a repeating plan keeps its wall-clock time there across DST.
    zone = models.CharField(max_length=64)
    minutes = models.PositiveIntegerField(default=60)
    repeat = models.CharField(max_length=10, choices=Repeat.choices, blank=True, default="")
    anchor = models.CharField(max_length=30, choices=Anchor.choices, blank=True, default="")
    status = models.CharField(
        max_length=20, choices=PlanStatus.choices, default=PlanStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["bond", "status", "starts_at"])]


class Outcome(models.TextChoices):
    DONE = "done", "We did it"
    MISSED = "missed", "We missed it"


class PlanOutcome(models.Model):
    """How one occurrence of a plan went: shared by both people, no blame recorded."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    occurs_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "occurs_at"], name="plan_outcome_once")
        ]


class TogetherRating(models.Model):
    """How connected one person felt after time together. Private to that person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="together_ratings"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ratings")
    occurs_at = models.DateTimeField()
    rating = models.PositiveSmallIntegerField()
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "plan", "occurs_at"], name="together_rating_once"
            )
        ]


class CalendarFeed(models.Model):
    """A private calendar feed. Only a SHA-256 of the secret token is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class ReminderSettings(models.Model):
    """Every reminder is off until the person turns it on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    daily = models.BooleanField(default=False)
    daily_time = models.TimeField(default="19:00")
    plans = models.BooleanField(default=False)
    proposals = models.BooleanField(default=False)
    weekly = models.BooleanField(default=False)
    practice = models.BooleanField(default=False)
    email = models.BooleanField(default=False)
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)


class ReminderKind(models.TextChoices):
    DAILY = "daily", "The daily check-in"
    PLAN = "plan", "A plan coming up"
    PROPOSAL = "proposal", "A time they suggested"
    WEEKLY = "weekly", "A weekly rhythm note"
    PRACTICE = "practice", "Practice from my counsellor"


class Reminder(models.Model):
    """One reminder, at most one per person, kind and local day. A worker claims it with a
    lease before delivering; a claim whose lease ran out (a killed worker) is taken again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    day = models.DateField()
    lease_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="reminder_once_a_day")
        ]
