"""Counsellor mode reads. Everything a counsellor sees goes through here, and each function
shows a counsellor only their own clients' completion and what each person chose to share,
while the connection is active.

The web and the API call these (and the services); they never read counsel's models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from heard.accounts.models import User
from heard.core.charts import Chart
from heard.core.shareables import ShareableItem

WEEKS_PREP = 4  # the session-prep page looks back this far
WEEKS_SHAREABLE = 8  # items a person may share: their own, from this far back


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Library:
    """Everything a counsellor can assign, read from the real content."""

    kinds: list[Choice]
    prompt_themes: list[Choice]  # value "theme:<theme>"
    prompt_depths: list[Choice]  # value "depth:<1|2|3>"
    dialogue_topics: list[Choice]  # the prompt themes, as topics for a listening dialogue
    dialogue_needs: list[Choice]
    scenarios: list[Choice]
    activities: list[Choice]
    lessons: list[Choice]

    def targets_for(self, kind: str) -> list[Choice]:
        """The valid ``target`` values for a kind ([] for say_it and checkup)."""
        raise NotImplementedError


@dataclass(frozen=True)
class ClientRow:
    connection_id: int
    client_id: int
    name: str
    bond_id: int | None
    status: str  # "pending", "active" or "ended"
    since: datetime.date | None  # the day they consented
    ended_on: datetime.date | None  # only the day; never who or why


@dataclass(frozen=True)
class ClientGroup:
    """One bond's people (or one person on their own) for a counsellor's clients list."""

    key: int  # a connection id: the handle for the prep page, notes and assignments
    bond_id: int | None
    rows: list[ClientRow]
    can_assign: bool  # everyone in it is connected (a bond needs both)
    paused: bool  # "paused", shown only with the reporter's consent

    @property
    def ended(self) -> bool:
        return all(row.status == "ended" for row in self.rows)


@dataclass(frozen=True)
class InviteRow:
    id: int
    kind: str  # "bond" or "person"
    created_at: datetime.datetime
    expires_at: datetime.datetime
    uses: int  # how many people consented with it


@dataclass(frozen=True)
class BondChoice:
    id: int
    other_name: str


@dataclass(frozen=True)
class InvitePreview:
    """What the consent page shows before the person agrees."""

    counsellor_name: str
    practice_name: str
    kind: str  # "bond" or "person"
    bond_choices: list[BondChoice]  # bonds it could be for (bond invites): pick one
    will_see: list[str]
    will_not_see: list[str]


@dataclass(frozen=True)
class PersonProgress:
    person_id: int
    name: str
    state: str  # "assigned", "started", "done"
    started_at: datetime.datetime | None
    done_at: datetime.datetime | None
    reflection: str | None  # only a reflection the person shared, while connected


@dataclass(frozen=True)
class AssignmentView:
    id: int
    kind: str
    kind_label: str
    target: str
    target_label: str
    need: str
    need_label: str
    note: str
    habit: str
    week_of: datetime.date
    created_at: datetime.datetime
    withdrawn: bool
    bond_id: int | None
    client_id: int | None
    progress: list[PersonProgress] = field(default_factory=list)


@dataclass(frozen=True)
class PersonHeader:
    person_id: int
    name: str
    connection_id: int
    status: str  # "pending", "active", "ended"


@dataclass(frozen=True)
class FigureSeries:
    person_id: int
    name: str
    kind: str  # "checkup" or "checkin"
    label: str
    points: list[tuple[datetime.date, float]]
    chart: Chart | None


@dataclass(frozen=True)
class SharedItemRow:
    person_id: int
    name: str
    item: ShareableItem
    kind_label: str
    shared_at: datetime.datetime


@dataclass(frozen=True)
class PrepData:
    """The session-prep page for one bond (or one person): the last WEEKS_PREP weeks."""

    key: int  # the connection id asked for
    bond_id: int | None
    since: datetime.date
    until: datetime.date
    people: list[PersonHeader]
    ended: bool  # every connection ended: the page says only "connection ended"
    paused: bool  # "paused" (only with the reporter's consent)
    assignments: list[AssignmentView]
    figures: list[FigureSeries]
    items: list[SharedItemRow]
    viewed: list[str] = field(default_factory=list)  # ViewLog "what" per connection, to record

    def as_json(self) -> dict[str, Any]:
        """The same data as plain JSON (for GET /api/v1/counsel/clients/{id}/prep)."""
        raise NotImplementedError


@dataclass(frozen=True)
class NoteRow:
    id: int
    text: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    client_id: int | None
    client_label: str  # for notes about a client who erased their account


@dataclass(frozen=True)
class MyConnection:
    id: int
    counsellor_name: str
    practice_name: str
    bond_id: int | None
    other_name: str  # the other person in the bond, "" alone
    status: str
    consented_at: datetime.datetime | None
    figures: frozenset[str]  # figure kinds shared: "checkup", "checkin", "pause"


@dataclass(frozen=True)
class MyAssignment:
    id: int
    counsellor_name: str
    kind: str
    kind_label: str
    target_label: str
    need_label: str
    note: str
    habit: str
    week_of: datetime.date
    bond_id: int | None
    state: str
    reflection: str
    reflection_shared: bool
    start_url: str  # /counsel/practice/<id>/start/


@dataclass(frozen=True)
class ShareableRow:
    item: ShareableItem
    kind_label: str
    shared: bool


@dataclass(frozen=True)
class ViewLogRow:
    id: int
    connection_id: int
    counsellor_name: str
    what: str
    what_label: str  # "Your check-up scores", "Your answer to: ...", "The session-prep page"
    viewed_at: datetime.datetime


# --------------------------------------------------------------------------- roles


def is_counsellor(user: Any) -> bool:
    """Whether this (possibly anonymous) person has an active counsellor profile. Once per
    request."""
    raise NotImplementedError


def counsellor_profile(*, user: User) -> Any:
    """The person's CounsellorProfile, active or not, or None."""
    raise NotImplementedError


def counsellors() -> list[Any]:
    """Every counsellor profile, for the host's `heard counsellor list`."""
    raise NotImplementedError


def library() -> Library:
    """The assignable choices, from prompts' deck, dialogue's content, quality's activities
    and learn's lessons."""
    raise NotImplementedError


# --------------------------------------------------------------------------- counsellor side


def clients_for(*, counsellor: User) -> list[ClientGroup]:
    """The counsellor's connections grouped by bond: active and pending first, then ended."""
    raise NotImplementedError


def client_group(*, counsellor: User, connection_id: int) -> ClientGroup:
    """One group by any of its connection ids. NotFound for anyone else's."""
    raise NotImplementedError


def open_invites(*, counsellor: User) -> list[InviteRow]:
    """Invites not revoked, not expired and not used up."""
    raise NotImplementedError


def assignments_for(
    *, counsellor: User, connection_id: int, weeks: int = WEEKS_PREP
) -> list[AssignmentView]:
    """The group's assignments from the last ``weeks`` weeks, with each person's state.
    Withdrawn ones included (``withdrawn``). NotFound for anyone else's."""
    raise NotImplementedError


def templates_for(*, counsellor: User) -> list[Any]:
    """The counsellor's templates (counsel.Template rows; read name, kind, target, need,
    note, habit)."""
    raise NotImplementedError


def template_get(*, counsellor: User, template_id: int) -> Any:
    """One of the counsellor's templates. NotFound otherwise."""
    raise NotImplementedError


def notes_for(*, counsellor: User, connection_id: int) -> list[NoteRow]:
    """The counsellor's private notes about the group's people. NotFound for anyone else's."""
    raise NotImplementedError


def notes_former_clients(*, counsellor: User) -> list[NoteRow]:
    """Notes kept about clients who erased their accounts."""
    raise NotImplementedError


def prep_data(*, counsellor: User, connection_id: int, weeks: int = WEEKS_PREP) -> PrepData:
    """The session-prep data, without recording a view. Pages and the API use
    ``services.prep_view``, which records the views and returns this."""
    raise NotImplementedError


# --------------------------------------------------------------------------- client side


def invite_preview(*, user: User, token: str = "", code: str = "", ip: str = "") -> InvitePreview:
    """What the consent page shows. Every unusable invite raises the same neutral
    DomainError (INVITE_UNUSABLE); wrong guesses are throttled like bond invites."""
    raise NotImplementedError


def my_connections(*, user: User) -> list[MyConnection]:
    """The person's connections with counsellors, active and pending first, then ended."""
    raise NotImplementedError


def my_connection(*, user: User, connection_id: int) -> MyConnection:
    """One of the person's own connections. NotFound otherwise."""
    raise NotImplementedError


def my_assignments(*, user: User, day: datetime.date | None = None) -> list[MyAssignment]:
    """This week's (the week holding ``day``, the person's today by default) assignments from
    the person's active connections, not withdrawn."""
    raise NotImplementedError


def my_assignment(*, user: User, assignment_id: int) -> MyAssignment:
    """One assignment for this person (any week, while the connection is active). NotFound
    otherwise."""
    raise NotImplementedError


def shareable_items(*, user: User, connection_id: int) -> list[ShareableRow]:
    """The person's own items from the last WEEKS_SHAREABLE weeks, every registered kind,
    newest first, each with whether it is shared with this connection."""
    raise NotImplementedError


def view_log(*, user: User, connection_id: int | None = None) -> list[ViewLogRow]:
    """When the person's counsellors looked at what they shared (all connections, or one)."""
    raise NotImplementedError


def today_probe(user: Any) -> QuerySet[Any]:
    """For Today's probe: a row when the person may have practice this week."""
    raise NotImplementedError
