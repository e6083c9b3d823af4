"""Counsellor mode's rules, through its services and selectors."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from heard.core.errors import Conflict, DomainError, NotFound, TooManyRequests
from heard.counsel import selectors, services
from heard.counsel.models import (
    AssignmentProgress,
    Connection,
    CounselInvite,
    CounsellorNote,
    FigureShare,
    ItemShare,
    ViewLog,
)
from heard.counsel.services import INVITE_UNUSABLE

pytestmark = pytest.mark.django_db

CANARY = "canary-answer-8f3k"


def _answer(user: Any, bond: Any, text: str = CANARY) -> int:
    from heard.prompts.models import Answer, Exchange

    exchange = Exchange.objects.create(bond=bond, prompt_id="x", depth=1, day=timezone.localdate())
    return Answer.objects.create(
        exchange=exchange, author=user, text=text, submitted_at=timezone.now()
    ).pk


def _unusable(call: Any) -> None:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.message == INVITE_UNUSABLE
    assert caught.value.status == 400


# --------------------------------------------------------------------------- consent


def test_consent_is_per_person_and_the_bond_needs_both(dana, alice, bob, ready_bond):
    new = services.invite_create(counsellor=dana, kind="bond")
    first = services.connection_consent(user=alice, token=new.token)
    assert first.status == "pending" and first.bond_id == ready_bond.pk
    group = selectors.client_group(counsellor=dana, connection_id=first.pk)
    assert not group.can_assign
    with pytest.raises(Conflict):
        services.assignment_create(counsellor=dana, connection_id=first.pk, kind="say_it")
    # Bob's consent is his own; only then can the bond get practice.
    services.connection_consent(user=bob, code=new.code.lower().replace("-", " "))
    group = selectors.client_group(counsellor=dana, connection_id=first.pk)
    assert group.can_assign and {r.status for r in group.rows} == {"active"}
    assert {r.name for r in group.rows} == {"alice", "bob"}


def test_the_preview_says_what_will_and_will_not_be_seen(dana, alice, ready_bond):
    new = services.invite_create(counsellor=dana, kind="bond")
    preview = selectors.invite_preview(user=alice, token=new.token)
    assert preview.practice_name == "Willow Practice" and preview.kind == "bond"
    assert [c.id for c in preview.bond_choices] == [ready_bond.pk]
    seen = " ".join(preview.will_see).lower()
    unseen = " ".join(preview.will_not_see).lower()
    assert "log" in seen and "only if you choose" in seen
    assert "answers" in unseen and "safety" in unseen and "other person" in unseen
    # Previewing is not consenting.
    assert not Connection.objects.exists()


def test_expired_revoked_reused_and_wrong_bond_invites_get_one_neutral_error(
    dana, erin, alice, bob, carol, make_user, ready_bond
):
    from heard.bonds.services import bond_invite, invite_accept

    expired = services.invite_create(counsellor=dana, kind="person")
    CounselInvite.objects.filter(pk=expired.invite.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    _unusable(lambda: services.connection_consent(user=carol, token=expired.token))

    revoked = services.invite_create(counsellor=dana, kind="person")
    services.invite_revoke(counsellor=dana, invite_id=revoked.invite.pk)
    _unusable(lambda: services.connection_consent(user=carol, code=revoked.code))

    once = services.invite_create(counsellor=dana, kind="person")
    connection = services.connection_consent(user=carol, token=once.token)
    services.connection_withdraw(user=carol, connection_id=connection.pk)
    _unusable(lambda: services.connection_consent(user=carol, token=once.token))  # reused
    frank = make_user("frank")
    _unusable(lambda: services.connection_consent(user=frank, token=once.token))  # used up

    # A bond invite tied to alice+bob's bond can't be used in another bond.
    couple = services.invite_create(counsellor=dana, kind="bond")
    services.connection_consent(user=alice, token=couple.token)
    gina = make_user("gina")
    invite_accept(invite=bond_invite(inviter=frank, kind="partner").invite, user=gina)
    _unusable(lambda: services.connection_consent(user=frank, token=couple.token))
    _unusable(lambda: selectors.invite_preview(user=frank, token=couple.token))
    # The counsellor's own invite, or another counsellor trying it: the same answer.
    _unusable(lambda: services.connection_consent(user=dana, token=couple.token))
    _unusable(lambda: services.connection_consent(user=erin, token=couple.token))
    # A code that matches nothing says the same.
    _unusable(lambda: services.connection_consent(user=carol, code="ZZZZ-ZZZZ"))


def test_wrong_codes_are_throttled_like_bond_invites(dana, carol, settings):
    settings.INVITE_FAILURE_LIMIT = 3
    for _ in range(3):
        _unusable(lambda: services.connection_consent(user=carol, code="ZZZZ-ZZZZ"))
    good = services.invite_create(counsellor=dana, kind="person")
    with pytest.raises(TooManyRequests):
        services.connection_consent(user=carol, token=good.token)


def test_a_counsellor_cannot_reach_someone_who_is_not_their_client(dana, erin, connected):
    alice_conn, _ = connected
    for call in (
        lambda: selectors.prep_data(counsellor=erin, connection_id=alice_conn.pk),
        lambda: services.prep_view(counsellor=erin, connection_id=alice_conn.pk),
        lambda: services.assignment_create(
            counsellor=erin, connection_id=alice_conn.pk, kind="say_it"
        ),
        lambda: services.note_create(counsellor=erin, connection_id=alice_conn.pk, text="x"),
        lambda: services.connection_end(counsellor=erin, connection_id=alice_conn.pk),
        lambda: selectors.notes_for(counsellor=erin, connection_id=alice_conn.pk),
    ):
        with pytest.raises(NotFound):
            call()
    assert selectors.clients_for(counsellor=erin) == []
    # A client can't act as a counsellor either.
    with pytest.raises(NotFound):
        selectors.prep_data(counsellor=alice_conn.client, connection_id=alice_conn.pk)


def test_one_counsellor_per_bond(dana, erin, alice, connected):
    other = services.invite_create(counsellor=erin, kind="bond")
    with pytest.raises(Conflict):
        services.connection_consent(user=alice, token=other.token)


def test_counsellors_are_not_for_bonds(dana, alice):
    from heard.bonds.services import bond_invite, invite_accept

    with pytest.raises(DomainError, match="Counsellor accounts"):
        bond_invite(inviter=dana, kind="partner")
    invite = bond_invite(inviter=alice, kind="partner").invite
    with pytest.raises(DomainError, match="Counsellor accounts"):
        invite_accept(invite=invite, user=dana)


def test_an_account_in_a_bond_cannot_be_made_a_counsellor(alice, bond):
    with pytest.raises(DomainError):
        services.counsellor_mark(user=alice)


# --------------------------------------------------------------------------- assignments


def test_assignments_are_checked_against_the_real_content(dana, connected):
    from heard.dialogue.content import scenarios
    from heard.learn.content import lessons

    conn = connected[0].pk
    lib = selectors.library()
    assert lib.prompt_themes and lib.dialogue_needs and lib.activities and lib.lessons
    for kind, target, need in [
        ("prompt", "theme:values", ""),
        ("prompt", "depth:2", ""),
        ("dialogue", "family", "listen"),
        ("scenario", scenarios()[0].id, ""),
        ("lesson", lessons()[0].id, ""),
        ("activity", lib.activities[0].value, ""),
        ("say_it", "", ""),
        ("checkup", "", ""),
    ]:
        made = services.assignment_create(
            counsellor=dana, connection_id=conn, kind=kind, target=target, need=need
        )
        assert made.week_of.weekday() == 0
    for kind, target, need in [
        ("prompt", "theme:nonsense", ""),
        ("dialogue", "family", "shout"),
        ("lesson", "no-such-lesson", ""),
        ("homework", "", ""),
    ]:
        with pytest.raises(DomainError):
            services.assignment_create(
                counsellor=dana, connection_id=conn, kind=kind, target=target, need=need
            )
    with pytest.raises(DomainError):
        services.assignment_create(
            counsellor=dana, connection_id=conn, kind="say_it", note="x" * 301
        )


def test_practice_for_a_withdrawn_client_is_a_clear_409(dana, alice, bob, connected):
    alice_conn, bob_conn = connected
    services.connection_withdraw(user=alice, connection_id=alice_conn.pk)
    for conn in (alice_conn, bob_conn):  # the bond, through either person
        with pytest.raises(Conflict) as caught:
            services.assignment_create(counsellor=dana, connection_id=conn.pk, kind="say_it")
        assert caught.value.status == 409


def test_clients_see_this_weeks_practice_start_and_finish_it(dana, alice, bob, connected):
    conn = connected[0].pk
    made = services.assignment_create(
        counsellor=dana,
        connection_id=conn,
        kind="dialogue",
        target="family",
        need="listen",
        note="Ten minutes after dinner",
        habit="After we clear the table",
    )
    mine = selectors.my_assignments(user=alice)
    assert [a.id for a in mine] == [made.pk]
    assert mine[0].state == "assigned" and mine[0].habit == "After we clear the table"
    url = services.progress_start(user=alice, assignment_id=made.pk)
    assert url == f"/talk/start/{connected[0].bond_id}/" or "start" in url
    services.progress_done(user=bob, assignment_id=made.pk, reflection="We did it", shared=False)
    view = selectors.assignments_for(counsellor=dana, connection_id=conn)[0]
    states = {p.name: p.state for p in view.progress}
    assert states == {"alice": "started", "bob": "done"}
    assert all(p.reflection is None for p in view.progress)  # not shared
    services.reflection_share(user=bob, assignment_id=made.pk, shared=True)
    view = selectors.assignments_for(counsellor=dana, connection_id=conn)[0]
    assert {p.name: p.reflection for p in view.progress}["bob"] == "We did it"
    # Withdrawn practice leaves Today.
    services.assignment_withdraw(counsellor=dana, assignment_id=made.pk)
    assert selectors.my_assignments(user=alice) == []
    with pytest.raises(NotFound):
        services.progress_start(user=alice, assignment_id=made.pk)


def test_someone_outside_the_bond_cannot_touch_its_practice(dana, carol, connected):
    made = services.assignment_create(counsellor=dana, connection_id=connected[0].pk, kind="say_it")
    assert selectors.my_assignments(user=carol) == []
    with pytest.raises(NotFound):
        services.progress_done(user=carol, assignment_id=made.pk)


def test_templates_make_assigning_two_taps(dana, erin, connected):
    template = services.template_create(
        counsellor=dana, name="Weekly check-up", kind="checkup", note="Before Thursday"
    )
    assert [t.pk for t in selectors.templates_for(counsellor=dana)] == [template.pk]
    assert selectors.templates_for(counsellor=erin) == []
    made = services.assignment_from_template(
        counsellor=dana, template_id=template.pk, connection_id=connected[1].pk
    )
    assert made.kind == "checkup" and made.note == "Before Thursday"
    saved = services.template_from_assignment(counsellor=dana, assignment_id=made.pk, name="Again")
    assert saved.kind == "checkup"
    with pytest.raises(NotFound):
        services.assignment_from_template(
            counsellor=erin, template_id=template.pk, connection_id=connected[1].pk
        )
    services.template_delete(counsellor=dana, template_id=template.pk)
    with pytest.raises(NotFound):
        selectors.template_get(counsellor=dana, template_id=template.pk)


# --------------------------------------------------------------------------- sharing


def test_only_own_items_from_the_last_8_weeks_can_be_shared(dana, alice, bob, connected):
    alice_conn = connected[0]
    mine = _answer(alice, alice_conn.bond)
    theirs = _answer(bob, alice_conn.bond, text="bob's words")
    kinds = {
        row.item.kind for row in selectors.shareable_items(user=alice, connection_id=alice_conn.pk)
    }
    assert kinds == {"prompt_answer", "screening_answer"}
    listed = selectors.shareable_items(user=alice, connection_id=alice_conn.pk)
    assert theirs not in {r.item.id for r in listed if r.item.kind == "prompt_answer"}
    with pytest.raises(NotFound):
        services.item_share(
            user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=theirs
        )
    with pytest.raises(NotFound):
        services.item_share(user=alice, connection_id=alice_conn.pk, kind="nope", item_id=mine)
    from heard.prompts.models import Answer

    Answer.objects.filter(pk=mine).update(submitted_at=timezone.now() - datetime.timedelta(weeks=9))
    with pytest.raises(NotFound):
        services.item_share(
            user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=mine
        )
    # Bob's connection is not Alice's to share into.
    with pytest.raises(NotFound):
        services.item_share(
            user=alice, connection_id=connected[1].pk, kind="prompt_answer", item_id=theirs
        )


def test_a_shared_item_shows_on_prep_until_unshared(dana, alice, connected):
    alice_conn = connected[0]
    item = _answer(alice, alice_conn.bond)
    assert CANARY not in str(
        selectors.prep_data(counsellor=dana, connection_id=alice_conn.pk).as_json()
    )
    services.item_share(user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=item)
    prep = selectors.prep_data(counsellor=dana, connection_id=alice_conn.pk)
    assert [i.item.text for i in prep.items] == [CANARY]
    services.item_unshare(
        user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=item
    )
    assert CANARY not in str(
        selectors.prep_data(counsellor=dana, connection_id=alice_conn.pk).as_json()
    )


def test_safety_detections_are_shared_only_item_by_item(dana, alice, connected, alice_client):
    from heard.safety.models import SafetyEvent

    event = SafetyEvent.objects.create(user=alice, kind="self_harm", source="test")
    other = SafetyEvent.objects.create(user=alice, kind="abuse", source="test")
    prep = selectors.prep_data(counsellor=dana, connection_id=connected[0].pk)
    assert not prep.items
    # The safety history's button shares that one detection.
    alice_client.post(f"/safety/history/{event.pk}/share/", {"shared": "yes"})
    prep = selectors.prep_data(counsellor=dana, connection_id=connected[0].pk)
    assert [(i.item.kind, i.item.id) for i in prep.items] == [("safety_detection", event.pk)]
    assert "self-harm" in prep.items[0].item.text and other.pk not in {
        i.item.id for i in prep.items
    }
    alice_client.post(f"/safety/history/{event.pk}/share/", {"shared": "no"})
    assert not selectors.prep_data(counsellor=dana, connection_id=connected[0].pk).items


def test_figures_show_only_when_shared(dana, alice, connected):
    conn = connected[0]
    prep = selectors.prep_data(counsellor=dana, connection_id=conn.pk)
    assert prep.figures == []
    services.figure_share(user=alice, connection_id=conn.pk, kind="checkin", shared=True)
    prep = selectors.prep_data(counsellor=dana, connection_id=conn.pk)
    assert [(f.name, f.kind) for f in prep.figures] == [("alice", "checkin")]
    services.figure_share(user=alice, connection_id=conn.pk, kind="checkin", shared=False)
    assert selectors.prep_data(counsellor=dana, connection_id=conn.pk).figures == []
    with pytest.raises(DomainError):
        services.figure_share(user=alice, connection_id=conn.pk, kind="answers", shared=True)


# --------------------------------------------------------------------------- withdrawal


def test_withdrawal_takes_effect_at_once(dana, alice, bob, connected):
    alice_conn, bob_conn = connected
    made = services.assignment_create(counsellor=dana, connection_id=alice_conn.pk, kind="say_it")
    item = _answer(alice, alice_conn.bond)
    services.item_share(user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=item)
    services.figure_share(user=alice, connection_id=alice_conn.pk, kind="checkup", shared=True)
    services.progress_done(
        user=alice, assignment_id=made.pk, reflection="canary-reflect", shared=True
    )
    before = selectors.prep_data(counsellor=dana, connection_id=alice_conn.pk).as_json()
    assert CANARY in str(before) and "canary-reflect" in str(before)

    services.connection_withdraw(user=alice, connection_id=alice_conn.pk)

    prep = selectors.prep_data(counsellor=dana, connection_id=alice_conn.pk)
    text = str(prep.as_json())
    assert CANARY not in text and "canary-reflect" not in text
    assert {p.name: p.status for p in prep.people} == {"alice": "ended", "bob": "active"}
    assert all(f.name != "alice" for f in prep.figures)
    assert all(p.name != "alice" for a in prep.assignments for p in a.progress)
    assert not ItemShare.objects.filter(connection=alice_conn).exists()
    assert not FigureShare.objects.filter(connection=alice_conn).exists()
    row = next(
        r for g in selectors.clients_for(counsellor=dana) for r in g.rows if r.name == "alice"
    )
    assert row.status == "ended" and row.ended_on == timezone.localdate() and row.since is None
    # Nothing of hers on Today any more; bob still sees the practice.
    assert selectors.my_assignments(user=alice) == []
    assert [a.id for a in selectors.my_assignments(user=bob)] == [made.pk]
    # When both have left, the page says only that it ended.
    services.connection_withdraw(user=bob, connection_id=bob_conn.pk)
    prep = selectors.prep_data(counsellor=dana, connection_id=alice_conn.pk)
    assert prep.ended and not prep.assignments and not prep.items and not prep.figures


def test_reconnecting_starts_with_nothing_shared(dana, alice, bob, connected):
    alice_conn = connected[0]
    item = _answer(alice, alice_conn.bond)
    services.item_share(user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=item)
    services.connection_withdraw(user=alice, connection_id=alice_conn.pk)
    again = services.invite_create(counsellor=dana, kind="bond")
    back = services.connection_consent(user=alice, token=again.token)
    assert back.pk == alice_conn.pk and back.status == "active"
    assert not selectors.prep_data(counsellor=dana, connection_id=back.pk).items


def test_the_counsellor_can_end_it_and_sees_only_ended(dana, alice, connected):
    services.connection_end(counsellor=dana, connection_id=connected[0].pk)
    mine = selectors.my_connections(user=alice)
    assert mine[0].status == "ended"
    with pytest.raises(NotFound):
        services.figure_share(
            user=alice, connection_id=connected[0].pk, kind="checkup", shared=True
        )


# --------------------------------------------------------------------------- view log


def test_every_view_of_shared_things_is_logged_for_the_client(dana, alice, bob, connected):
    alice_conn = connected[0]
    item = _answer(alice, alice_conn.bond)
    services.item_share(user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=item)
    services.figure_share(user=alice, connection_id=alice_conn.pk, kind="checkin", shared=True)
    selectors.prep_data(counsellor=dana, connection_id=alice_conn.pk)
    assert not ViewLog.objects.exists()  # the plain read records nothing
    services.prep_view(counsellor=dana, connection_id=alice_conn.pk)
    log = selectors.view_log(user=alice)
    whats = {row.what for row in log}
    assert whats == {"prep", "figures:checkin", f"item:prompt_answer:{item}"}
    labels = " ".join(row.what_label for row in log)
    assert "check-in ratings" in labels and "answer" in labels.lower()
    assert all(row.counsellor_name == "dana" for row in log)
    # Bob sees only the views of his own shares: here just the page.
    assert {row.what for row in selectors.view_log(user=bob)} == {"prep"}
    # Nobody sees another person's log.
    with pytest.raises(NotFound):
        selectors.view_log(user=bob, connection_id=alice_conn.pk)


# --------------------------------------------------------------------------- pause


def test_a_paused_bond_shows_paused_only_with_the_reporters_consent(dana, alice, bob, connected):
    from heard.safety.services import screening_submit

    alice_conn, bob_conn = connected
    made = services.assignment_create(counsellor=dana, connection_id=alice_conn.pk, kind="say_it")
    services.progress_done(user=bob, assignment_id=made.pk)  # before the pause: shown
    screening_submit(user=alice, bond=alice_conn.bond, answers={"afraid": True})
    services.progress_start(user=alice, assignment_id=made.pk)  # after: hidden
    group = selectors.client_group(counsellor=dana, connection_id=bob_conn.pk)
    prep = selectors.prep_data(counsellor=dana, connection_id=bob_conn.pk)
    assert not group.paused and not prep.paused
    assert {p.name: p.state for p in prep.assignments[0].progress} == {
        "alice": "assigned",
        "bob": "done",
    }
    assert prep.as_json()["paused"] is False
    # Bob's consent means nothing: he didn't pause it.
    services.figure_share(user=bob, connection_id=bob_conn.pk, kind="pause", shared=True)
    assert not selectors.prep_data(counsellor=dana, connection_id=bob_conn.pk).paused
    services.figure_share(user=alice, connection_id=alice_conn.pk, kind="pause", shared=True)
    prep = selectors.prep_data(counsellor=dana, connection_id=bob_conn.pk)
    assert prep.paused and selectors.client_group(counsellor=dana, connection_id=bob_conn.pk).paused
    assert {p.name: p.state for p in prep.assignments[0].progress}["alice"] == "started"


# --------------------------------------------------------------------------- notes and erase


def test_notes_are_the_counsellors_own(dana, erin, alice, connected):
    note = services.note_create(counsellor=dana, connection_id=connected[0].pk, text="canary-note")
    assert [
        n.text for n in selectors.notes_for(counsellor=dana, connection_id=connected[1].pk)
    ] == ["canary-note"]
    with pytest.raises(NotFound):
        services.note_update(counsellor=erin, note_id=note.pk, text="x")
    services.note_update(counsellor=dana, note_id=note.pk, text="changed")
    assert CounsellorNote.objects.get().text == "changed"
    with pytest.raises(DomainError):
        services.note_create(counsellor=dana, connection_id=connected[0].pk, text="  ")


@pytest.mark.parametrize("keep", [True, False])
def test_erase_removes_the_clients_counsel_data_and_keeps_notes_by_the_setting(
    dana, alice, bob, connected, settings, keep
):
    from heard.accounts.data import user_erase

    settings.COUNSEL_KEEP_NOTES_ON_ERASE = keep
    alice_conn = connected[0]
    made = services.assignment_create(counsellor=dana, connection_id=alice_conn.pk, kind="say_it")
    services.progress_done(user=alice, assignment_id=made.pk, reflection="mine", shared=True)
    item = _answer(alice, alice_conn.bond)
    services.item_share(user=alice, connection_id=alice_conn.pk, kind="prompt_answer", item_id=item)
    services.figure_share(user=alice, connection_id=alice_conn.pk, kind="checkup", shared=True)
    services.prep_view(counsellor=dana, connection_id=alice_conn.pk)
    services.note_create(counsellor=dana, connection_id=alice_conn.pk, text="about alice")

    user_erase(user=alice)

    assert not Connection.objects.filter(pk=alice_conn.pk).exists()
    assert not ItemShare.objects.exists() and not FigureShare.objects.exists()
    assert not AssignmentProgress.objects.filter(reflection="mine").exists()
    assert not ViewLog.objects.filter(connection_id=alice_conn.pk).exists()
    notes = list(CounsellorNote.objects.all())
    if keep:
        assert [(n.client_id, n.client_label, n.text) for n in notes] == [
            (None, "alice", "about alice")
        ]
        assert [n.client_label for n in selectors.notes_former_clients(counsellor=dana)] == [
            "alice"
        ]
    else:
        assert notes == []
    # The bond ended with the erase: the counsellor sees it as ended.
    groups = selectors.clients_for(counsellor=dana)
    assert [r.status for g in groups for r in g.rows] == ["ended"]


def test_removing_a_counsellor_ends_everything(dana, alice, connected):
    assert services.counsellor_remove(user=dana) == 2
    assert not selectors.is_counsellor(dana)
    assert {c.status for c in selectors.my_connections(user=alice)} == {"ended"}
    assert Connection.objects.filter(ended_by="host").count() == 2


def test_a_logged_out_preview_works_and_consent_needs_an_account(dana, client):
    from django.contrib.auth.models import AnonymousUser

    new = services.invite_create(counsellor=dana, kind="bond")
    preview = selectors.invite_preview(user=AnonymousUser(), token=new.token, ip="10.0.0.9")
    assert preview.counsellor_name == "dana" and preview.bond_choices == []
    _unusable(
        lambda: selectors.invite_preview(user=AnonymousUser(), code="ZZZZ-ZZZZ", ip="10.0.0.9")
    )
