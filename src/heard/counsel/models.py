"""Counsellor mode: counsellors, the connections their clients consented to, the practice
they assign between sessions, what each person chose to share, and a log of every view.

Nothing a client wrote is copied here: shared items are (kind, id) references, read through
the owning app's entry in ``core/shareables.py`` only while the share and the connection last.
Free text (notes, habits, reflections, counsellor notes) is encrypted at rest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from heard.core.crypto import EncryptedTextField

NOTE_MAX = 300
HABIT_MAX = 120
REFLECTION_MAX = 1000
COUNSELLOR_NOTE_MAX = 5000


class CounsellorProfile(models.Model):
    """Makes an account a counsellor's. Counsellor accounts are not for bonds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counsellor_profile"
    )
    practice_name = models.CharField(max_length=120, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Counsellor {self.user_id}"


class InviteKind(models.TextChoices):
    BOND = "bond", "A couple or pair (both people in one bond)"
    PERSON = "person", "One person"


class CounselInvite(models.Model):
    """A counsellor's invitation, by link or code. Only hashes are stored. A bond invite is
    tied to a bond by the first person who consents; the other member may then use it once.
    A person invite works once."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=InviteKind.choices)
    bond = models.ForeignKey(
        "bonds.Bond", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class InviteUse(models.Model):
    """Who consented with an invite: each person may use one once (a bond invite twice in
    all, once per member), even after withdrawing and reconnecting with another."""

    invite = models.ForeignKey(CounselInvite, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invite", "user"], name="counsel_invite_use_once")
        ]


class ConnectionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the other person"
    ACTIVE = "active", "Connected"
    ENDED = "ended", "Connection ended"


class EndedBy(models.TextChoices):
    CLIENT = "client", "Client"
    COUNSELLOR = "counsellor", "Counsellor"
    HOST = "host", "Host"


class Connection(models.Model):
    """One client's consent to one counsellor, for one bond (or alone). A bond connection is
    pending until both members consented. Ending it removes every share at once."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counsel_connections"
    )
    bond = models.ForeignKey(
        "bonds.Bond", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    invite = models.ForeignKey(
        CounselInvite, null=True, blank=True, on_delete=models.SET_NULL, related_name="uses"
    )
    status = models.CharField(max_length=10, choices=ConnectionStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.CharField(max_length=12, choices=EndedBy.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["counsellor", "client", "bond"],
                condition=Q(bond__isnull=False),
                name="counsel_connection_one_per_bond",
            ),
            models.UniqueConstraint(
                fields=["counsellor", "client"],
                condition=Q(bond__isnull=True),
                name="counsel_connection_one_solo",
            ),
            models.UniqueConstraint(
                fields=["client", "bond"],
                condition=Q(bond__isnull=False) & ~Q(status="ended"),
                name="counsel_one_counsellor_per_bond",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(bond__isnull=True) & ~Q(status="ended"),
                name="counsel_one_counsellor_solo",
            ),
        ]
        indexes = [models.Index(fields=["counsellor", "status"])]


class AssignmentKind(models.TextChoices):
    PROMPT = "prompt", "A question to answer together"
    DIALOGUE = "dialogue", "A listening dialogue"
    SCENARIO = "scenario", "A listening practice scenario"
    SAY_IT = "say_it", "Say it without blame"
    CHECKUP = "checkup", "The check-up"
    ACTIVITY = "activity", "Time together"
    LESSON = "lesson", "A short lesson"


class Assignment(models.Model):
    """Practice a counsellor set for one week, for a bond (both connected) or one client."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    bond = models.ForeignKey(
        "bonds.Bond", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=AssignmentKind.choices)
    # A prompt theme or depth ("theme:values", "depth:2"), a topic, a scenario, activity or
    # lesson id; empty for say_it and checkup.
    target = models.CharField(max_length=80, blank=True)
    need = models.CharField(max_length=10, blank=True)
    note = EncryptedTextField(blank=True, default="")
    habit = EncryptedTextField(blank=True, default="")
    week_of = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week_of", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bond__isnull=False, client__isnull=True)
                | Q(bond__isnull=True, client__isnull=False),
                name="counsel_assignment_bond_or_client",
            )
        ]
        indexes = [
            models.Index(fields=["bond", "week_of"]),
            models.Index(fields=["client", "week_of"]),
        ]


class ProgressState(models.TextChoices):
    ASSIGNED = "assigned", "Assigned"
    STARTED = "started", "Started"
    DONE = "done", "Done"


class AssignmentProgress(models.Model):
    """One person's self-reported progress on an assignment, and their optional reflection
    (shown to the counsellor only when ``reflection_shared``)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="progress")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        max_length=10, choices=ProgressState.choices, default=ProgressState.ASSIGNED
    )
    started_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reflection = EncryptedTextField(blank=True, default="")
    reflection_shared = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "person"], name="counsel_progress_one_per_person"
            )
        ]


class Template(models.Model):
    """A counsellor's saved assignment, to assign again in two taps."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = EncryptedTextField()
    kind = models.CharField(max_length=10, choices=AssignmentKind.choices)
    target = models.CharField(max_length=80, blank=True)
    need = models.CharField(max_length=10, blank=True)
    note = EncryptedTextField(blank=True, default="")
    habit = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class FigureKind(models.TextChoices):
    CHECKUP = "checkup", "My check-up scores"
    CHECKIN = "checkin", "My check-in connection ratings"
    # Only meaningful for a person who paused a bond's shared exercises: the counsellor may
    # then see the word "paused" for that bond, and nothing more.
    PAUSE = "pause", "That shared exercises are paused, if I paused them"


class FigureShare(models.Model):
    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=10, choices=FigureKind.choices)
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "kind"], name="counsel_figure_once")
        ]


class ItemShare(models.Model):
    """One of the person's own items shared with this connection's counsellor. Unsharing
    deletes the row."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "kind", "object_id"], name="counsel_item_once"
            )
        ]


class ViewLog(models.Model):
    """A counsellor looked at something a client shared: "prep", "figures:checkup",
    "item:<kind>:<id>", "reflection:<assignment id>". The client sees these."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="views")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(max_length=80)
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["connection", "-viewed_at"])]


class CounsellorNote(models.Model):
    """A counsellor's private note about a client. Never shown to the client. When the
    client erases their account, HEARD_COUNSEL_KEEP_NOTES_ON_ERASE keeps it (``client``
    becomes empty and ``client_erased_at`` is set) or erases it."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the counsellor called the client, kept for notes whose client erased their account.
    client_label = models.CharField(max_length=150, blank=True)
    client_erased_at = models.DateTimeField(null=True, blank=True)
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
