"""The listening dialogue, practice with the coach, and requests for comfort.

Everything people write is an EncryptedTextField. A Draft belongs to its author alone until it
is sent; then it becomes a Turn both members of the bond can read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.core.crypto import EncryptedTextField


class Mode(models.TextChoices):
    TOGETHER = "together", "Together, on one device"
    APART = "apart", "Apart, each on your own device"


class Need(models.TextChoices):
    LISTEN = "listen", "To be heard"
    COMFORT = "comfort", "To be comforted"
    IDEAS = "ideas", "Ideas"


class State(models.TextChoices):
    CHOOSING_NEED = "choosing_need", "Choosing what they need"
    SHARING = "sharing", "Sharing"
    MIRRORING = "mirroring", "Mirroring"
    CONFIRMING = "confirming", "Checking the mirror"
    VALIDATING = "validating", "Validating"
    EMPATHIZING = "empathizing", "Empathizing"
    IDEAS = "ideas", "Offering ideas"
    RATING = "rating", "Rating"
    DONE = "done", "Done"


class Step(models.TextChoices):
    SHARE = "share", "Shared"
    MIRROR = "mirror", "Mirrored"
    CONFIRM = "confirm", "Confirmed"
    CORRECT = "correct", "Corrected or added"
    VALIDATE = "validate", "Validated"
    EMPATHIZE = "empathize", "Empathized"
    IDEAS = "ideas", "Offered ideas"
    RATE = "rate", "Rated"


class Dialogue(models.Model):
    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="dialogues")
    mode = models.CharField(max_length=10, choices=Mode.choices)
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    listener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    need = models.CharField(max_length=10, choices=Need.choices, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.CHOOSING_NEED)
    round = models.PositiveIntegerField(default=1)
    # Bumped on every change both people should see, so open pages know when to refresh.
    version = models.PositiveIntegerField(default=1)
    paused_at = models.DateTimeField(null=True, blank=True)
    # Set when either person ends the dialogue before the round is done.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["bond", "state"])]

    def __str__(self) -> str:
        return f"Dialogue {self.pk} ({self.state})"

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def is_open(self) -> bool:
        return self.state != State.DONE


class Turn(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="turns")
    round = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=12, choices=Step.choices)
    text = EncryptedTextField(blank=True)
    # Only the coach's labels and score, never text.
    coach_summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Draft(models.Model):
    """What someone is writing and hasn't sent. Only its author ever sees it."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=12, choices=Step.choices)
    text = EncryptedTextField(blank=True)
    # The safety check's label for the text as last saved ("none" when nothing was detected).
    risk_label = models.CharField(max_length=20, default="none")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "author"], name="draft_one_per_author")
        ]


class Rating(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="ratings")
    round = models.PositiveIntegerField()
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    listener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    felt_heard = models.PositiveSmallIntegerField()
    what_helped = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "round"], name="rating_one_per_round"),
            models.CheckConstraint(
                condition=models.Q(felt_heard__gte=1, felt_heard__lte=5),
                name="rating_felt_heard_1_to_5",
            ),
        ]


class PracticeAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts"
    )
    scenario_id = models.CharField(max_length=20)
    reply = EncryptedTextField()
    labels = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]


class ComfortRequest(models.Model):
    """'I could use some support', optionally with a feeling word the sender picked."""

    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # A word from our feelings vocabulary (never free text), so it is stored plainly.
    feeling_word = models.CharField(max_length=40, blank=True)
    # An optional line from the sender: shown on the request's page to the two of them only,
    # never in a notice.
    message = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["bond", "answered_at"])]

    @property
    def reply(self) -> str:
        """The line written back, if any (empty once its writer erased their account)."""
        try:
            return self.answer.text
        except ComfortReply.DoesNotExist:
            return ""


class ComfortReply(models.Model):
    """The other person's line back to a request for comfort. Its own row, so it is theirs:
    exported with their data and gone when they erase their account."""

    request = models.OneToOneField(ComfortRequest, on_delete=models.CASCADE, related_name="answer")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)
