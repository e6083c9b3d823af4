"""Plans: propose, answer, time zones across DST, recurrence, look back, ratings, safety."""

from __future__ import annotations

import datetime as dt

import pytest

from heard.core.errors import Conflict, DomainError, NotFound
from heard.quality import selectors, services
from heard.quality.models import PlanStatus

pytestmark = pytest.mark.django_db
UTC = dt.UTC
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def _propose(user, bond, day, time, **extra):
    return services.plan_propose(
        user=user,
        bond_id=bond.pk,
        activity_id="weekly-coffee",
        day=day,
        time=time,
        now=NOW,
        **extra,
    )


def test_it_refuses_a_time_the_clocks_skip(alice, screened):
    with pytest.raises(DomainError, match="clocks change"):
        _propose(alice, screened, dt.date(2027, 3, 28), dt.time(1, 30))


def test_a_time_that_happens_twice_means_the_first_one(alice, screened):
    plan = _propose(alice, screened, dt.date(2027, 10, 31), dt.time(1, 30))
    assert plan.starts_at == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 01:30 BST
    assert selectors.times.shown(plan.starts_at, "Europe/London").endswith("01:30 BST")


def test_a_time_in_the_past_is_a_clear_error(alice, screened):
    with pytest.raises(DomainError, match="already passed"):
        _propose(alice, screened, dt.date(2027, 2, 1), dt.time(9, 0))


def test_each_person_sees_the_time_in_their_own_zone_across_dst(alice, bob, screened):
    # 21 March: London still on GMT, New York already on EDT (since 14 March).
    plan = _propose(alice, screened, dt.date(2027, 3, 21), dt.time(10, 0), repeat="weekly")
    assert plan.starts_at == dt.datetime(2027, 3, 21, 10, 0, tzinfo=UTC)
    after = dt.datetime(2027, 3, 22, tzinfo=UTC)
    times = selectors.occurrences(plan, start=plan.starts_at, end=after + dt.timedelta(days=14))
    # Every Sunday at 10:00 in London: after the UK change it is 09:00 UTC.
    assert times == [
        dt.datetime(2027, 3, 21, 10, 0, tzinfo=UTC),
        dt.datetime(2027, 3, 28, 9, 0, tzinfo=UTC),
        dt.datetime(2027, 4, 4, 9, 0, tzinfo=UTC),
    ]
    assert selectors.times.shown(times[0], bob.time_zone) == "Sunday 21 March, 06:00 EDT"
    assert selectors.times.shown(times[1], bob.time_zone) == "Sunday 28 March, 05:00 EDT"
    assert selectors.times.shown(times[1], alice.time_zone) == "Sunday 28 March, 10:00 BST"


def test_a_daily_plan_at_a_skipped_hour_moves_on_by_the_gap(alice, screened):
    plan = _propose(alice, screened, dt.date(2027, 3, 27), dt.time(1, 30), repeat="daily")
    second = selectors.occurrences(
        plan,
        start=plan.starts_at + dt.timedelta(hours=1),
        end=plan.starts_at + dt.timedelta(days=2),
    )[0]
    assert selectors.times.shown(second, "Europe/London") == "Sunday 28 March, 02:30 BST"


def test_the_other_person_answers_and_the_turn_passes_on_another_time(alice, bob, screened):
    plan = _propose(alice, screened, dt.date(2027, 3, 21), dt.time(10, 0))
    with pytest.raises(Conflict, match="their turn"):
        services.plan_respond(user=alice, plan_id=plan.pk, answer="accept", now=NOW)
    plan = services.plan_respond(
        user=bob, plan_id=plan.pk, answer="another_time", day=dt.date(2027, 3, 21), time=dt.time(8, 0), now=NOW
    )  # fmt: skip
    assert plan.proposed_by == bob and plan.zone == "America/New_York"
    assert plan.starts_at == dt.datetime(2027, 3, 21, 12, 0, tzinfo=UTC)
    plan = services.plan_respond(user=alice, plan_id=plan.pk, answer="accept", now=NOW)
    assert plan.status == PlanStatus.ACCEPTED
    with pytest.raises(Conflict):
        services.plan_respond(user=bob, plan_id=plan.pk, answer="not_this_week", now=NOW)


def test_not_this_week_needs_no_reason(alice, bob, screened):
    plan = _propose(alice, screened, dt.date(2027, 3, 21), dt.time(10, 0))
    plan = services.plan_respond(user=bob, plan_id=plan.pk, answer="not_this_week", now=NOW)
    assert plan.status == PlanStatus.NOT_THIS_WEEK


def test_we_did_it_we_missed_it_and_a_private_rating(alice, bob, screened):
    plan = _propose(alice, screened, dt.date(2027, 3, 21), dt.time(10, 0), repeat="weekly")
    services.plan_respond(user=bob, plan_id=plan.pk, answer="accept", now=NOW)
    later = dt.datetime(2027, 3, 29, tzinfo=UTC)
    outcome = services.plan_outcome(user=bob, plan_id=plan.pk, outcome="missed", now=later)
    assert outcome.occurs_at == dt.datetime(2027, 3, 28, 9, 0, tzinfo=UTC)
    rating = services.plan_rate(user=alice, plan_id=plan.pk, rating=8, now=later)
    assert rating.day == dt.date(2027, 3, 28)
    assert selectors.ratings_series(user=alice) == [(dt.date(2027, 3, 28), 8.0)]
    assert selectors.ratings_series(user=bob) == []
    with pytest.raises(DomainError, match="1 to 10"):
        services.plan_rate(user=alice, plan_id=plan.pk, rating=11, now=later)


def test_nothing_to_look_back_on_before_it_starts(alice, bob, screened):
    plan = _propose(alice, screened, dt.date(2027, 3, 21), dt.time(10, 0))
    services.plan_respond(user=bob, plan_id=plan.pk, answer="accept", now=NOW)
    with pytest.raises(Conflict, match="hasn't started"):
        services.plan_outcome(user=bob, plan_id=plan.pk, outcome="done", now=NOW)


def test_a_paused_bond_gets_no_joint_plans(alice, bob, screened):
    from heard.safety.services import screening_submit

    plan = _propose(alice, screened, dt.date(2027, 3, 21), dt.time(10, 0))
    screening_submit(user=alice, bond=screened, answers={"afraid": True})
    with pytest.raises(Conflict, match="paused"):
        _propose(bob, screened, dt.date(2027, 3, 22), dt.time(10, 0))
    with pytest.raises(Conflict, match="paused"):
        services.plan_respond(user=bob, plan_id=plan.pk, answer="accept", now=NOW)
    assert selectors.proposals_for(user=bob, now=NOW) == []


def test_a_proposal_to_an_ended_bond_gets_a_neutral_message(alice, bob, screened, carol):
    from heard.bonds.services import bond_leave

    bond_leave(bond=screened, user=bob)
    with pytest.raises(NotFound) as ended:
        _propose(alice, screened, dt.date(2027, 3, 21), dt.time(10, 0))
    with pytest.raises(NotFound) as outsider:
        _propose(carol, screened, dt.date(2027, 3, 21), dt.time(10, 0))
    assert ended.value.message == outsider.value.message == services.ENDED_MESSAGE
