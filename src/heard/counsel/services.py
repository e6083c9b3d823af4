"""Counsellor mode writes: keyword-only, each checking who may do it. Errors are
``heard.core.errors`` DomainErrors (status 400/404/409/429) with messages fit to show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from heard.accounts.models import User
from heard.counsel.selectors import PrepData

# The one answer for every invite that can't be used: expired, revoked, used, for another
# bond, the counsellor's own, or tried by a counsellor. It says nothing about which.
INVITE_UNUSABLE = "This invite can't be used. Ask your counsellor for a new one."
INVITE_TTL_DAYS = 7


@dataclass(frozen=True)
class NewCounselInvite:
    invite: Any  # counsel.CounselInvite
    token: str
    code: str

    @property
    def path(self) -> str:
        return f"/counsel/join/{self.token}/"


# --------------------------------------------------------------------------- the host


def counsellor_add(
    *, username: str, email: str = "", practice_name: str = "", password: str | None = None
) -> Any:
    """Create a counsellor account (or make an existing account without bonds one) and its
    CounsellorProfile. DomainError if the account is in a bond or the name is taken by a
    counsellor already."""
    raise NotImplementedError


def counsellor_mark(*, user: User, practice_name: str = "", active: bool = True) -> Any:
    """Give an account a counsellor profile (the admin's checkbox), or (``active=False``)
    take it away like counsellor_remove. DomainError for an account in a bond."""
    raise NotImplementedError


def counsellor_remove(*, user: User) -> int:
    """End every connection of the counsellor (ended_by "host"), withdraw their open invites,
    and deactivate the profile; the account stays. Returns how many connections ended.
    NotFound if the account is not a counsellor."""
    raise NotImplementedError


# --------------------------------------------------------------------------- counsellor side


def invite_create(*, counsellor: User, kind: str) -> NewCounselInvite:
    """A new invite, ``kind`` "bond" or "person", valid for INVITE_TTL_DAYS. DomainError for a
    bad kind; Conflict with too many open invites; NotFound when not a counsellor."""
    raise NotImplementedError


def invite_revoke(*, counsellor: User, invite_id: int) -> None:
    """Cancel an open invite. NotFound if it isn't theirs or is no longer open."""
    raise NotImplementedError


def connection_end(*, counsellor: User, connection_id: int) -> None:
    """The counsellor ends a connection (ended_by "counsellor"): every share goes at once.
    NotFound if not theirs or already ended."""
    raise NotImplementedError


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
) -> Any:
    """Assign practice to the group (the bond, when the connection is for a bond; else the
    one client) for the week holding ``week_of`` (this week by default).

    DomainError: unknown kind, target or need, note over 300 or habit over 120 characters,
    a week more than 8 weeks away. Conflict (409): a client withdrew, or a bond member
    isn't connected. NotFound: not the counsellor's client."""
    raise NotImplementedError


def assignment_withdraw(*, counsellor: User, assignment_id: int) -> None:
    """Withdraw an assignment; clients stop seeing it. NotFound if not theirs."""
    raise NotImplementedError


def template_create(
    *,
    counsellor: User,
    name: str,
    kind: str,
    target: str = "",
    need: str = "",
    note: str = "",
    habit: str = "",
) -> Any:
    """Save a template (same checks as assignment_create; name 1-80 characters)."""
    raise NotImplementedError


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
) -> Any:
    """Change a template. NotFound if not theirs."""
    raise NotImplementedError


def template_delete(*, counsellor: User, template_id: int) -> None:
    """Delete a template. NotFound if not theirs."""
    raise NotImplementedError


def template_from_assignment(*, counsellor: User, assignment_id: int, name: str) -> Any:
    """Save one of their assignments as a template."""
    raise NotImplementedError


def assignment_from_template(
    *,
    counsellor: User,
    template_id: int,
    connection_id: int,
    week_of: datetime.date | None = None,
) -> Any:
    """The second tap: assign a template to a client group for this week."""
    raise NotImplementedError


def note_create(
    *, counsellor: User, connection_id: int, text: str, client_id: int | None = None
) -> Any:
    """A private note about a client of the group (``client_id``, or the connection's own
    client). DomainError for empty text or over 5000 characters."""
    raise NotImplementedError


def note_update(*, counsellor: User, note_id: int, text: str) -> Any:
    """Change one of their notes. NotFound otherwise."""
    raise NotImplementedError


def note_delete(*, counsellor: User, note_id: int) -> None:
    """Delete one of their notes. NotFound otherwise."""
    raise NotImplementedError


def prep_view(*, counsellor: User, connection_id: int) -> PrepData:
    """The session-prep data for the page, its print view, the JSON, recording in the view
    log each shared thing it shows (one row per connection per thing)."""
    raise NotImplementedError


# --------------------------------------------------------------------------- client side


def connection_consent(
    *, user: User, token: str = "", code: str = "", ip: str = "", bond_id: int | None = None
) -> Any:
    """The person consents with a link token or a code. For a bond invite, ``bond_id`` picks
    the bond (needed only when the person has more than one); the first member ties the
    invite to that bond and their connection is pending until the other member consents.

    Every unusable invite: DomainError(INVITE_UNUSABLE) (status 400). Too many wrong codes:
    TooManyRequests (429). Already connected to another counsellor for that bond: Conflict."""
    raise NotImplementedError


def connection_withdraw(*, user: User, connection_id: int) -> None:
    """The client ends their connection, at once: their figure and item shares are deleted,
    shared reflections are unshared; the counsellor sees only "connection ended".
    NotFound if not theirs or already ended."""
    raise NotImplementedError


def progress_start(*, user: User, assignment_id: int) -> str:
    """Record "started" (once) and return the URL of the feature to open. NotFound if the
    assignment isn't for this person (or the connection ended or it was withdrawn)."""
    raise NotImplementedError


def progress_done(
    *, user: User, assignment_id: int, reflection: str = "", shared: bool = False
) -> Any:
    """Mark done (one tap), with an optional reflection (≤ 1000 characters), shared with the
    counsellor only when ``shared``. Marking done again updates the reflection."""
    raise NotImplementedError


def reflection_share(*, user: User, assignment_id: int, shared: bool) -> None:
    """Share or unshare an existing reflection."""
    raise NotImplementedError


def figure_share(*, user: User, connection_id: int, kind: str, shared: bool) -> None:
    """Share (or stop sharing) "checkup", "checkin" or "pause" with this connection's
    counsellor. DomainError for another kind; NotFound if not theirs or ended."""
    raise NotImplementedError


def item_share(*, user: User, connection_id: int, kind: str, item_id: int) -> None:
    """Share one of the person's own items (from the last 8 weeks). NotFound when the item
    isn't theirs, is older, or the kind is unknown; NotFound for another's connection."""
    raise NotImplementedError


def item_unshare(*, user: User, connection_id: int, kind: str, item_id: int) -> None:
    """Stop sharing an item at once (silent if it wasn't shared)."""
    raise NotImplementedError


# --------------------------------------------------------------------------- accounts


def counsel_erase_for(*, user: User) -> None:
    """Called by accounts' erase before the account goes: keeps (HEARD_COUNSEL_KEEP_NOTES_ON_ERASE,
    default true) or deletes counsellors' notes about the person. Everything else of theirs
    (connections, shares, progress, reflections, view log) goes with the account."""
    raise NotImplementedError
