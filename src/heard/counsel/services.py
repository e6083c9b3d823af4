"""Counsellor mode writes: keyword-only, each checking who may do it. Errors are
``heard.core.errors`` DomainErrors (status 400/404/409/429) with messages fit to show."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.selectors import BondView
from heard.core.errors import Conflict, DomainError, NotFound
from heard.core.shareables import get_own, shareable_kind
from heard.counsel import selectors
from heard.counsel.invites import (
    INVITE_TTL_DAYS,
    INVITE_UNUSABLE,
    digest,
    new_code,
    normalise_code,
    usable_invite,
)
from heard.counsel.models import (
    COUNSELLOR_NOTE_MAX,
    HABIT_MAX,
    NOTE_MAX,
    REFLECTION_MAX,
    Assignment,
    AssignmentKind,
    AssignmentProgress,
    Connection,
    ConnectionStatus,
    CounselInvite,
    CounsellorNote,
    CounsellorProfile,
    EndedBy,
    FigureKind,
    FigureShare,
    InviteKind,
    InviteUse,
    ItemShare,
    ProgressState,
    Template,
    ViewLog,
)
from heard.counsel.selectors import PrepData

__all__ = ["INVITE_TTL_DAYS", "INVITE_UNUSABLE", "usable_invite"]

MAX_OPEN_INVITES = 20
MAX_WEEKS_AHEAD = 8
NEEDS_BOND = {AssignmentKind.PROMPT, AssignmentKind.DIALOGUE}
NO_TARGET = {AssignmentKind.SAY_IT, AssignmentKind.CHECKUP}


@dataclass(frozen=True)
class NewCounselInvite:
    invite: Any  # counsel.CounselInvite
    token: str
    code: str

    @property
    def path(self) -> str:
        return f"/counsel/join/{self.token}/"


# --------------------------------------------------------------------------- helpers


def _require_counsellor(user: User) -> None:
    if not selectors.is_counsellor(user):
        raise NotFound(selectors.NOT_THERE)


def _end(connection: Connection, *, by: str) -> None:
    """End a connection and remove everything it shared, at once."""
    connection.status = ConnectionStatus.ENDED
    connection.ended_at = timezone.now()
    connection.ended_by = by
    connection.save(update_fields=["status", "ended_at", "ended_by"])
    FigureShare.objects.filter(connection=connection).delete()
    ItemShare.objects.filter(connection=connection).delete()
    AssignmentProgress.objects.filter(
        person_id=connection.client_id,
        assignment__counsellor_id=connection.counsellor_id,
        reflection_shared=True,
    ).update(reflection_shared=False)


# --------------------------------------------------------------------------- the host


def _in_a_bond(user: User) -> bool:
    from heard.bonds.selectors import bonds_for

    return bool(bonds_for(user=user))


@transaction.atomic
def counsellor_add(
    *, username: str, email: str = "", practice_name: str = "", password: str | None = None
) -> CounsellorProfile:
    """Create a counsellor account (or make an existing account without bonds one) and its
    CounsellorProfile. DomainError if the account is in a bond or the name is taken by a
    counsellor already."""
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise DomainError("Give a username of 1 to 150 characters.")
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        user = User(username=username, email=(email or "").strip())
        if password:
            from django.contrib.auth.password_validation import validate_password
            from django.core.exceptions import ValidationError

            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise DomainError(" ".join(exc.messages)) from exc
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    elif CounsellorProfile.objects.filter(user=user, active=True).exists():
        raise Conflict(f"{user.username} is a counsellor already.")
    return counsellor_mark(user=user, practice_name=practice_name)


@transaction.atomic
def counsellor_mark(*, user: User, practice_name: str = "", active: bool = True) -> Any:
    """Give an account a counsellor profile (the admin's checkbox), or (``active=False``)
    take it away like counsellor_remove. DomainError for an account in a bond."""
    if not active:
        if CounsellorProfile.objects.filter(user=user, active=True).exists():
            counsellor_remove(user=user)
        return CounsellorProfile.objects.filter(user=user).first()
    if _in_a_bond(user):
        raise DomainError(
            "This account is in a bond. A counsellor needs an account of their own, "
            "not one they use with a partner, friend or family member."
        )
    if Connection.objects.filter(client=user).exclude(status=ConnectionStatus.ENDED).exists():
        raise DomainError("This account is connected to a counsellor as a client.")
    profile, _ = CounsellorProfile.objects.update_or_create(
        user=user, defaults={"active": True, "practice_name": (practice_name or "")[:120]}
    )
    return profile


@transaction.atomic
def counsellor_remove(*, user: User) -> int:
    """End every connection of the counsellor (ended_by "host"), withdraw their open invites,
    and deactivate the profile; the account stays. Returns how many connections ended.
    NotFound if the account is not a counsellor."""
    profile = CounsellorProfile.objects.select_for_update().filter(user=user, active=True).first()
    if profile is None:
        raise NotFound(f"{user.username} is not a counsellor.")
    ended = 0
    for connection in Connection.objects.filter(counsellor=user).exclude(
        status=ConnectionStatus.ENDED
    ):
        _end(connection, by=EndedBy.HOST)
        ended += 1
    CounselInvite.objects.filter(counsellor=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    profile.active = False
    profile.save(update_fields=["active"])
    return ended


# --------------------------------------------------------------------------- counsellor side


def invite_create(*, counsellor: User, kind: str) -> NewCounselInvite:
    """A new invite, ``kind`` "bond" or "person", valid for INVITE_TTL_DAYS. DomainError for a
    bad kind; Conflict with too many open invites; NotFound when not a counsellor."""
    _require_counsellor(counsellor)
    if kind not in InviteKind.values:
        raise DomainError("Choose who the invite is for: a bond (two people) or one person.")
    if len(selectors.open_invites(counsellor=counsellor)) >= MAX_OPEN_INVITES:
        raise Conflict("You have many open invites. Cancel one you no longer need first.")
    token = secrets.token_urlsafe(24)
    code = new_code()
    invite = CounselInvite.objects.create(
        counsellor=counsellor,
        kind=kind,
        token_hash=digest(token),
        code_hash=digest(normalise_code(code)),
        expires_at=timezone.now() + datetime.timedelta(days=INVITE_TTL_DAYS),
    )
    return NewCounselInvite(invite=invite, token=token, code=code)


def invite_revoke(*, counsellor: User, invite_id: int) -> None:
    """Cancel an open invite. NotFound if it isn't theirs or is no longer open."""
    _require_counsellor(counsellor)
    open_ids = {row.id for row in selectors.open_invites(counsellor=counsellor)}
    if invite_id not in open_ids:
        raise NotFound("That invite doesn't exist or can't be cancelled any more.")
    CounselInvite.objects.filter(pk=invite_id).update(revoked_at=timezone.now())


@transaction.atomic
def connection_end(*, counsellor: User, connection_id: int) -> None:
    """The counsellor ends a connection (ended_by "counsellor"): every share goes at once.
    NotFound if not theirs or already ended."""
    connection = selectors.counsellor_connection(counsellor=counsellor, connection_id=connection_id)
    if connection.status == ConnectionStatus.ENDED:
        raise NotFound(selectors.NO_CLIENT)
    _end(connection, by=EndedBy.COUNSELLOR)


def _clean_practice(
    *, kind: str, target: str, need: str, note: str, habit: str
) -> tuple[str, str, str, str, str]:
    kind = (kind or "").strip()
    if kind not in AssignmentKind.values:
        raise DomainError("Choose what kind of practice this is.")
    target = (target or "").strip()
    need = (need or "").strip()
    note = (note or "").strip()
    habit = (habit or "").strip()
    if kind in NO_TARGET:
        target = ""
    elif target not in {c.value for c in selectors.library().targets_for(kind)}:
        raise DomainError("Choose one of the practice options from the list.")
    if kind == AssignmentKind.DIALOGUE:
        if need not in {c.value for c in selectors.library().dialogue_needs}:
            raise DomainError("Choose what the speaker needs: to be heard, comforted, or ideas.")
    else:
        need = ""
    if len(note) > NOTE_MAX:
        raise DomainError(f"Keep the note to {NOTE_MAX} characters (it has {len(note)}).")
    if len(habit) > HABIT_MAX:
        raise DomainError(f"Keep the habit to {HABIT_MAX} characters (it has {len(habit)}).")
    return kind, target, need, note, habit


def _week(week_of: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    monday = selectors.week_start(week_of or today)
    this_week = selectors.week_start(today)
    if monday < this_week - datetime.timedelta(weeks=1):
        raise DomainError("Choose this week or a week ahead.")
    if monday > this_week + datetime.timedelta(weeks=MAX_WEEKS_AHEAD):
        raise DomainError(f"Choose a week within the next {MAX_WEEKS_AHEAD} weeks.")
    return monday


WITHDRAWN = "This client is not connected to you now, so practice can't be set for them."
BOND_NOT_READY = (
    "Practice for a bond needs both people connected. Send the invite to the other "
    "person, or set practice for one person instead."
)


@transaction.atomic
def assignment_create(
    *,
    counsellor: User,
    connection_id: int,
    kind: str,
    target: str = "",
    need: str = "",
    note: str = "",
    habit: str = "",
    week_of: datetime.date | None = None,
) -> Assignment:
    """Assign practice to the group (the bond, when the connection is for a bond; else the
    one client) for the week holding ``week_of`` (this week by default).

    DomainError: unknown kind, target or need, note over 300 or habit over 120 characters,
    a week more than 8 weeks away. Conflict (409): a client withdrew, or a bond member
    isn't connected. NotFound: not the counsellor's client."""
    conns = selectors.group_connections(counsellor=counsellor, connection_id=connection_id)
    kind, target, need, note, habit = _clean_practice(
        kind=kind, target=target, need=need, note=note, habit=habit
    )
    monday = _week(week_of)
    first = conns[0]
    if any(selectors._status(c) == ConnectionStatus.ENDED for c in conns):
        raise Conflict(WITHDRAWN)
    if not selectors._can_assign(conns):
        raise Conflict(BOND_NOT_READY)
    if first.bond_id is None and kind in NEEDS_BOND:
        raise DomainError("This practice is done by two people together; choose another.")
    return Assignment.objects.create(
        counsellor=counsellor,
        bond_id=first.bond_id,
        client_id=None if first.bond_id else first.client_id,
        kind=kind,
        target=target,
        need=need,
        note=note,
        habit=habit,
        week_of=monday,
    )


def _own_assignment(counsellor: User, assignment_id: int) -> Assignment:
    found = None
    if selectors.is_counsellor(counsellor) and 0 < int(assignment_id) < 2**63:
        found = Assignment.objects.filter(pk=assignment_id, counsellor=counsellor).first()
    if found is None:
        raise NotFound("That practice doesn't exist.")
    return found


def assignment_withdraw(*, counsellor: User, assignment_id: int) -> None:
    """Withdraw an assignment; clients stop seeing it. NotFound if not theirs."""
    found = _own_assignment(counsellor, assignment_id)
    if found.withdrawn_at is None:
        found.withdrawn_at = timezone.now()
        found.save(update_fields=["withdrawn_at"])


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not 1 <= len(name) <= 80:
        raise DomainError("Give the template a name of 1 to 80 characters.")
    return name


def template_create(
    *,
    counsellor: User,
    name: str,
    kind: str,
    target: str = "",
    need: str = "",
    note: str = "",
    habit: str = "",
) -> Template:
    """Save a template (same checks as assignment_create; name 1-80 characters)."""
    _require_counsellor(counsellor)
    name = _clean_name(name)
    kind, target, need, note, habit = _clean_practice(
        kind=kind, target=target, need=need, note=note, habit=habit
    )
    if Template.objects.filter(counsellor=counsellor).count() >= 200:
        raise Conflict("You have 200 templates. Delete one you no longer use first.")
    return Template.objects.create(
        counsellor=counsellor,
        name=name,
        kind=kind,
        target=target,
        need=need,
        note=note,
        habit=habit,
    )


def template_update(
    *,
    counsellor: User,
    template_id: int,
    name: str,
    kind: str,
    target: str = "",
    need: str = "",
    note: str = "",
    habit: str = "",
) -> Template:
    """Change a template. NotFound if not theirs."""
    template = selectors.template_get(counsellor=counsellor, template_id=template_id)
    template.name = _clean_name(name)
    template.kind, template.target, template.need, template.note, template.habit = _clean_practice(
        kind=kind, target=target, need=need, note=note, habit=habit
    )
    template.save()
    return template


def template_delete(*, counsellor: User, template_id: int) -> None:
    """Delete a template. NotFound if not theirs."""
    selectors.template_get(counsellor=counsellor, template_id=template_id).delete()


def template_from_assignment(*, counsellor: User, assignment_id: int, name: str) -> Template:
    """Save one of their assignments as a template."""
    found = _own_assignment(counsellor, assignment_id)
    return template_create(
        counsellor=counsellor,
        name=name,
        kind=found.kind,
        target=found.target,
        need=found.need,
        note=found.note,
        habit=found.habit,
    )


def assignment_from_template(
    *,
    counsellor: User,
    template_id: int,
    connection_id: int,
    week_of: datetime.date | None = None,
) -> Assignment:
    """The second tap: assign a template to a client group for this week."""
    template = selectors.template_get(counsellor=counsellor, template_id=template_id)
    return assignment_create(
        counsellor=counsellor,
        connection_id=connection_id,
        kind=template.kind,
        target=template.target,
        need=template.need,
        note=template.note,
        habit=template.habit,
        week_of=week_of,
    )


def _clean_note(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError("Write something for the note.")
    if len(text) > COUNSELLOR_NOTE_MAX:
        raise DomainError(f"Keep a note to {COUNSELLOR_NOTE_MAX} characters (it has {len(text)}).")
    return text


def note_create(
    *, counsellor: User, connection_id: int, text: str, client_id: int | None = None
) -> CounsellorNote:
    """A private note about a client of the group (``client_id``, or the connection's own
    client). DomainError for empty text or over 5000 characters."""
    conns = selectors.group_connections(counsellor=counsellor, connection_id=connection_id)
    wanted = (
        client_id
        if client_id is not None
        else next(c.client_id for c in conns if c.pk == int(connection_id))
    )
    if wanted not in {c.client_id for c in conns}:
        raise NotFound(selectors.NO_CLIENT)
    return CounsellorNote.objects.create(
        counsellor=counsellor, client_id=wanted, text=_clean_note(text)
    )


def _own_note(counsellor: User, note_id: int) -> CounsellorNote:
    found = None
    if selectors.is_counsellor(counsellor) and 0 < int(note_id) < 2**63:
        found = CounsellorNote.objects.filter(pk=note_id, counsellor=counsellor).first()
    if found is None:
        raise NotFound("That note doesn't exist.")
    return found


def note_update(*, counsellor: User, note_id: int, text: str) -> CounsellorNote:
    """Change one of their notes. NotFound otherwise."""
    note = _own_note(counsellor, note_id)
    note.text = _clean_note(text)
    note.save(update_fields=["text", "updated_at"])
    return note


def note_delete(*, counsellor: User, note_id: int) -> None:
    """Delete one of their notes. NotFound otherwise."""
    _own_note(counsellor, note_id).delete()


def prep_view(*, counsellor: User, connection_id: int) -> PrepData:
    """The session-prep data for the page, its print view, the JSON, recording in the view
    log each shared thing it shows (one row per connection per thing)."""
    data, viewed = selectors._prep(counsellor=counsellor, connection_id=connection_id)
    if viewed:
        ViewLog.objects.bulk_create(
            [
                ViewLog(connection_id=cid, counsellor=counsellor, what=what[:80])
                for cid, what in viewed
            ]
        )
    return data


# --------------------------------------------------------------------------- client side


def connection_consent(
    *, user: User, token: str = "", code: str = "", ip: str = "", bond_id: int | None = None
) -> Connection:
    """The person consents with a link token or a code. For a bond invite, ``bond_id`` picks
    the bond (needed only when the person has more than one); the first member ties the
    invite to that bond and their connection is pending until the other member consents.

    Every unusable invite: DomainError(INVITE_UNUSABLE) (status 400). Too many wrong codes:
    TooManyRequests (429). Already connected to another counsellor for that bond: Conflict."""
    if not getattr(user, "is_authenticated", False):
        raise DomainError("Log in or create your account first, then use the invite.")
    # Outside the transaction: a wrong guess must stay counted when the answer is an error.
    invite, choices = usable_invite(user=user, token=token, code=code, ip=ip)
    with transaction.atomic():
        return _consent(user=user, invite=invite, choices=choices, bond_id=bond_id)


def _consent(
    *, user: User, invite: CounselInvite, choices: list[BondView], bond_id: int | None
) -> Connection:
    invite = CounselInvite.objects.select_for_update().get(pk=invite.pk)
    if InviteUse.objects.filter(invite=invite, user=user).exists():
        raise DomainError(INVITE_UNUSABLE)
    bond = None
    if invite.kind == InviteKind.BOND:
        if bond_id is not None:
            picked = [b for b in choices if b.id == bond_id]
            if not picked:
                raise DomainError(INVITE_UNUSABLE)
        elif len(choices) == 1:
            picked = choices
        else:
            raise DomainError("Choose which bond this is for.")
        bond = picked[0].bond
        if invite.bond_id is None:
            invite.bond = bond
            invite.save(update_fields=["bond"])
    counsellor = invite.counsellor
    other_counsellor = (
        Connection.objects.filter(client=user, bond=bond)
        .exclude(status=ConnectionStatus.ENDED)
        .exclude(counsellor=counsellor)
        .exists()
    )
    if other_counsellor:
        raise Conflict(
            "You're already connected with a counsellor for this. Withdraw from that "
            "connection first (My counsellor)."
        )
    connection = (
        Connection.objects.select_for_update()
        .filter(counsellor=counsellor, client=user, bond=bond)
        .first()
    )
    if connection is not None and connection.status != ConnectionStatus.ENDED:
        raise Conflict("You're already connected with this counsellor.")
    partner: Connection | None = None
    status = ConnectionStatus.ACTIVE
    if bond is not None:
        partner = (
            Connection.objects.select_for_update()
            .filter(counsellor=counsellor, bond=bond)
            .exclude(client=user)
            .exclude(status=ConnectionStatus.ENDED)
            .first()
        )
        status = ConnectionStatus.ACTIVE if partner is not None else ConnectionStatus.PENDING
    now = timezone.now()
    if connection is None:
        connection = Connection(counsellor=counsellor, client=user, bond=bond)
    connection.invite = invite
    connection.status = status
    connection.consented_at = now
    connection.ended_at = None
    connection.ended_by = ""
    try:
        with transaction.atomic():
            connection.save()
            InviteUse.objects.create(invite=invite, user=user)
    except IntegrityError as exc:
        raise Conflict("You're already connected with a counsellor for this.") from exc
    if partner is not None and partner.status == ConnectionStatus.PENDING:
        partner.status = ConnectionStatus.ACTIVE
        partner.save(update_fields=["status"])
    return connection


@transaction.atomic
def connection_withdraw(*, user: User, connection_id: int) -> None:
    """The client ends their connection, at once: their figure and item shares are deleted,
    shared reflections are unshared; the counsellor sees only "connection ended".
    NotFound if not theirs or already ended."""
    connection = selectors.client_connection(user=user, connection_id=connection_id, active=False)
    if connection.status == ConnectionStatus.ENDED:
        raise NotFound("That connection doesn't exist.")
    _end(connection, by=EndedBy.CLIENT)


def _start_url(assignment: Assignment) -> str:
    kind, target, bond_id = assignment.kind, assignment.target, assignment.bond_id
    if kind == AssignmentKind.PROMPT and bond_id:
        return reverse("prompts:today", args=[bond_id])
    if kind == AssignmentKind.DIALOGUE and bond_id:
        return reverse("dialogue:start", args=[bond_id])
    if kind == AssignmentKind.SCENARIO:
        return reverse("dialogue:practice_scenario", args=[target])
    if kind == AssignmentKind.SAY_IT:
        return reverse("dialogue:say_it")
    if kind == AssignmentKind.CHECKUP:
        return reverse("checkup:take", args=[bond_id]) if bond_id else reverse("checkup:take_solo")
    if kind == AssignmentKind.ACTIVITY:
        return reverse("quality:idea", args=[target])
    if kind == AssignmentKind.LESSON:
        return reverse("learn:lesson", args=[target])
    return reverse("core:home")


def _progress(user: User, assignment: Assignment) -> AssignmentProgress:
    row, _ = AssignmentProgress.objects.select_for_update().get_or_create(
        assignment=assignment, person=user
    )
    return row


@transaction.atomic
def progress_start(*, user: User, assignment_id: int) -> str:
    """Record "started" (once) and return the URL of the feature to open. NotFound if the
    assignment isn't for this person (or the connection ended or it was withdrawn)."""
    assignment = selectors.assignment_for_client(user=user, assignment_id=assignment_id)
    row = _progress(user, assignment)
    if row.state == ProgressState.ASSIGNED:
        row.state = ProgressState.STARTED
        row.started_at = timezone.now()
        row.save(update_fields=["state", "started_at", "updated_at"])
    return _start_url(assignment)


@transaction.atomic
def progress_done(
    *, user: User, assignment_id: int, reflection: str = "", shared: bool = False
) -> AssignmentProgress:
    """Mark done (one tap), with an optional reflection (≤ 1000 characters), shared with the
    counsellor only when ``shared``. Marking done again updates the reflection."""
    assignment = selectors.assignment_for_client(user=user, assignment_id=assignment_id)
    reflection = (reflection or "").strip()
    if len(reflection) > REFLECTION_MAX:
        raise DomainError(
            f"Keep the reflection to {REFLECTION_MAX} characters (it has {len(reflection)})."
        )
    if reflection:
        from heard.safety.services import safety_check_text

        safety_check_text(user=user, text=reflection, source="counsel_reflection")
    row = _progress(user, assignment)
    now = timezone.now()
    if row.state != ProgressState.DONE:
        row.state = ProgressState.DONE
        row.done_at = now
        row.started_at = row.started_at or now
    row.reflection = reflection
    row.reflection_shared = bool(shared and reflection)
    row.save()
    return row


def reflection_share(*, user: User, assignment_id: int, shared: bool) -> None:
    """Share or unshare an existing reflection."""
    assignment = selectors.assignment_for_client(user=user, assignment_id=assignment_id)
    row = AssignmentProgress.objects.filter(assignment=assignment, person=user).first()
    if row is None or not row.reflection:
        raise NotFound("There is no reflection to share.")
    row.reflection_shared = bool(shared)
    row.save(update_fields=["reflection_shared", "updated_at"])


def figure_share(*, user: User, connection_id: int, kind: str, shared: bool) -> None:
    """Share (or stop sharing) "checkup", "checkin" or "pause" with this connection's
    counsellor. DomainError for another kind; NotFound if not theirs or ended."""
    connection = selectors.client_connection(user=user, connection_id=connection_id)
    if kind not in FigureKind.values:
        raise DomainError("Choose check-up scores or check-in ratings.")
    if shared:
        FigureShare.objects.get_or_create(connection=connection, kind=kind)
    else:
        FigureShare.objects.filter(connection=connection, kind=kind).delete()


def item_share(*, user: User, connection_id: int, kind: str, item_id: int) -> None:
    """Share one of the person's own items (from the last 8 weeks). NotFound when the item
    isn't theirs, is older, or the kind is unknown; NotFound for another's connection."""
    connection = selectors.client_connection(user=user, connection_id=connection_id)
    item = get_own(kind, user, int(item_id)) if shareable_kind(kind) else None
    since = timezone.now() - datetime.timedelta(weeks=selectors.WEEKS_SHAREABLE)
    if item is None or item.created_at < since:
        raise NotFound("That isn't something of yours that can be shared.")
    ItemShare.objects.get_or_create(connection=connection, kind=kind, object_id=item.id)


def item_unshare(*, user: User, connection_id: int, kind: str, item_id: int) -> None:
    """Stop sharing an item at once (silent if it wasn't shared)."""
    connection = selectors.client_connection(user=user, connection_id=connection_id, active=False)
    ItemShare.objects.filter(connection=connection, kind=kind, object_id=item_id).delete()


def item_share_everywhere(*, user: User, kind: str, item_id: int, shared: bool) -> int:
    """Share (or unshare) one item with every active connection the person has (for pages
    like the safety history that offer "share with my counsellor"). Returns how many."""
    count = 0
    for connection in Connection.objects.filter(client=user, status=ConnectionStatus.ACTIVE):
        if shared:
            item_share(user=user, connection_id=connection.pk, kind=kind, item_id=item_id)
        else:
            item_unshare(user=user, connection_id=connection.pk, kind=kind, item_id=item_id)
        count += 1
    return count


# --------------------------------------------------------------------------- accounts


def counsel_erase_for(*, user: User) -> None:
    """Called by accounts' erase before the account goes: keeps (HEARD_COUNSEL_KEEP_NOTES_ON_ERASE,
    default true) or deletes counsellors' notes about the person. Everything else of theirs
    (connections, shares, progress, reflections, view log) goes with the account."""
    notes = CounsellorNote.objects.filter(client=user)
    if getattr(settings, "COUNSEL_KEEP_NOTES_ON_ERASE", True):
        notes.update(client_label=user.username[:150], client_erased_at=timezone.now())
    else:
        notes.delete()
    # Explicit, though the account's deletion would cascade: nothing the counsellor could see.
    ItemShare.objects.filter(connection__client=user).delete()
    FigureShare.objects.filter(connection__client=user).delete()
    ViewLog.objects.filter(connection__client=user).delete()
    AssignmentProgress.objects.filter(person=user).delete()
    Connection.objects.filter(client=user).delete()
