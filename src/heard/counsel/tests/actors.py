"""A world with every actor SECURITY.md promise 1 names, for the access matrix and the API
tests: two clients in a bond with their counsellor, that counsellor's practice, what the
clients wrote (some shared item by item, most not), an ex-partner, another bond with its
own counsellor, a counsellor the owner sees alone without sharing, and a former counsellor
the owner withdrew from.

Everything is made through the real services, as a person would."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from heard.accounts.services import user_signup
from heard.bonds.services import bond_invite, bond_leave, invite_accept
from heard.counsel import selectors, services
from heard.safety.services import safety_check_text, screening_submit

PASSWORD = "correct horse battery"
CRISIS = "I want to kill myself"
_serial = itertools.count()


def person(username: str) -> Any:
    return user_signup(username=username, password=PASSWORD)


def counsellor(username: str, practice: str = "Harbour Counselling") -> Any:
    profile = services.counsellor_add(username=username, practice_name=practice, password=PASSWORD)
    return profile.user


def partners(a: Any, b: Any, kind: str = "partner") -> Any:
    bond = invite_accept(invite=bond_invite(inviter=a, kind=kind).invite, user=b)
    for member in (a, b):
        screening_submit(user=member, bond=bond, answers={})
    return bond


def connect(counsellor: Any, people: list[Any], bond: Any = None) -> list[Any]:
    """A new invite from the counsellor, and each person's own consent with its token."""
    new = services.invite_create(counsellor=counsellor, kind="bond" if bond else "person")
    return [
        services.connection_consent(
            user=who, token=new.token, bond_id=bond.pk if bond is not None else None
        )
        for who in people
    ]


def client_for(user: Any) -> Client:
    browser = Client(raise_request_exception=False)
    if user is not None:
        browser.force_login(user)
    return browser


def canary(tag: str) -> str:
    return f"cnry{tag}{next(_serial)}zq"


def item_with(user: Any, connection_id: int, text: str) -> Any:
    """The person's own shareable item holding ``text`` (ShareableItem)."""
    for row in selectors.shareable_items(user=user, connection_id=connection_id):
        if text in row.item.text or text in row.item.title:
            return row.item
    raise AssertionError(f"no shareable item holds {text}")


def items_of_kind(user: Any, connection_id: int, fragment: str) -> list[Any]:
    return [
        row.item
        for row in selectors.shareable_items(user=user, connection_id=connection_id)
        if fragment in row.item.kind
    ]


def write_appreciation(user: Any, bond: Any, text: str) -> None:
    from heard.together.services import appreciation_send

    appreciation_send(user=user, bond_id=bond.pk, text=f"thank you {text}")


def write_checkin(user: Any, text: str) -> None:
    from heard.daily.services import checkin_submit

    checkin_submit(user=user, feeling="calm", ratings={}, note=text)


def write_answer(user: Any, bond: Any, text: str) -> None:
    from heard.prompts.services import answer_submit, exchange_today

    answer_submit(exchange=exchange_today(bond=bond, user=user), author=user, text=text)


def detect(user: Any) -> None:
    """A safety detection: only its fact is kept, never the text."""
    safety_check_text(user=user, text=CRISIS, source="safety_check")


@dataclass
class World:
    users: dict[str, Any]
    bond: Any
    old_bond: Any
    other_bond: Any
    conn: Any  # alice's connection with cora (for the bond)
    bob_conn: Any
    cleo_conn: Any  # alice alone with cleo, nothing shared
    fern_conn: Any  # alice alone with fern, ended by alice after sharing
    olga_conn: Any  # carol alone with olga
    assignment: Any
    template: Any
    note: Any
    invite: Any
    shared_item: Any  # alice's item shared with cora
    # text -> who may see it in a counsel page or API answer (its writer always may)
    canaries: dict[str, set[str]] = field(default_factory=dict)

    def forbidden_for(self, actor: str) -> list[str]:
        return [text for text, allowed in self.canaries.items() if actor not in allowed]


def build_world() -> World:
    users = {name: person(name) for name in ("alice", "bob", "dave", "carol", "erin")}
    for name in ("cora", "cleo", "olga", "fern"):
        users[name] = counsellor(name)
    alice, bob, carol = users["alice"], users["bob"], users["carol"]
    cora, cleo, olga, fern = users["cora"], users["cleo"], users["olga"], users["fern"]

    bond = partners(alice, bob)
    old_bond = partners(alice, users["dave"], kind="friend")
    bond_leave(bond=old_bond, user=alice)
    other_bond = partners(carol, users["erin"], kind="friend")
    canaries: dict[str, set[str]] = {}

    # Alice with a former counsellor: shares an answer and her figures, then withdraws.
    (fern_conn,) = connect(fern, [alice])
    for_fern = canary("fern")
    write_answer(alice, bond, for_fern)
    canaries[for_fern] = {"alice"}
    item = item_with(alice, fern_conn.pk, for_fern)
    services.item_share(user=alice, connection_id=fern_conn.pk, kind=item.kind, item_id=item.id)
    services.figure_share(user=alice, connection_id=fern_conn.pk, kind="checkup", shared=True)
    services.connection_withdraw(user=alice, connection_id=fern_conn.pk)

    # The bond with cora.
    conn, bob_conn = connect(cora, [alice, bob], bond=bond)
    (cleo_conn,) = connect(cleo, [alice])
    (olga_conn,) = connect(olga, [carol])

    shared = canary("shared")
    write_checkin(alice, shared)
    canaries[shared] = {"alice", "cora"}
    shared_item = item_with(alice, conn.pk, shared)
    services.item_share(
        user=alice, connection_id=conn.pk, kind=shared_item.kind, item_id=shared_item.id
    )
    services.figure_share(user=alice, connection_id=conn.pk, kind="checkin", shared=True)

    unshared = canary("unshared")
    write_appreciation(alice, bond, unshared)
    canaries[unshared] = {"alice"}
    carols = canary("carol")
    write_checkin(carol, carols)
    canaries[carols] = {"carol"}
    detect(alice)
    # What a detection and a screening answer look like to a counsellor, were they shared.
    canaries["Heard noticed words about"] = {"alice"}
    canaries["You answered no to every question"] = {"alice", "bob", "carol", "dave", "erin"}

    assignment = services.assignment_create(
        counsellor=cora, connection_id=conn.pk, kind="say_it", note="Before dinner"
    )
    private = canary("private")
    services.progress_done(user=alice, assignment_id=assignment.pk, reflection=private)
    canaries[private] = {"alice"}
    open_to_cora = canary("bobshared")
    services.progress_done(
        user=bob, assignment_id=assignment.pk, reflection=open_to_cora, shared=True
    )
    canaries[open_to_cora] = {"bob", "cora"}

    template = services.template_create(counsellor=cora, name="Weekly check-up", kind="checkup")
    about = canary("note")
    note = services.note_create(counsellor=cora, connection_id=conn.pk, text=about)
    canaries[about] = {"cora"}
    invite = services.invite_create(counsellor=cora, kind="person").invite
    return World(
        users=users,
        bond=bond,
        old_bond=old_bond,
        other_bond=other_bond,
        conn=conn,
        bob_conn=bob_conn,
        cleo_conn=cleo_conn,
        fern_conn=fern_conn,
        olga_conn=olga_conn,
        assignment=assignment,
        template=template,
        note=note,
        invite=invite,
        shared_item=shared_item,
        canaries=canaries,
    )
