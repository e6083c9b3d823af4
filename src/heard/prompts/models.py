"""Daily exchanges: one shared prompt for a bond, answered privately by both, then revealed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from heard.core.crypto import EncryptedTextField
from heard.core.once import submission_key_constraint


class ExchangeState(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Both answered"
    SET_ASIDE = "set_aside", "Set aside"


class Exchange(models.Model):
    """Today's prompt for a bond. A new one starts only after this one is finished."""

    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    prompt_id = models.CharField(max_length=80)
    depth = models.PositiveSmallIntegerField()
    # The local date of the person whose visit started it (for display; ordering uses created_at).
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    swaps_used = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(
        max_length=10, choices=ExchangeState.choices, default=ExchangeState.OPEN
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["bond", "-created_at", "-id"], name="exchange_bond_newest"),
            models.Index(fields=["bond", "depth", "state"], name="exchange_bond_depth_state"),
        ]

    def __str__(self) -> str:
        return f"Exchange {self.pk} ({self.prompt_id})"

    @property
    def is_finished(self) -> bool:
        return self.state != ExchangeState.OPEN


class PromptDraw(models.Model):
    """Every prompt a bond was shown, swapped-away ones included, so none repeats too soon."""

    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="draws")
    prompt_id = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["bond", "prompt_id"], name="draw_bond_prompt")]


class Answer(models.Model):
    """One person's answer. ``submitted_at`` is None while it is a draft."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(blank=True, default="")
    private = models.BooleanField(default=False, help_text="Just for me: never revealed.")
    # The prompt the text was written for; differs from the exchange's after a swap.
    prompt_id = models.CharField(max_length=80, blank=True)
    # The last safety label for the text; shown to the writer only.
    risk_label = models.CharField(max_length=20, default="none")
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["exchange", "author"], name="answer_one_per_person")
        ]
        indexes = [models.Index(fields=["author", "exchange"], name="answer_author_exchange")]

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Skip(models.Model):
    """ "Not today" from one person for one exchange. No penalty, nothing is counted against it."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="skips")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["exchange", "user"], name="skip_once")]


class ReactionKind(models.TextChoices):
    THANKS = "thanks", "Thank you for sharing"
    HEART = "heart", "♥"


class Reaction(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reactions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "author", "kind"], name="reaction_once")
        ]


class Reply(models.Model):
    """A short reply under a revealed exchange. Unshared replies are seen by their writer only."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField()
    shared = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The sending form's key: the same form sent twice stores one reply.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["exchange", "created_at"], name="reply_exchange_time")]
        constraints = [submission_key_constraint("author", "reply_submitted_once")]


class DepthChoice(models.Model):
    """How deep one person is comfortable going in one bond. The other person never sees it."""

    bond = models.ForeignKey("bonds.Bond", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    depth = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bond", "user"], name="depth_choice_per_person")
        ]
