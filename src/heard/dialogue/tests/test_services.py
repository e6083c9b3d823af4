"""The dialogue's state machine: the happy path, the correction loop, and every refusal."""

from __future__ import annotations

import pytest

from heard.core.errors import Conflict, DomainError
from heard.core.models import Notice
from heard.dialogue import selectors, services
from heard.dialogue.models import Draft, Rating, State, Turn
from heard.dialogue.tests.helpers import EMPATHIZE, MIRROR, SHARE, VALIDATE, to_state
from heard.safety.models import SafetyEvent

pytestmark = pytest.mark.django_db

RISKY = "I can't go on. I want to end it all tonight."


def test_it_walks_a_whole_round_and_swaps_roles(dialogue, alice, bob):
    d = to_state(dialogue, State.DONE)
    assert [t.step for t in selectors.turns_for(dialogue=d)] == [
        "share",
        "mirror",
        "confirm",
        "validate",
        "empathize",
    ]
    rating = Rating.objects.get(dialogue=d)
    assert (rating.rater, rating.listener, rating.felt_heard) == (alice, bob, 4)
    services.roles_swap(dialogue=d, actor=bob)
    d.refresh_from_db()
    assert (d.speaker, d.listener, d.round, d.state, d.need) == (bob, alice, 2, "choosing_need", "")


def test_it_loops_back_to_mirroring_when_the_speaker_corrects(dialogue, alice, bob):
    d = to_state(dialogue, State.CONFIRMING)
    sent = services.mirror_correct(dialogue=d, actor=alice, text="Also, I felt nobody noticed.")
    assert sent.sent
    d.refresh_from_db()
    assert d.state == State.MIRRORING
    assert "nobody noticed" in selectors.shared_text(dialogue=d)
    assert SHARE in selectors.shared_text(dialogue=d)
    services.listener_send(dialogue=d, actor=bob, step="mirror", text=MIRROR)
    d.refresh_from_db()
    assert d.state == State.CONFIRMING


def test_it_lets_the_speaker_share_in_parts(dialogue, alice):
    d = to_state(dialogue, State.SHARING)
    services.share_send(dialogue=d, actor=alice, text="First part of it.", more=True)
    d.refresh_from_db()
    assert d.state == State.SHARING
    services.share_send(dialogue=d, actor=alice, text="And the second part.", more=True)
    services.share_finish(dialogue=d, actor=alice)
    d.refresh_from_db()
    assert d.state == State.MIRRORING
    assert selectors.shared_text(dialogue=d) == "First part of it.\nAnd the second part."


def test_it_refuses_finishing_a_share_that_never_started(dialogue, alice):
    d = to_state(dialogue, State.SHARING)
    with pytest.raises(DomainError, match="Share something first"):
        services.share_finish(dialogue=d, actor=alice)


def test_it_refuses_the_listener_sharing(dialogue, bob):
    d = to_state(dialogue, State.SHARING)
    with pytest.raises(DomainError, match="It's alice's turn to share"):
        services.share_send(dialogue=d, actor=bob, text="My turn!")
    assert not Turn.objects.exists()


def test_it_refuses_the_speaker_mirroring_or_choosing_for_the_listener(dialogue, alice, bob):
    with pytest.raises(DomainError, match="alice's turn"):
        services.need_choose(dialogue=dialogue, actor=bob, need="listen")
    d = to_state(dialogue, State.MIRRORING)
    with pytest.raises(DomainError, match="bob's turn to say back"):
        services.listener_send(dialogue=d, actor=alice, step="mirror", text=MIRROR)


@pytest.mark.parametrize(
    "state, call",
    [
        ("choosing_need", lambda d, a, b: services.share_send(dialogue=d, actor=a, text=SHARE)),
        (
            "sharing",
            lambda d, a, b: services.listener_send(dialogue=d, actor=b, step="mirror", text=MIRROR),
        ),
        ("mirroring", lambda d, a, b: services.mirror_confirm(dialogue=d, actor=a)),
        (
            "confirming",
            lambda d, a, b: services.listener_send(
                dialogue=d, actor=b, step="validate", text=VALIDATE
            ),
        ),
        (
            "validating",
            lambda d, a, b: services.listener_send(
                dialogue=d, actor=b, step="empathize", text=EMPATHIZE
            ),
        ),
        ("empathizing", lambda d, a, b: services.rating_submit(dialogue=d, actor=a, felt_heard=5)),
        ("rating", lambda d, a, b: services.roles_swap(dialogue=d, actor=a)),
        ("done", lambda d, a, b: services.rating_submit(dialogue=d, actor=a, felt_heard=5)),
        ("done", lambda d, a, b: services.need_choose(dialogue=d, actor=a, need="listen")),
    ],
)
def test_it_refuses_steps_out_of_order(dialogue, alice, bob, state, call):
    d = to_state(dialogue, state)
    version = d.version
    with pytest.raises(Conflict):
        call(d, alice, bob)
    d.refresh_from_db()
    assert (d.state, d.version) == (state, version)


def test_it_refuses_bad_input_with_a_clear_message(dialogue, alice, bob):
    with pytest.raises(DomainError, match="to be heard, to be comforted, or ideas"):
        services.need_choose(dialogue=dialogue, actor=alice, need="lecture")
    d = to_state(dialogue, State.SHARING)
    with pytest.raises(DomainError, match="Write what's on your mind"):
        services.share_send(dialogue=d, actor=alice, text="   ")
    with pytest.raises(DomainError, match="under 4000"):
        services.share_send(dialogue=d, actor=alice, text="x" * 4001)
    d = to_state(d, State.MIRRORING)
    with pytest.raises(DomainError, match="mirror, validate, empathize and ideas"):
        services.listener_send(dialogue=d, actor=bob, step="share", text="hi")
    d = to_state(d, State.RATING)
    for bad in (0, 6, "5"):
        with pytest.raises(DomainError, match="from 1"):
            services.rating_submit(dialogue=d, actor=alice, felt_heard=bad)  # type: ignore[arg-type]


def test_it_refuses_someone_outside_the_dialogue(dialogue, carol):
    with pytest.raises(DomainError, match="Only the two people"):
        services.need_choose(dialogue=dialogue, actor=carol, need="listen")
    with pytest.raises(DomainError):
        services.draft_save(dialogue=dialogue, actor=carol, text="hello")
    with pytest.raises(DomainError):
        services.dialogue_pause(dialogue=dialogue, actor=carol)


def test_it_allows_one_open_dialogue_per_bond(dialogue, screened, alice, bob):
    with pytest.raises(Conflict, match="already have a dialogue going"):
        services.dialogue_start(bond=screened, starter=bob, other=alice, mode="apart")
    to_state(dialogue, State.DONE)
    again = services.dialogue_start(bond=screened, starter=bob, other=alice, mode="together")
    assert again.speaker == bob


def test_it_refuses_an_unknown_mode(screened, alice, bob):
    with pytest.raises(DomainError, match="together on one device, or apart"):
        services.dialogue_start(bond=screened, starter=alice, other=bob, mode="telepathy")


def test_a_paused_dialogue_takes_no_steps_but_keeps_drafts(dialogue, alice, bob):
    d = to_state(dialogue, State.SHARING)
    services.dialogue_pause(dialogue=d, actor=bob)
    with pytest.raises(Conflict, match="paused"):
        services.share_send(dialogue=d, actor=alice, text=SHARE)
    with pytest.raises(Conflict, match="already paused"):
        services.dialogue_pause(dialogue=d, actor=alice)
    services.draft_save(dialogue=d, actor=alice, text="Half a thought")
    services.dialogue_resume(dialogue=d, actor=alice)
    assert selectors.draft_for(dialogue=d, author=alice).text == "Half a thought"
    services.share_send(dialogue=d, actor=alice, text=SHARE)
    assert selectors.draft_for(dialogue=d, author=alice) is None
    with pytest.raises(Conflict, match="isn't paused"):
        services.dialogue_resume(dialogue=d, actor=alice)


def test_together_mode_lets_either_member_act_for_the_role(together, alice, bob):
    # On one shared device, alice's session types bob's mirror; it is recorded as bob's.
    d = to_state(together, State.SHARING)
    services.share_send(dialogue=d, actor=alice, text=SHARE)
    services.listener_send(dialogue=d, actor=alice, step="mirror", text=MIRROR)
    assert Turn.objects.get(step="mirror").author == bob
    services.draft_save(dialogue=d, actor=alice, text="Close, but")
    assert Draft.objects.get().author == alice  # the speaker's turn now: alice's draft
    assert not Notice.objects.filter(kind__startswith="dialogue").exists()


def test_apart_mode_tells_the_next_person_without_quoting_anyone(dialogue, alice, bob):
    to_state(dialogue, State.MIRRORING)
    notice = Notice.objects.get(user=bob, kind="dialogue_turn")
    assert notice.text == "Your turn in the listening dialogue with alice."
    assert "relentless" not in notice.text
    services.listener_send(dialogue=dialogue, actor=bob, step="mirror", text=MIRROR)
    assert not Notice.objects.filter(user=bob, kind="dialogue_turn").exists()
    assert Notice.objects.get(user=alice, kind="dialogue_turn").url == f"/talk/d/{dialogue.pk}/"


def test_it_keeps_a_risky_share_as_a_private_draft_until_the_writer_chooses(dialogue, alice, bob):
    d = to_state(dialogue, State.SHARING)
    sent = services.share_send(dialogue=d, actor=alice, text=RISKY)
    assert not sent.sent and sent.check.is_risk
    d.refresh_from_db()
    assert d.state == State.SHARING
    assert not Turn.objects.exists()
    assert selectors.draft_for(dialogue=d, author=alice).text == RISKY
    assert SafetyEvent.objects.filter(user=alice).count() == 1
    assert not SafetyEvent.objects.filter(user=bob).exists()
    assert not Notice.objects.filter(user=bob, kind="dialogue_turn").exists()
    anyway = services.share_send(dialogue=d, actor=alice, text=RISKY, share_anyway=True)
    assert anyway.sent
    assert SafetyEvent.objects.filter(user=alice).count() == 1  # not logged twice
    assert Turn.objects.get().text == RISKY


def test_drafts_log_a_safety_event_once_not_per_keystroke(dialogue, alice):
    to_state(dialogue, State.SHARING)
    for end in ("tonight", "tonight.", "tonight. I"):
        _, check = services.draft_save(dialogue=dialogue, actor=alice, text=RISKY[:-9] + end)
        assert check.is_risk
    assert SafetyEvent.objects.filter(user=alice).count() == 1


def test_a_late_autosave_of_what_was_just_sent_is_not_a_new_draft(dialogue, alice):
    d = to_state(dialogue, State.SHARING)
    services.share_send(dialogue=d, actor=alice, text=SHARE)
    services.draft_save(dialogue=d, actor=alice, text=SHARE)
    assert selectors.draft_for(dialogue=d, author=alice) is None


def test_the_coach_summary_keeps_labels_and_score_only(dialogue, bob):
    d = to_state(dialogue, State.MIRRORING)
    services.listener_send(
        dialogue=d,
        actor=bob,
        step="mirror",
        text=MIRROR,
        coach_summary={"labels": ["reflection"], "score": 70, "text": MIRROR},
    )
    assert Turn.objects.get(step="mirror").coach_summary == {"labels": ["reflection"], "score": 70}


def test_it_adds_an_ideas_step_when_the_speaker_asked_for_ideas(dialogue, alice, bob):
    d = to_state(dialogue, State.EMPATHIZING, need="ideas")
    services.listener_send(dialogue=d, actor=bob, step="empathize", text=EMPATHIZE)
    d.refresh_from_db()
    assert d.state == State.IDEAS
    assert selectors.status_for(dialogue=d, viewer=bob).text == "Your turn to offer an idea or two."
    services.listener_send(dialogue=d, actor=bob, step="ideas", text="Maybe ask for Fridays off?")
    d.refresh_from_db()
    assert d.state == State.RATING
    assert [t.step for t in selectors.turns_for(dialogue=d)][-1] == "ideas"


def test_it_has_no_ideas_step_when_they_wanted_to_be_heard(dialogue, bob):
    d = to_state(dialogue, State.RATING, need="listen")
    assert d.state == State.RATING
    with pytest.raises(Conflict):
        services.listener_send(dialogue=d, actor=bob, step="ideas", text="Try this.")


def test_it_speaks_to_you_in_the_second_person(dialogue, alice, bob):
    assert selectors.status_for(dialogue=dialogue, viewer=alice).text == (
        "Your turn to choose what you need."
    )
    d = to_state(dialogue, State.MIRRORING)
    assert (
        selectors.status_for(dialogue=d, viewer=bob).text == "Your turn to say back what you heard."
    )
    assert selectors.status_for(dialogue=d, viewer=alice).text == (
        "Waiting for bob to say back what they heard."
    )
    d = to_state(d, State.RATING)
    assert (
        selectors.status_for(dialogue=d, viewer=alice).text
        == "Your turn to say how heard you felt."
    )


OPEN_STATES = [s for s in State if s not in (State.DONE, State.IDEAS)]


@pytest.mark.parametrize("state", [*OPEN_STATES, State.IDEAS])
def test_either_person_can_end_the_dialogue_mid_round(dialogue, alice, bob, state):
    if state == State.IDEAS:
        d = to_state(dialogue, State.EMPATHIZING, need="ideas")
        services.listener_send(dialogue=d, actor=bob, step="empathize", text=EMPATHIZE)
        d.refresh_from_db()
    else:
        d = to_state(dialogue, state)
    assert d.state == state
    services.dialogue_end(dialogue=d, actor=bob)
    d.refresh_from_db()
    assert d.state == State.DONE and d.ended_by == bob
    assert selectors.status_for(dialogue=d, viewer=alice).text == "bob ended this dialogue."
    assert selectors.status_for(dialogue=d, viewer=bob).text == "You ended this dialogue."
    with pytest.raises(Conflict):
        services.roles_swap(dialogue=d, actor=alice)
    with pytest.raises(Conflict):
        services.dialogue_end(dialogue=d, actor=alice)
    # A new dialogue can start straight away.
    services.dialogue_start(bond=d.bond, starter=alice, other=bob, mode="apart")


@pytest.mark.parametrize("state", OPEN_STATES)
def test_the_speaker_can_end_it_too_and_a_paused_one_can_be_ended(dialogue, alice, bob, state):
    d = to_state(dialogue, state)
    services.dialogue_pause(dialogue=d, actor=bob)
    services.dialogue_end(dialogue=d, actor=alice)
    d.refresh_from_db()
    assert d.state == State.DONE and d.ended_by == alice and not d.is_paused
