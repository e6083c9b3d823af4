"""Counsel fixtures: a counsellor (dana), the alice+bob bond connected to her, and a
second counsellor (erin) who has nothing to do with them."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def dana(make_user: Any) -> Any:
    from heard.counsel.services import counsellor_mark

    user = make_user("dana")
    counsellor_mark(user=user, practice_name="Willow Practice")
    return user


@pytest.fixture
def erin(make_user: Any) -> Any:
    from heard.counsel.services import counsellor_mark

    user = make_user("erin")
    counsellor_mark(user=user)
    return user


@pytest.fixture
def connected(dana: Any, alice: Any, bob: Any, ready_bond: Any) -> Any:
    """Both alice and bob consented to dana for their bond. Returns (alice's, bob's)."""
    from heard.counsel.services import connection_consent, invite_create

    new = invite_create(counsellor=dana, kind="bond")
    first = connection_consent(user=alice, token=new.token)
    second = connection_consent(user=bob, code=new.code)
    first.refresh_from_db()
    return first, second
