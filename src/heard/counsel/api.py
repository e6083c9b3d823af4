"""Counsellor mode in the JSON API: the counsellor's side (clients, invites, assignments,
templates, session prep, private notes) and the client's side under /counsel/mine
(connections, consent, practice, what they share, who looked at it).

Thin: each operation parses its input, calls counsel's services or selectors (which check who
may do it: anyone else gets a neutral 404) and shapes the answer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from heard.accounts.models import User
from heard.api_errors import also_answers
from heard.core.errors import NotFound
from heard.core.http import client_ip
from heard.counsel import selectors, services
from heard.counsel.schemas import (
    CounselAssignmentIn,
    CounselAssignmentOut,
    CounselClientGroupOut,
    CounselCodeIn,
    CounselConsentIn,
    CounselDoneIn,
    CounselFromTemplateIn,
    CounselInviteIn,
    CounselInviteOut,
    CounselLibraryOut,
    CounselMyAssignmentOut,
    CounselMyConnectionOut,
    CounselNewInviteOut,
    CounselNoteEditIn,
    CounselNoteIn,
    CounselNoteOut,
    CounselPrepOut,
    CounselPreviewOut,
    CounselShareableOut,
    CounselSharedIn,
    CounselStartOut,
    CounselTemplateIn,
    CounselTemplateNameIn,
    CounselTemplateOut,
    CounselViewOut,
    FigureName,
)

router = Router(tags=["counsellor"])
COUNSELLOR = ["counsellor"]
MINE = ["my counsellor"]
NOT_A_COUNSELLOR = "That isn't there."


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _counsellor(request: HttpRequest) -> User:
    """The counsellor asking. Anyone else gets the same 404 as for a client that isn't theirs,
    before any input is looked at, so a counsellor's operations tell them nothing."""
    user = _user(request)
    if not selectors.is_counsellor(user):
        raise NotFound(NOT_A_COUNSELLOR)
    return user


# --------------------------------------------------------------------------- shapes


def _group(group: selectors.ClientGroup) -> dict[str, Any]:
    return {
        "key": group.key,
        "bond_id": group.bond_id,
        "clients": group.rows,
        "can_assign": group.can_assign,
        "paused": group.paused,
        "ended": group.ended,
    }


def _template(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "name": row.name,
        "kind": row.kind,
        "target": row.target,
        "need": row.need,
        "note": row.note,
        "habit": row.habit,
    }


def _assignment_view(
    counsellor: User, connection_id: int, assignment_id: int
) -> selectors.AssignmentView:
    for view in selectors.assignments_for(counsellor=counsellor, connection_id=connection_id):
        if view.id == assignment_id:
            return view
    raise NotFound("That isn't there.")


def _my_connection(row: selectors.MyConnection) -> dict[str, Any]:
    return {
        "id": row.id,
        "counsellor_name": row.counsellor_name,
        "practice_name": row.practice_name,
        "bond_id": row.bond_id,
        "other_name": row.other_name,
        "status": row.status,
        "consented_at": row.consented_at,
        "figures": sorted(row.figures),
    }


def _shareable(row: selectors.ShareableRow) -> dict[str, Any]:
    item = row.item
    return {
        "kind": item.kind,
        "kind_label": row.kind_label,
        "id": item.id,
        "title": item.title,
        "text": item.text,
        "created_at": item.created_at,
        "bond_id": item.bond_id,
        "shared": row.shared,
    }


# --------------------------------------------------------------------------- library


@router.get("/counsel/library", response=CounselLibraryOut, tags=COUNSELLOR)
def library(request: HttpRequest) -> Any:
    """Everything a counsellor can assign: the kinds and each kind's targets."""
    _counsellor(request)
    return selectors.library()


# --------------------------------------------------------------------------- clients


@router.get("/counsel/clients", response=list[CounselClientGroupOut], tags=COUNSELLOR)
def client_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Your clients, grouped by bond: active and pending first, then ended."""
    counsellor = _counsellor(request)
    return [_group(g) for g in selectors.clients_for(counsellor=counsellor)]


@router.get("/counsel/clients/{int:connection_id}", response=CounselClientGroupOut, tags=COUNSELLOR)
def client_get(request: HttpRequest, connection_id: int) -> dict[str, Any]:
    counsellor = _counsellor(request)
    return _group(selectors.client_group(counsellor=counsellor, connection_id=connection_id))


@router.post("/counsel/clients/{int:connection_id}/end", response={204: None}, tags=COUNSELLOR)
def client_end(request: HttpRequest, connection_id: int) -> tuple[int, None]:
    """End this connection; everything the client shared stops showing at once."""
    services.connection_end(counsellor=_counsellor(request), connection_id=connection_id)
    return 204, None


@router.get("/counsel/clients/{int:connection_id}/prep", response=CounselPrepOut, tags=COUNSELLOR)
def client_prep(request: HttpRequest, connection_id: int) -> dict[str, Any]:
    """The session-prep page as JSON: the last four weeks' completion, shared figures and
    shared items. Each shared thing shown is recorded in the client's view log."""
    counsellor = _counsellor(request)
    return services.prep_view(counsellor=counsellor, connection_id=connection_id).as_json()


# --------------------------------------------------------------------------- invites


@router.get("/counsel/invites", response=list[CounselInviteOut], tags=COUNSELLOR)
def invite_list(request: HttpRequest) -> Any:
    """Open invites: not cancelled, not expired, not used up."""
    return selectors.open_invites(counsellor=_counsellor(request))


@router.post("/counsel/invites", response={201: CounselNewInviteOut}, tags=COUNSELLOR)
def invite_create(request: HttpRequest, payload: CounselInviteIn) -> tuple[int, dict[str, Any]]:
    """A new invite by link or code, valid for 7 days; the link and code are shown only here."""
    new = services.invite_create(counsellor=_counsellor(request), kind=payload.kind)
    return 201, {
        "id": new.invite.pk,
        "kind": new.invite.kind,
        "expires_at": new.invite.expires_at,
        "link": request.build_absolute_uri(new.path),
        "code": new.code,
    }


@router.delete("/counsel/invites/{int:invite_id}", response={204: None}, tags=COUNSELLOR)
def invite_revoke(request: HttpRequest, invite_id: int) -> tuple[int, None]:
    services.invite_revoke(counsellor=_counsellor(request), invite_id=invite_id)
    return 204, None


# --------------------------------------------------------------------------- assignments


@router.get(
    "/counsel/clients/{int:connection_id}/assignments",
    response=list[CounselAssignmentOut],
    tags=COUNSELLOR,
)
def assignment_list(request: HttpRequest, connection_id: int) -> Any:
    """The group's practice from the last four weeks, with each person's progress."""
    counsellor = _counsellor(request)
    return selectors.assignments_for(counsellor=counsellor, connection_id=connection_id)


@router.post(
    "/counsel/clients/{int:connection_id}/assignments",
    response={201: CounselAssignmentOut},
    tags=COUNSELLOR,
)
def assignment_create(
    request: HttpRequest, connection_id: int, payload: CounselAssignmentIn
) -> tuple[int, Any]:
    """Assign practice for a week. 409 when a client withdrew or a bond member isn't
    connected."""
    counsellor = _counsellor(request)
    selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    made = services.assignment_create(
        counsellor=counsellor, connection_id=connection_id, **payload.dict()
    )
    return 201, _assignment_view(counsellor, connection_id, made.pk)


@router.post(
    "/counsel/clients/{int:connection_id}/assignments/from-template",
    response={201: CounselAssignmentOut},
    tags=COUNSELLOR,
)
def assignment_from_template(
    request: HttpRequest, connection_id: int, payload: CounselFromTemplateIn
) -> tuple[int, Any]:
    """The second tap: a saved template, assigned to this group for the week."""
    counsellor = _counsellor(request)
    selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    made = services.assignment_from_template(
        counsellor=counsellor,
        connection_id=connection_id,
        template_id=payload.template_id,
        week_of=payload.week_of,
    )
    return 201, _assignment_view(counsellor, connection_id, made.pk)


@router.post(
    "/counsel/assignments/{int:assignment_id}/withdraw", response={204: None}, tags=COUNSELLOR
)
def assignment_withdraw(request: HttpRequest, assignment_id: int) -> tuple[int, None]:
    """Withdraw an assignment: clients stop seeing it."""
    services.assignment_withdraw(counsellor=_counsellor(request), assignment_id=assignment_id)
    return 204, None


@router.post(
    "/counsel/assignments/{int:assignment_id}/template",
    response={201: CounselTemplateOut},
    tags=COUNSELLOR,
)
def assignment_save_template(
    request: HttpRequest, assignment_id: int, payload: CounselTemplateNameIn
) -> tuple[int, dict[str, Any]]:
    """Save one of your assignments as a template."""
    made = services.template_from_assignment(
        counsellor=_counsellor(request), assignment_id=assignment_id, name=payload.name
    )
    return 201, _template(made)


# --------------------------------------------------------------------------- templates


@router.get("/counsel/templates", response=list[CounselTemplateOut], tags=COUNSELLOR)
def template_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_template(t) for t in selectors.templates_for(counsellor=_counsellor(request))]


@router.post("/counsel/templates", response={201: CounselTemplateOut}, tags=COUNSELLOR)
def template_create(request: HttpRequest, payload: CounselTemplateIn) -> tuple[int, dict[str, Any]]:
    made = services.template_create(counsellor=_counsellor(request), **payload.dict())
    return 201, _template(made)


@router.get("/counsel/templates/{int:template_id}", response=CounselTemplateOut, tags=COUNSELLOR)
def template_get(request: HttpRequest, template_id: int) -> dict[str, Any]:
    counsellor = _counsellor(request)
    return _template(selectors.template_get(counsellor=counsellor, template_id=template_id))


@router.put("/counsel/templates/{int:template_id}", response=CounselTemplateOut, tags=COUNSELLOR)
def template_update(
    request: HttpRequest, template_id: int, payload: CounselTemplateIn
) -> dict[str, Any]:
    counsellor = _counsellor(request)
    selectors.template_get(counsellor=counsellor, template_id=template_id)
    made = services.template_update(
        counsellor=counsellor, template_id=template_id, **payload.dict()
    )
    return _template(made)


@router.delete("/counsel/templates/{int:template_id}", response={204: None}, tags=COUNSELLOR)
def template_delete(request: HttpRequest, template_id: int) -> tuple[int, None]:
    services.template_delete(counsellor=_counsellor(request), template_id=template_id)
    return 204, None


# --------------------------------------------------------------------------- notes


@router.get(
    "/counsel/clients/{int:connection_id}/notes", response=list[CounselNoteOut], tags=COUNSELLOR
)
def note_list(request: HttpRequest, connection_id: int) -> Any:
    """Your private notes about this group's people. Clients never see them."""
    counsellor = _counsellor(request)
    return selectors.notes_for(counsellor=counsellor, connection_id=connection_id)


@router.post(
    "/counsel/clients/{int:connection_id}/notes",
    response={201: CounselNoteOut},
    tags=COUNSELLOR,
)
def note_create(
    request: HttpRequest, connection_id: int, payload: CounselNoteIn
) -> tuple[int, Any]:
    counsellor = _counsellor(request)
    selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    made = services.note_create(
        counsellor=counsellor,
        connection_id=connection_id,
        text=payload.text,
        client_id=payload.client_id,
    )
    return 201, _note(counsellor, made.pk, connection_id)


def _note(counsellor: User, note_id: int, connection_id: int | None) -> selectors.NoteRow:
    rows = (
        selectors.notes_for(counsellor=counsellor, connection_id=connection_id)
        if connection_id is not None
        else []
    )
    for row in rows:
        if row.id == note_id:
            return row
    raise NotFound("That isn't there.")


@router.get("/counsel/notes/former-clients", response=list[CounselNoteOut], tags=COUNSELLOR)
def note_former(request: HttpRequest) -> Any:
    """Notes kept about clients who erased their accounts (as the practice's setting says)."""
    return selectors.notes_former_clients(counsellor=_counsellor(request))


@router.put("/counsel/notes/{int:note_id}", response=CounselNoteOut, tags=COUNSELLOR)
def note_update(request: HttpRequest, note_id: int, payload: CounselNoteEditIn) -> Any:
    made = services.note_update(counsellor=_counsellor(request), note_id=note_id, text=payload.text)
    return {
        "id": made.pk,
        "text": made.text,
        "created_at": made.created_at,
        "updated_at": made.updated_at,
        "client_id": made.client_id,
        "client_label": made.client_label,
    }


@router.delete("/counsel/notes/{int:note_id}", response={204: None}, tags=COUNSELLOR)
def note_delete(request: HttpRequest, note_id: int) -> tuple[int, None]:
    services.note_delete(counsellor=_counsellor(request), note_id=note_id)
    return 204, None


# --------------------------------------------------------------------------- client side


@router.get("/counsel/mine", response=list[CounselMyConnectionOut], tags=MINE)
def my_connections(request: HttpRequest) -> list[dict[str, Any]]:
    """Your connections with counsellors: active and pending first, then ended."""
    return [_my_connection(c) for c in selectors.my_connections(user=_user(request))]


@router.post(
    "/counsel/mine/preview",
    response=CounselPreviewOut,
    tags=MINE,
    openapi_extra=also_answers(429),
)
def my_invite_preview(request: HttpRequest, payload: CounselCodeIn) -> Any:
    """What the counsellor of this invite will and will not see, before you consent. Every
    invite that can't be used gets the same 400, whatever the reason."""
    return selectors.invite_preview(
        user=_user(request), token=payload.token, code=payload.code, ip=client_ip(request)
    )


@router.post(
    "/counsel/mine/consent",
    response={201: CounselMyConnectionOut},
    tags=MINE,
    openapi_extra=also_answers(429),
)
def my_consent(request: HttpRequest, payload: CounselConsentIn) -> tuple[int, dict[str, Any]]:
    """Consent to a counsellor's invite (your own consent; your partner gives theirs). Every
    invite that can't be used gets the same 400, whatever the reason."""
    user = _user(request)
    made = services.connection_consent(
        user=user,
        token=payload.token,
        code=payload.code,
        ip=client_ip(request),
        bond_id=payload.bond_id,
    )
    return 201, _my_connection(selectors.my_connection(user=user, connection_id=made.pk))


@router.get("/counsel/mine/assignments", response=list[CounselMyAssignmentOut], tags=MINE)
def my_assignments(request: HttpRequest) -> Any:
    """This week's practice from your counsellors."""
    return selectors.my_assignments(user=_user(request))


@router.get(
    "/counsel/mine/assignments/{int:assignment_id}", response=CounselMyAssignmentOut, tags=MINE
)
def my_assignment(request: HttpRequest, assignment_id: int) -> Any:
    return selectors.my_assignment(user=_user(request), assignment_id=assignment_id)


@router.post(
    "/counsel/mine/assignments/{int:assignment_id}/start", response=CounselStartOut, tags=MINE
)
def my_assignment_start(request: HttpRequest, assignment_id: int) -> dict[str, str]:
    """Record that you started, and where in Heard to do it."""
    return {"url": services.progress_start(user=_user(request), assignment_id=assignment_id)}


@router.post(
    "/counsel/mine/assignments/{int:assignment_id}/done",
    response=CounselMyAssignmentOut,
    tags=MINE,
)
def my_assignment_done(request: HttpRequest, assignment_id: int, payload: CounselDoneIn) -> Any:
    """Mark it done, with an optional reflection: private unless `shared`. Again to change
    the reflection."""
    user = _user(request)
    services.progress_done(
        user=user, assignment_id=assignment_id, reflection=payload.reflection, shared=payload.shared
    )
    return selectors.my_assignment(user=user, assignment_id=assignment_id)


@router.put(
    "/counsel/mine/assignments/{int:assignment_id}/reflection-shared",
    response=CounselMyAssignmentOut,
    tags=MINE,
)
def my_reflection_share(request: HttpRequest, assignment_id: int, payload: CounselSharedIn) -> Any:
    """Show your reflection to your counsellor, or stop."""
    user = _user(request)
    services.reflection_share(user=user, assignment_id=assignment_id, shared=payload.shared)
    return selectors.my_assignment(user=user, assignment_id=assignment_id)


@router.get("/counsel/mine/views", response=list[CounselViewOut], tags=MINE)
def my_view_log(request: HttpRequest) -> Any:
    """When your counsellors looked at what you shared."""
    return selectors.view_log(user=_user(request))


@router.get("/counsel/mine/{int:connection_id}", response=CounselMyConnectionOut, tags=MINE)
def my_connection(request: HttpRequest, connection_id: int) -> dict[str, Any]:
    return _my_connection(selectors.my_connection(user=_user(request), connection_id=connection_id))


@router.post("/counsel/mine/{int:connection_id}/withdraw", response={204: None}, tags=MINE)
def my_withdraw(request: HttpRequest, connection_id: int) -> tuple[int, None]:
    """End this connection, at once: the counsellor sees only that it ended."""
    services.connection_withdraw(user=_user(request), connection_id=connection_id)
    return 204, None


@router.put(
    "/counsel/mine/{int:connection_id}/figures/{kind}",
    response=CounselMyConnectionOut,
    tags=MINE,
)
def my_figures_share(request: HttpRequest, connection_id: int, kind: FigureName) -> Any:
    """Share your check-up scores, check-in ratings, or (if you paused a bond's shared
    exercises) the word "paused" with this counsellor."""
    user = _user(request)
    services.figure_share(user=user, connection_id=connection_id, kind=kind, shared=True)
    return _my_connection(selectors.my_connection(user=user, connection_id=connection_id))


@router.delete(
    "/counsel/mine/{int:connection_id}/figures/{kind}",
    response=CounselMyConnectionOut,
    tags=MINE,
)
def my_figures_unshare(request: HttpRequest, connection_id: int, kind: FigureName) -> Any:
    user = _user(request)
    services.figure_share(user=user, connection_id=connection_id, kind=kind, shared=False)
    return _my_connection(selectors.my_connection(user=user, connection_id=connection_id))


@router.get(
    "/counsel/mine/{int:connection_id}/items", response=list[CounselShareableOut], tags=MINE
)
def my_items(request: HttpRequest, connection_id: int) -> list[dict[str, Any]]:
    """Your own words from the last eight weeks that you may share, each marked shared or not."""
    rows = selectors.shareable_items(user=_user(request), connection_id=connection_id)
    return [_shareable(r) for r in rows]


@router.get("/counsel/mine/{int:connection_id}/views", response=list[CounselViewOut], tags=MINE)
def my_connection_views(request: HttpRequest, connection_id: int) -> Any:
    return selectors.view_log(user=_user(request), connection_id=connection_id)


@router.put(
    "/counsel/mine/{int:connection_id}/items/{kind}/{int:item_id}",
    response={204: None},
    tags=MINE,
)
def my_item_share(
    request: HttpRequest, connection_id: int, kind: str, item_id: int
) -> tuple[int, None]:
    """Share this one item with the counsellor, until you unshare it."""
    services.item_share(
        user=_user(request), connection_id=connection_id, kind=kind, item_id=item_id
    )
    return 204, None


@router.delete(
    "/counsel/mine/{int:connection_id}/items/{kind}/{int:item_id}",
    response={204: None},
    tags=MINE,
)
def my_item_unshare(
    request: HttpRequest, connection_id: int, kind: str, item_id: int
) -> tuple[int, None]:
    """Stop sharing it, at once."""
    services.item_unshare(
        user=_user(request), connection_id=connection_id, kind=kind, item_id=item_id
    )
    return 204, None
