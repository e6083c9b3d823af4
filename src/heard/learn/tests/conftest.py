"""Fixtures for Learn: a bond both people have screened, and an ex-partner."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def ready_bond(bond: Any, alice: Any, bob: Any) -> Any:
    """The alice+bob partner bond with both safety screenings answered (no pause)."""
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    return bond


@pytest.fixture
def dave(make_user: Any) -> Any:
    return make_user("dave")


@pytest.fixture
def ended_bond(alice: Any, dave: Any) -> Any:
    """A friend bond alice and dave were in; alice left it, so dave is an ex."""
    from heard.bonds.services import bond_invite, bond_leave, invite_accept
    from heard.safety.services import screening_submit

    old = invite_accept(invite=bond_invite(inviter=alice, kind="friend").invite, user=dave)
    for person in (alice, dave):
        screening_submit(user=person, bond=old, answers={})
    bond_leave(bond=old, user=alice)
    return old
