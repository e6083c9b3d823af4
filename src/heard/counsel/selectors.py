"""Counsellor mode reads. Everything a counsellor sees goes through here, and each function
shows a counsellor only their own clients' completion and what each person chose to share,
while the connection is active.

The web and the API call these (and the services); they never read counsel's models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.accounts.selectors import local_today
from heard.core.charts import Chart, line_chart
from heard.core.errors import NotFound
from heard.core.memo import once_per_request
from heard.core.shareables import ShareableItem, get_own, shareable_kind, shareable_kinds
from heard.counsel.models import (
    Assignment,
    AssignmentKind,
    AssignmentProgress,
    Connection,
    ConnectionStatus,
    CounselInvite,
    CounsellorNote,
    CounsellorProfile,
    FigureKind,
    FigureShare,
    InviteUse,
    ItemShare,
    ProgressState,
    Template,
    ViewLog,
)
from heard.counsel.roles import is_counsellor

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
        return {
            "prompt": self.prompt_themes + self.prompt_depths,
            "dialogue": self.dialogue_topics,
            "scenario": self.scenarios,
            "activity": self.activities,
            "lesson": self.lessons,
        }.get(kind, [])

    def label_for(self, kind: str, value: str) -> str:
        for choice in self.targets_for(kind):
            if choice.value == value:
                return choice.label
        return ""


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
        return {
            "id": self.key,
            "bond_id": self.bond_id,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "ended": self.ended,
            "paused": self.paused,
            "people": [
                {"id": p.person_id, "name": p.name, "status": p.status} for p in self.people
            ],
            "assignments": [_assignment_json(a) for a in self.assignments],
            "figures": [
                {
                    "person_id": f.person_id,
                    "kind": f.kind,
                    "label": f.label,
                    "points": [{"day": d.isoformat(), "value": v} for d, v in f.points],
                }
                for f in self.figures
            ],
            "items": [
                {
                    "person_id": i.person_id,
                    "kind": i.item.kind,
                    "kind_label": i.kind_label,
                    "id": i.item.id,
                    "title": i.item.title,
                    "text": i.item.text,
                    "created_at": i.item.created_at.isoformat(),
                    "shared_at": i.shared_at.isoformat(),
                }
                for i in self.items
            ],
        }


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

    @property
    def state_label(self) -> str:
        return dict(ProgressState.choices).get(self.state, self.state)


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

NO_CLIENT = "That client doesn't exist."
NOT_THERE = "That isn't there."


def counsellor_profile(*, user: User) -> CounsellorProfile | None:
    """The person's CounsellorProfile, active or not, or None."""
    return CounsellorProfile.objects.filter(user=user).first()


def counsellors() -> list[CounsellorProfile]:
    """Every counsellor profile, for the host's `heard counsellor list`."""
    return list(CounsellorProfile.objects.select_related("user").order_by("user__username"))


def _themes_label(theme: str) -> str:
    return theme.replace("_", " ").capitalize()


def library() -> Library:
    """The assignable choices, from prompts' deck, dialogue's content, quality's activities
    and learn's lessons."""
    return once_per_request(("counsel_library",), _library)  # type: ignore[no-any-return]


def _library() -> Library:
    from heard.dialogue.content import NEEDS, scenarios
    from heard.learn.content import lessons
    from heard.prompts.deck import DEPTH_NAMES, THEMES
    from heard.quality.content import activities

    need_labels = {"listen": "To be heard", "comfort": "To be comforted", "ideas": "Ideas"}
    themes = [Choice(t, _themes_label(t)) for t in THEMES]
    return Library(
        kinds=[Choice(k.value, k.label) for k in AssignmentKind],
        prompt_themes=[Choice(f"theme:{c.value}", f"Theme: {c.label}") for c in themes],
        prompt_depths=[
            Choice(f"depth:{d}", f"Depth {d}: {name}") for d, name in DEPTH_NAMES.items()
        ],
        dialogue_topics=themes,
        dialogue_needs=[Choice(n, need_labels.get(n, n)) for n in NEEDS],
        scenarios=[
            Choice(sc.id, f"{sc.speaker.capitalize()}: {_short(sc.share)}") for sc in scenarios()
        ],
        activities=[Choice(a.id, a.title) for a in activities()],
        lessons=[Choice(lesson.id, lesson.title) for lesson in lessons()],
    )


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def need_label(need: str) -> str:
    for choice in library().dialogue_needs:
        if choice.value == need:
            return choice.label
    return ""


def kind_label(kind: str) -> str:
    return dict(AssignmentKind.choices).get(kind, kind)


# --------------------------------------------------------------------------- shared helpers


def _status(connection: Connection) -> str:
    """The status people see: a bond that ended ends its connections too."""
    if (
        connection.status != ConnectionStatus.ENDED
        and connection.bond is not None
        and connection.bond.ended_at is not None
    ):
        return "ended"
    return str(connection.status)


def _is_active(connection: Connection) -> bool:
    return _status(connection) == ConnectionStatus.ACTIVE


def counsellor_connection(*, counsellor: User, connection_id: int) -> Connection:
    """One of the counsellor's connections (any status). NotFound for anyone else."""
    if not is_counsellor(counsellor) or not 0 < int(connection_id) < 2**63:
        raise NotFound(NO_CLIENT)
    found = (
        Connection.objects.select_related("client", "bond")
        .filter(pk=connection_id, counsellor=counsellor)
        .first()
    )
    if found is None:
        raise NotFound(NO_CLIENT)
    return found


def group_connections(*, counsellor: User, connection_id: int) -> list[Connection]:
    """The connections of a group: the bond's (both people) or the one person's."""
    first = counsellor_connection(counsellor=counsellor, connection_id=connection_id)
    if first.bond_id is None:
        return [first]
    return list(
        Connection.objects.select_related("client", "bond")
        .filter(counsellor=counsellor, bond_id=first.bond_id)
        .order_by("created_at", "pk")
    )


def _group_paused_view(connections: list[Connection]) -> tuple[bool, datetime.datetime | None]:
    """(show "paused", hide progress since): "paused" only with a reporter's consent;
    without it, progress recorded since the pause began is not shown."""
    from heard.safety.selectors import pause_reported_by, pause_started_at

    bond = connections[0].bond if connections and connections[0].bond_id else None
    if bond is None:
        return False, None
    started = pause_started_at(bond=bond)
    if started is None:
        return False, None
    consented = any(
        _is_active(c)
        and pause_reported_by(bond=bond, user=c.client)
        and FigureShare.objects.filter(connection=c, kind=FigureKind.PAUSE).exists()
        for c in connections
    )
    return (True, None) if consented else (False, started)


def _can_assign(connections: list[Connection]) -> bool:
    if not connections:
        return False
    if connections[0].bond_id is not None and len(connections) < 2:
        return False
    return all(_is_active(c) for c in connections)


def _group(connections: list[Connection], paused: bool) -> ClientGroup:
    rows = [
        ClientRow(
            connection_id=c.pk,
            client_id=c.client_id,
            name=c.client.username,
            bond_id=c.bond_id,
            status=_status(c),
            since=c.consented_at.date() if c.consented_at and _status(c) != "ended" else None,
            ended_on=_ended_on(c),
        )
        for c in connections
    ]
    return ClientGroup(
        key=connections[0].pk,
        bond_id=connections[0].bond_id,
        rows=rows,
        can_assign=_can_assign(connections),
        paused=paused,
    )


def _ended_on(connection: Connection) -> datetime.date | None:
    if _status(connection) != ConnectionStatus.ENDED:
        return None
    when = connection.ended_at or (connection.bond.ended_at if connection.bond else None)
    return when.date() if when else None


# --------------------------------------------------------------------------- counsellor side


def clients_for(*, counsellor: User) -> list[ClientGroup]:
    """The counsellor's connections grouped by bond: active and pending first, then ended."""
    if not is_counsellor(counsellor):
        return []
    rows = list(
        Connection.objects.select_related("client", "bond")
        .filter(counsellor=counsellor)
        .order_by("created_at", "pk")
    )
    grouped: dict[tuple[str, int], list[Connection]] = {}
    for c in rows:
        key = ("b", c.bond_id) if c.bond_id is not None else ("c", c.pk)
        grouped.setdefault(key, []).append(c)
    groups = [_group(conns, _group_paused_view(conns)[0]) for conns in grouped.values()]
    return sorted(groups, key=lambda g: (g.ended, g.rows[0].name.lower()))


def client_group(*, counsellor: User, connection_id: int) -> ClientGroup:
    """One group by any of its connection ids. NotFound for anyone else's."""
    conns = group_connections(counsellor=counsellor, connection_id=connection_id)
    group = _group(conns, _group_paused_view(conns)[0])
    return ClientGroup(
        key=connection_id,
        bond_id=group.bond_id,
        rows=group.rows,
        can_assign=group.can_assign,
        paused=group.paused,
    )


def open_invites(*, counsellor: User) -> list[InviteRow]:
    """Invites not revoked, not expired and not used up."""
    rows = []
    invites = CounselInvite.objects.filter(
        counsellor=counsellor, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    for invite in invites:
        uses = InviteUse.objects.filter(invite=invite).count()
        if uses >= (2 if invite.kind == "bond" else 1):
            continue
        rows.append(
            InviteRow(
                id=invite.pk,
                kind=invite.kind,
                created_at=invite.created_at,
                expires_at=invite.expires_at,
                uses=uses,
            )
        )
    return rows


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _assignments_query(connections: list[Connection]) -> QuerySet[Assignment]:
    first = connections[0]
    if first.bond_id is not None:
        return Assignment.objects.filter(counsellor_id=first.counsellor_id, bond_id=first.bond_id)
    return Assignment.objects.filter(counsellor_id=first.counsellor_id, client_id=first.client_id)


def _target_label(assignment: Assignment | Template) -> str:
    if assignment.kind == AssignmentKind.DIALOGUE:
        topic = library().label_for("dialogue", assignment.target)
        return topic
    return library().label_for(assignment.kind, assignment.target)


def _assignment_views(
    connections: list[Connection],
    *,
    since: datetime.date,
    hide_since: datetime.datetime | None,
    viewed: list[tuple[int, str]] | None = None,
) -> list[AssignmentView]:
    visible = {c.client_id: c for c in connections if _is_active(c)}
    found = (
        _assignments_query(connections)
        .filter(week_of__gte=since)
        .prefetch_related(
            Prefetch("progress", queryset=AssignmentProgress.objects.select_related("person"))
        )
    )
    views = []
    for a in found:
        progress = []
        for person_id, conn in visible.items():
            row = next((p for p in a.progress.all() if p.person_id == person_id), None)
            state, started, done, reflection = "assigned", None, None, None
            if row is not None:
                state, started, done = str(row.state), row.started_at, row.done_at
                if hide_since is not None:
                    # A pause without the reporter's consent: nothing recorded since shows.
                    if done and done >= hide_since:
                        state, done = "started", None
                    if started and started >= hide_since:
                        state, started, done = "assigned", None, None
                if row.reflection_shared and row.reflection and state == ProgressState.DONE:
                    reflection = row.reflection
                    if viewed is not None:
                        viewed.append((conn.pk, f"reflection:{a.pk}"))
            progress.append(
                PersonProgress(
                    person_id=person_id,
                    name=conn.client.username,
                    state=state,
                    started_at=started,
                    done_at=done,
                    reflection=reflection,
                )
            )
        views.append(
            AssignmentView(
                id=a.pk,
                kind=a.kind,
                kind_label=kind_label(a.kind),
                target=a.target,
                target_label=_target_label(a),
                need=a.need,
                need_label=need_label(a.need),
                note=a.note,
                habit=a.habit,
                week_of=a.week_of,
                created_at=a.created_at,
                withdrawn=a.withdrawn_at is not None,
                bond_id=a.bond_id,
                client_id=a.client_id,
                progress=progress,
            )
        )
    return views


def assignments_for(
    *, counsellor: User, connection_id: int, weeks: int = WEEKS_PREP
) -> list[AssignmentView]:
    """The group's assignments from the last ``weeks`` weeks, with each person's state.
    Withdrawn ones included (``withdrawn``). NotFound for anyone else's."""
    conns = group_connections(counsellor=counsellor, connection_id=connection_id)
    if all(_status(c) == ConnectionStatus.ENDED for c in conns):
        return []
    since = week_start(timezone.localdate()) - datetime.timedelta(weeks=max(0, weeks - 1))
    return _assignment_views(conns, since=since, hide_since=_group_paused_view(conns)[1])


def templates_for(*, counsellor: User) -> list[Template]:
    """The counsellor's templates (counsel.Template rows; read name, kind, target, need,
    note, habit)."""
    return list(Template.objects.filter(counsellor=counsellor))


def template_get(*, counsellor: User, template_id: int) -> Template:
    """One of the counsellor's templates. NotFound otherwise."""
    found = None
    if is_counsellor(counsellor) and 0 < int(template_id) < 2**63:
        found = Template.objects.filter(pk=template_id, counsellor=counsellor).first()
    if found is None:
        raise NotFound("That template doesn't exist.")
    return found


def template_target_label(template: Template) -> str:
    return _target_label(template)


def _note_row(note: CounsellorNote) -> NoteRow:
    return NoteRow(
        id=note.pk,
        text=note.text,
        created_at=note.created_at,
        updated_at=note.updated_at,
        client_id=note.client_id,
        client_label=note.client_label or (note.client.username if note.client else ""),
    )


def notes_for(*, counsellor: User, connection_id: int) -> list[NoteRow]:
    """The counsellor's private notes about the group's people. NotFound for anyone else's."""
    conns = group_connections(counsellor=counsellor, connection_id=connection_id)
    notes = CounsellorNote.objects.select_related("client").filter(
        counsellor=counsellor, client_id__in=[c.client_id for c in conns]
    )
    return [_note_row(n) for n in notes]


def notes_former_clients(*, counsellor: User) -> list[NoteRow]:
    """Notes kept about clients who erased their accounts."""
    notes = CounsellorNote.objects.filter(counsellor=counsellor, client__isnull=True)
    return [_note_row(n) for n in notes]


def _figures(
    connections: list[Connection], since: datetime.date, viewed: list[tuple[int, str]]
) -> list[FigureSeries]:
    from heard.checkup.selectors import SCALE_NAMES, checkup_history
    from heard.daily.selectors import connection_ratings

    found: list[FigureSeries] = []
    for c in connections:
        if not _is_active(c):
            continue
        kinds = set(FigureShare.objects.filter(connection=c).values_list("kind", flat=True))
        name = c.client.username
        if FigureKind.CHECKUP in kinds:
            series: dict[str, list[tuple[datetime.date, float]]] = {}
            for result in checkup_history(user=c.client):
                day = result.created_at.date()
                if result.bond_id != c.bond_id or day < since:
                    continue
                for scale, label in SCALE_NAMES.items():
                    value = result.scores.get(scale)
                    if value is not None:
                        series.setdefault(label, []).append((day, float(value)))
            points = [p for values in series.values() for p in values]
            chart = line_chart(
                id=f"counsel-checkup-{c.pk}",
                title=f"{name}: check-up",
                series=list(series.items()),
                y_min=0,
                y_max=100,
            )
            found.append(FigureSeries(c.client_id, name, "checkup", "Check-up", points, chart))
            viewed.append((c.pk, "figures:checkup"))
        if FigureKind.CHECKIN in kinds:
            points = [
                (day, value)
                for day, value in connection_ratings(user=c.client, bond=c.bond)
                if day >= since
            ]
            chart = line_chart(
                id=f"counsel-checkin-{c.pk}",
                title=f"{name}: connection rating",
                series=[("Connection rating", points)],
                y_min=1,
                y_max=10,
                unit="/10",
            )
            found.append(
                FigureSeries(c.client_id, name, "checkin", "Connection rating", points, chart)
            )
            viewed.append((c.pk, "figures:checkin"))
    return found


def _shared_items(
    connections: list[Connection], viewed: list[tuple[int, str]]
) -> list[SharedItemRow]:
    found = []
    for c in connections:
        if not _is_active(c):
            continue
        for share in ItemShare.objects.filter(connection=c):
            item = get_own(share.kind, c.client, share.object_id)
            if item is None:
                continue
            known = shareable_kind(share.kind)
            found.append(
                SharedItemRow(
                    person_id=c.client_id,
                    name=c.client.username,
                    item=item,
                    kind_label=known.label if known else share.kind,
                    shared_at=share.shared_at,
                )
            )
            viewed.append((c.pk, f"item:{share.kind}:{share.object_id}"))
    return sorted(found, key=lambda row: row.item.created_at, reverse=True)


def prep_data(*, counsellor: User, connection_id: int, weeks: int = WEEKS_PREP) -> PrepData:
    """The session-prep data, without recording a view. Pages and the API use
    ``services.prep_view``, which records the views and returns this."""
    return _prep(counsellor=counsellor, connection_id=connection_id, weeks=weeks)[0]


def _prep(
    *, counsellor: User, connection_id: int, weeks: int = WEEKS_PREP
) -> tuple[PrepData, list[tuple[int, str]]]:
    conns = group_connections(counsellor=counsellor, connection_id=connection_id)
    until = timezone.localdate()
    since = week_start(until) - datetime.timedelta(weeks=max(0, weeks - 1))
    people = [PersonHeader(c.client_id, c.client.username, c.pk, _status(c)) for c in conns]
    ended = all(_status(c) == ConnectionStatus.ENDED for c in conns)
    viewed: list[tuple[int, str]] = []
    if ended:
        data = PrepData(
            connection_id, conns[0].bond_id, since, until, people, True, False, [], [], []
        )
        return data, viewed
    paused, hide_since = _group_paused_view(conns)
    assignments = _assignment_views(conns, since=since, hide_since=hide_since, viewed=viewed)
    figures = _figures(conns, since, viewed)
    items = _shared_items(conns, viewed)
    for c in conns:
        if _is_active(c):
            viewed.insert(0, (c.pk, "prep"))
    data = PrepData(
        key=connection_id,
        bond_id=conns[0].bond_id,
        since=since,
        until=until,
        people=people,
        ended=False,
        paused=paused,
        assignments=assignments,
        figures=figures,
        items=items,
        viewed=[what for _, what in viewed],
    )
    return data, viewed


def _assignment_json(a: AssignmentView) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "kind_label": a.kind_label,
        "target": a.target,
        "target_label": a.target_label,
        "need": a.need,
        "note": a.note,
        "habit": a.habit,
        "week_of": a.week_of.isoformat(),
        "withdrawn": a.withdrawn,
        "progress": [
            {
                "person_id": p.person_id,
                "name": p.name,
                "state": p.state,
                "started_at": p.started_at.isoformat() if p.started_at else None,
                "done_at": p.done_at.isoformat() if p.done_at else None,
                "reflection": p.reflection,
            }
            for p in a.progress
        ],
    }


# --------------------------------------------------------------------------- client side

WILL_SEE = [
    "Which practice they set for you, and whether you marked it started or done.",
    "Your check-up scores and check-in ratings, only if you choose to share them.",
    "Things you wrote, only one by one, each time you choose to share one. You can stop "
    "sharing any of them at any time.",
    "A reflection on practice, only if you mark it to share.",
    "You will see a log of every time your counsellor looks at what you shared.",
]
WILL_NOT_SEE = [
    "Your answers to questions, your dialogue turns, your check-in notes or anything else "
    "you wrote, unless you share it item by item.",
    "Your private safety checks, the safety question and anything Heard noticed in what you "
    "wrote, unless you share one yourself.",
    "Anything of the other person's: they decide for themselves.",
]


def invite_preview(*, user: User, token: str = "", code: str = "", ip: str = "") -> InvitePreview:
    """What the consent page shows. Every unusable invite raises the same neutral
    DomainError (INVITE_UNUSABLE); wrong guesses are throttled like bond invites."""
    from heard.counsel.invites import usable_invite

    invite, choices = usable_invite(user=user, token=token, code=code, ip=ip)
    profile = counsellor_profile(user=invite.counsellor)
    return InvitePreview(
        counsellor_name=invite.counsellor.get_full_name() or invite.counsellor.username,
        practice_name=profile.practice_name if profile else "",
        kind=invite.kind,
        bond_choices=[BondChoice(b.id, b.other.username) for b in choices],
        will_see=list(WILL_SEE),
        will_not_see=list(WILL_NOT_SEE),
    )


def _my_rows(user: User) -> QuerySet[Connection]:
    return Connection.objects.select_related("counsellor", "bond").filter(client=user)


def _my_connection(c: Connection, user: User) -> MyConnection:
    from heard.bonds.selectors import bonds_for

    other = ""
    if c.bond_id is not None:
        other = next((b.other.username for b in bonds_for(user=user) if b.id == c.bond_id), "")
    profile = counsellor_profile(user=c.counsellor)
    status = _status(c)
    figures = (
        frozenset(FigureShare.objects.filter(connection=c).values_list("kind", flat=True))
        if status != ConnectionStatus.ENDED
        else frozenset()
    )
    return MyConnection(
        id=c.pk,
        counsellor_name=c.counsellor.get_full_name() or c.counsellor.username,
        practice_name=profile.practice_name if profile else "",
        bond_id=c.bond_id,
        other_name=other,
        status=status,
        consented_at=c.consented_at,
        figures=figures,
    )


def my_connections(*, user: User) -> list[MyConnection]:
    """The person's connections with counsellors, active and pending first, then ended."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = [_my_connection(c, user) for c in _my_rows(user)]
    return sorted(rows, key=lambda r: r.status == ConnectionStatus.ENDED)


def client_connection(*, user: User, connection_id: int, active: bool = True) -> Connection:
    """One of the person's own connections (active only, by default). NotFound otherwise."""
    found = None
    if getattr(user, "is_authenticated", False) and 0 < int(connection_id) < 2**63:
        found = _my_rows(user).filter(pk=connection_id).first()
    if found is None or (active and not _is_active(found)):
        raise NotFound("That connection doesn't exist.")
    return found


def my_connection(*, user: User, connection_id: int) -> MyConnection:
    """One of the person's own connections. NotFound otherwise."""
    return _my_connection(
        client_connection(user=user, connection_id=connection_id, active=False), user
    )


def _my_assignments_query(user: User) -> QuerySet[Assignment]:
    """Practice for the person from a counsellor they are connected to now: one query."""
    active = Connection.objects.filter(
        client_id=user.pk, status=ConnectionStatus.ACTIVE, counsellor_id=OuterRef("counsellor_id")
    )
    solo = Q(bond__isnull=True, client_id=user.pk) & Q(Exists(active.filter(bond__isnull=True)))
    joint = Q(bond__isnull=False, bond__ended_at__isnull=True) & Q(
        Exists(active.filter(bond_id=OuterRef("bond_id")))
    )
    return Assignment.objects.filter(solo | joint, withdrawn_at__isnull=True)


def _my_assignment(a: Assignment, user: User) -> MyAssignment:
    row = (
        next(iter(a.progress.all()), None)
        if hasattr(a, "_prefetched_objects_cache")
        else (AssignmentProgress.objects.filter(assignment=a, person=user).first())
    )
    return MyAssignment(
        id=a.pk,
        counsellor_name=a.counsellor.get_full_name() or a.counsellor.username,
        kind=a.kind,
        kind_label=kind_label(a.kind),
        target_label=_target_label(a),
        need_label=need_label(a.need),
        note=a.note,
        habit=a.habit,
        week_of=a.week_of,
        bond_id=a.bond_id,
        state=str(row.state) if row else "assigned",
        reflection=row.reflection if row else "",
        reflection_shared=bool(row and row.reflection_shared),
        start_url=reverse("counsel:start", args=[a.pk])
        if _has_counsel_urls()
        else f"/counsel/practice/{a.pk}/start/",
    )


def _has_counsel_urls() -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse("counsel:start", args=[1])
    except NoReverseMatch:
        return False
    return True


def my_assignments(*, user: User, day: datetime.date | None = None) -> list[MyAssignment]:
    """This week's (the week holding ``day``, the person's today by default) assignments from
    the person's active connections, not withdrawn."""
    if not getattr(user, "is_authenticated", False):
        return []
    monday = week_start(day or local_today(user))
    found = (
        _my_assignments_query(user)
        .filter(week_of=monday)
        .select_related("counsellor")
        .prefetch_related(
            Prefetch("progress", queryset=AssignmentProgress.objects.filter(person=user))
        )
        .order_by("created_at", "pk")
    )
    return [_my_assignment(a, user) for a in found]


def assignment_for_client(*, user: User, assignment_id: int) -> Assignment:
    """An assignment for this person while connected. NotFound otherwise."""
    found = None
    if getattr(user, "is_authenticated", False) and 0 < int(assignment_id) < 2**63:
        found = (
            _my_assignments_query(user)
            .select_related("counsellor")
            .filter(pk=assignment_id)
            .first()
        )
    if found is None:
        raise NotFound("That practice doesn't exist.")
    return found


def my_assignment(*, user: User, assignment_id: int) -> MyAssignment:
    """One assignment for this person (any week, while the connection is active). NotFound
    otherwise."""
    return _my_assignment(assignment_for_client(user=user, assignment_id=assignment_id), user)


def shareable_items(*, user: User, connection_id: int) -> list[ShareableRow]:
    """The person's own items from the last WEEKS_SHAREABLE weeks, every registered kind,
    newest first, each with whether it is shared with this connection."""
    connection = client_connection(user=user, connection_id=connection_id)
    since = timezone.now() - datetime.timedelta(weeks=WEEKS_SHAREABLE)
    shared = set(ItemShare.objects.filter(connection=connection).values_list("kind", "object_id"))
    rows = []
    for kind in shareable_kinds():
        for item in kind.list_own(user, since):
            rows.append(ShareableRow(item, kind.label, (item.kind, item.id) in shared))
    return sorted(rows, key=lambda r: r.item.created_at, reverse=True)


def shared_ids(*, user: User, kind: str) -> set[int]:
    """Which of the person's items of one kind are shared with any active connection."""
    return set(
        ItemShare.objects.filter(
            connection__client=user, connection__status=ConnectionStatus.ACTIVE, kind=kind
        ).values_list("object_id", flat=True)
    )


def has_counsellor(*, user: User) -> bool:
    return Connection.objects.filter(client=user, status=ConnectionStatus.ACTIVE).exists()


def _what_label(what: str, user: User) -> str:
    if what == "prep":
        return "The session-prep page (which practice you did)"
    if what.startswith("figures:"):
        return {"checkup": "Your check-up scores", "checkin": "Your check-in ratings"}.get(
            what.removeprefix("figures:"), "Your figures"
        )
    if what.startswith("reflection:"):
        return "Your reflection on practice"
    if what.startswith("item:"):
        _, kind, raw = ([*what.split(":", 2), "", ""])[:3]
        known = shareable_kind(kind)
        item = get_own(kind, user, int(raw)) if raw.isdigit() else None
        label = known.label if known else "Something you shared"
        return f"{label}: {_short(item.title, 60)}" if item else label
    return what


def view_log(*, user: User, connection_id: int | None = None) -> list[ViewLogRow]:
    """When the person's counsellors looked at what they shared (all connections, or one)."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = ViewLog.objects.select_related("counsellor").filter(connection__client=user)
    if connection_id is not None:
        client_connection(user=user, connection_id=connection_id, active=False)
        rows = rows.filter(connection_id=connection_id)
    return [
        ViewLogRow(
            id=row.pk,
            connection_id=row.connection_id,
            counsellor_name=row.counsellor.get_full_name() or row.counsellor.username,
            what=row.what,
            what_label=_what_label(row.what, user),
            viewed_at=row.viewed_at,
        )
        for row in rows[:500]
    ]


def today_probe(user: Any) -> QuerySet[Any]:
    """For Today's probe: a row when the person may have practice this week."""
    return Assignment.objects.filter(
        withdrawn_at__isnull=True,
        week_of__gte=week_start(timezone.localdate()) - datetime.timedelta(days=7),
    ).filter(
        Q(client_id=user.pk) | Q(bond__memberships__user_id=user.pk, bond__ended_at__isnull=True)
    )
