"""Promise 2: a shared answer is shown to the other person only after both answered; never in
HTML, JSON, export or a notice before. A Hypothesis state machine answers, edits, drafts,
swaps, sets aside, reveals, replies, sends appreciation notes (some held back by the safety
check, some kept private), leaves the bond and rejoins through a new invite; after every step
it reads every output for both people, the account export included, and looks for words they
may not see.

SECURITY.md promise 2."""

from __future__ import annotations

import contextlib
import datetime
import itertools
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from heard.accounts.services import user_signup
from heard.bonds.services import bond_invite, bond_leave, invite_accept
from heard.core.errors import DomainError
from heard.core.models import Notice
from heard.prompts import services
from heard.prompts.models import Answer, Exchange, ExchangeState, Reply
from heard.safety.services import screening_submit
from heard.together.models import Appreciation, AppreciationStatus
from heard.together.services import appreciation_decide, appreciation_send

_names = itertools.count()
PASSWORD = "correct horse battery"
WHO = st.sampled_from([0, 1])


class RevealMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        n = next(_names)
        self.people = [
            user_signup(username=f"sm{n}a", password=PASSWORD),
            user_signup(username=f"sm{n}b", password=PASSWORD),
        ]
        self.people[0].time_zone = "Pacific/Auckland"
        self.people[0].save()
        self.people[1].time_zone = "America/Los_Angeles"
        self.people[1].save()
        self.clients = []
        for person in self.people:
            client = Client()
            client.force_login(person)
            self.clients.append(client)
        self.canaries: dict[str, int] = {}  # text -> author id
        self.counter = itertools.count()
        self.now = timezone.now()
        self.bonds: list[int] = []
        self.bond: Any = None
        self._link()

    def _link(self) -> None:
        new = bond_invite(inviter=self.people[0], kind="partner")
        self.bond = invite_accept(invite=new.invite, user=self.people[1])
        for person in self.people:
            screening_submit(user=person, bond=self.bond, answers={})
        self.bonds.append(self.bond.pk)

    def _canary(self, who: int) -> str:
        text = f"cnry{next(self.counter)}q{self.people[who].pk}x"
        self.canaries[text] = self.people[who].pk
        return text

    def _exchange(self, who: int) -> Exchange:
        return services.exchange_today(bond=self.bond, user=self.people[who], now=self.now)

    def _try(self, func, **kwargs) -> None:
        # Refused with a message (locked, swapped out, not revealed yet...) is fine here.
        with contextlib.suppress(DomainError):
            func(**kwargs)

    # --- rules ----------------------------------------------------------------------------

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO)
    def draft(self, who: int) -> None:
        self._try(
            services.answer_save_draft,
            exchange=self._exchange(who),
            author=self.people[who],
            text=self._canary(who),
        )

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO, private=st.booleans())
    def answer_or_edit(self, who: int, private: bool) -> None:
        self._try(
            services.answer_submit,
            exchange=self._exchange(who),
            author=self.people[who],
            text=self._canary(who),
            private=private,
            now=self.now,
        )

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO)
    def answer_through_the_page(self, who: int) -> None:
        exchange = self._exchange(who)
        self.clients[who].post(
            f"/prompts/{self.bond.pk}/e/{exchange.pk}/answer/",
            {"text": self._canary(who), "action": "submit"},
        )

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO)
    def swap(self, who: int) -> None:
        self._try(services.exchange_swap, exchange=self._exchange(who), user=self.people[who])

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO)
    def not_today(self, who: int) -> None:
        self._try(
            services.exchange_skip,
            exchange=self._exchange(who),
            user=self.people[who],
            now=self.now,
        )

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO)
    def react_and_reply(self, who: int) -> None:
        exchange = self._exchange(who)
        self._try(services.reaction_toggle, exchange=exchange, user=self.people[who], kind="heart")
        self._try(
            services.reply_add,
            exchange=exchange,
            author=self.people[who],
            text=self._canary(who),
            now=self.now,
        )

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO, risky=st.booleans(), keep_private=st.booleans())
    def appreciate(self, who: int, risky: bool, keep_private: bool) -> None:
        # A risky note is held back until its writer chooses; some stay private for good.
        text = ("I want to kill myself " if risky else "thank you ") + self._canary(who)
        with contextlib.suppress(DomainError):
            note, _ = appreciation_send(user=self.people[who], bond_id=self.bond.pk, text=text)
            if note.status == AppreciationStatus.HELD:
                appreciation_decide(
                    user=self.people[who],
                    appreciation_id=note.pk,
                    choice="private" if keep_private else "send",
                )

    @rule(hours=st.sampled_from([3, 11, 24]))
    def time_passes(self, hours: int) -> None:
        self.now += datetime.timedelta(hours=hours)

    @precondition(lambda self: self.bond is not None)
    @rule(who=WHO)
    def leave(self, who: int) -> None:
        bond_leave(bond=self.bond, user=self.people[who])
        self.bond = None

    @precondition(lambda self: self.bond is None)
    @rule()
    def rejoin(self) -> None:
        self._link()

    # --- the promise ----------------------------------------------------------------------

    def _may_see(self, viewer) -> set[str]:
        """Texts by the other person that ``viewer`` may see, worked out from the rows alone."""
        allowed: set[str] = set()
        if self.bond is None:
            return allowed
        for exchange in Exchange.objects.filter(bond=self.bond, state=ExchangeState.ANSWERED):
            answers = list(Answer.objects.filter(exchange=exchange))
            shared = [a for a in answers if a.submitted_at and not a.private]
            if len(shared) == 2:
                allowed |= {a.text for a in answers if a.author_id != viewer.pk}
                allowed |= {
                    r.text
                    for r in Reply.objects.filter(exchange=exchange, shared=True)
                    if r.author_id != viewer.pk
                }
        allowed |= {
            note.text.rsplit(" ", 1)[-1]
            for note in Appreciation.objects.filter(
                bond=self.bond, recipient=viewer, status=AppreciationStatus.SENT
            )
        }
        return allowed

    def _outputs(self, who: int) -> list[tuple[str, str]]:
        client = self.clients[who]
        found = [
            (
                "notices",
                " ".join(n.text + n.url for n in Notice.objects.filter(user=self.people[who])),
            )
        ]
        export = client.post("/account/data/", {"action": "export", "password": PASSWORD})
        assert export.status_code == 200
        found.append(("account export", export.content.decode()))
        urls = ["/"]
        for bond_id in self.bonds:
            urls += [
                f"/checkup/appreciation/{bond_id}/",
                f"/api/v1/appreciation?bond_id={bond_id}",
                f"/prompts/{bond_id}/history/",
                f"/api/v1/prompts/history?bond_id={bond_id}",
                f"/api/v1/prompts/export?bond_id={bond_id}",
            ]
        if self.bond is not None:
            latest = Exchange.objects.filter(bond=self.bond).order_by("-created_at", "-id").first()
            urls.append(f"/prompts/{self.bond.pk}/")
            if latest is not None:
                urls += [
                    f"/prompts/{self.bond.pk}/e/{latest.pk}/",
                    f"/prompts/{self.bond.pk}/e/{latest.pk}/status/",
                    f"/api/v1/prompts/exchanges/{latest.pk}",
                ]
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            found.append((url, response.content.decode()))
        return found

    @invariant()
    def nobody_sees_an_unrevealed_answer(self) -> None:
        for who in (0, 1):
            viewer = self.people[who]
            allowed = self._may_see(viewer)
            forbidden = {
                text
                for text, author in self.canaries.items()
                if author != viewer.pk and text not in allowed
            }
            for where, output in self._outputs(who):
                for text in forbidden:
                    assert text not in output, f"{viewer.username} saw {text} in {where}"


@pytest.mark.django_db
def test_no_output_ever_shows_an_unrevealed_answer() -> None:
    run_state_machine_as_test(
        RevealMachine,
        settings=settings(
            max_examples=10,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
