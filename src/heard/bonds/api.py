from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict, Field, model_validator

from heard.api_errors import also_answers
from heard.bonds import selectors, services
from heard.bonds.selectors import BondView
from heard.core.http import client_ip
from heard.core.schemas import InputSchema

router = Router(tags=["bonds"])


class PersonOut(Schema):
    username: str


class BondOut(Schema):
    id: int
    kind: str
    since: datetime
    other: PersonOut


class InviteIn(InputSchema):
    kind: Literal["partner", "friend", "family"]


class InviteOut(Schema):
    id: int
    kind: str
    expires_at: datetime


class NewInviteOut(InviteOut):
    link: str
    code: str


CODE_PATTERN = "[A-Za-z0-9]"  # a code is read as its letters and digits (normalise_code)


class AcceptIn(InputSchema):
    """The token from an invite link, or the short code; one of them is needed."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["token"], "properties": {"token": {"minLength": 1}}},
                {"required": ["code"], "properties": {"code": {"pattern": CODE_PATTERN}}},
            ]
        }
    )

    token: str = Field("", max_length=200)
    code: str = Field(
        "", max_length=20, description="Like ABCD-2345; case and dashes don't matter."
    )

    @model_validator(mode="after")
    def _token_or_code(self) -> AcceptIn:
        if not self.token and not re.search(CODE_PATTERN, self.code):
            raise ValueError("Send the invite's token (from the link) or its code.")
        return self


def _bond_out(view: BondView) -> dict[str, object]:
    return {
        "id": view.bond.pk,
        "kind": view.bond.kind,
        "since": view.bond.created_at,
        "other": {"username": view.other.username},
    }


@router.get("", response=list[BondOut])
def bond_list(request: HttpRequest) -> list[dict[str, object]]:
    return [_bond_out(v) for v in selectors.bonds_for(user=request.user)]  # type: ignore[arg-type]


@router.get("/invites", response=list[InviteOut])
def invite_list(request: HttpRequest) -> object:
    return list(selectors.open_invites_for(user=request.user))  # type: ignore[arg-type]


@router.post("/invites", response={201: NewInviteOut})
def invite_create(request: HttpRequest, payload: InviteIn) -> tuple[int, dict[str, object]]:
    new = services.bond_invite(inviter=request.user, kind=payload.kind)  # type: ignore[arg-type]
    return 201, {
        "id": new.invite.pk,
        "kind": new.invite.kind,
        "expires_at": new.invite.expires_at,
        "link": request.build_absolute_uri(new.path),
        "code": new.code,
    }


@router.delete("/invites/{int:invite_id}", response={204: None})
def invite_cancel(request: HttpRequest, invite_id: int) -> tuple[int, None]:
    services.invite_revoke(invite_id=invite_id, user=request.user)  # type: ignore[arg-type]
    return 204, None


@router.post("/invites/accept", response={201: BondOut}, openapi_extra=also_answers(410, 429))
def invite_accept(request: HttpRequest, payload: AcceptIn) -> tuple[int, dict[str, object]]:
    invite = services.invite_lookup(
        user=request.user,  # type: ignore[arg-type]
        ip=client_ip(request),
        token=payload.token,
        code=payload.code,
    )
    bond = services.invite_accept(invite=invite, user=request.user)  # type: ignore[arg-type]
    view = selectors.bond_for_member(user=request.user, bond_id=bond.pk)  # type: ignore[arg-type]
    return 201, _bond_out(view)


@router.get("/{int:bond_id}", response=BondOut)
def bond_detail(request: HttpRequest, bond_id: int) -> dict[str, object]:
    return _bond_out(selectors.bond_for_member(user=request.user, bond_id=bond_id))  # type: ignore[arg-type]


@router.post("/{int:bond_id}/leave", response={204: None})
def bond_leave(request: HttpRequest, bond_id: int) -> tuple[int, None]:
    view = selectors.bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    services.bond_leave(bond=view.bond, user=request.user)  # type: ignore[arg-type]
    return 204, None
