"""SECURITY.md promise 20: a counsellor sees only what each person shared with them, item by
item, while they are connected. A Hypothesis state machine writes words that are never
shared (check-in notes, appreciation notes, answers, private reflections), safety detections
and screening answers; shares and unshares items, figures and reflections; withdraws and
reconnects (a new invite and a new consent). After every step it reads everything the
counsellor can: the session-prep page and the client page (HTML, once counsel's pages
exist), the prep JSON, the clients list, and the counsellor's own account export; and checks
that nothing appears that isn't shared now, over a connection that is active now.

The model of what is shared is kept here, from the steps alone; the texts come from each
app's own shareable entry (core/shareables.py), never from counsel's tables."""

from __future__ import annotations

import contextlib
import json

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from heard.accounts.data import user_export
from heard.core import shareables
from heard.core.errors import DomainError
from heard.counsel import selectors, services
from heard.counsel.tests.actors import (
    CRISIS,
    canary,
    client_for,
    counsellor,
    partners,
    person,
    write_answer,
    write_appreciation,
    write_checkin,
)
from heard.safety.services import SCREENING_QUESTIONS, safety_check_text, screening_submit

WHO = st.sampled_from([0, 1])
FIGURES = st.sampled_from(["checkup", "checkin", "pause"])
# The kind to share, when the person has one (else any of theirs).
ITEM_KINDS = st.sampled_from(
    ["checkin_note", "appreciation", "prompt_answer", "safety_detection", "screening_answer"]
)
DETECTION = "Heard noticed words about"
SCREENING_YES = "You answered yes to at least one"
SCREENING_NO = "You answered no to every question"
_runs = iter(range(10**6))


class CounselMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        n = next(_runs)
        self.people = [person(f"cm{n}a"), person(f"cm{n}b")]
        self.bond = partners(*self.people)
        self.cora = counsellor(f"cm{n}c")
        self.cora_client = client_for(self.cora)
        self.conns: list[int | None] = [None, None]
        self.keys: set[int] = set()  # every connection id the counsellor ever had here
        self.shares: list[set[tuple[str, int]]] = [set(), set()]
        self.figures: list[set[str]] = [set(), set()]
        self.reflections: list[tuple[str, bool] | None] = [None, None]
        self.canaries: set[str] = {DETECTION, SCREENING_YES, SCREENING_NO}
        self._connect([0, 1])
        first = self.conns[0]
        assert first is not None
        self.assignment = services.assignment_create(
            counsellor=self.cora, connection_id=first, kind="say_it", note="Once"
        )

    # --- helpers -------------------------------------------------------------------------

    def _connect(self, who: list[int]) -> None:
        new = services.invite_create(counsellor=self.cora, kind="bond")
        for index in who:
            made = services.connection_consent(
                user=self.people[index], token=new.token, bond_id=self.bond.pk
            )
            self.conns[index] = made.pk
            self.keys.add(made.pk)
            # Shares start empty on a new consent.
            self.shares[index] = set()
            self.figures[index] = set()

    def _active(self, who: int) -> bool:
        conn = self.conns[who]
        if conn is None:
            return False
        return selectors.my_connection(user=self.people[who], connection_id=conn).status == "active"

    def _canary(self, tag: str) -> str:
        text = canary(tag)
        self.canaries.add(text)
        return text

    # --- rules ---------------------------------------------------------------------------

    @rule(
        who=WHO, where=st.sampled_from(["checkin", "appreciation", "answer"]), share=st.booleans()
    )
    def write(self, who: int, where: str, share: bool) -> None:
        """Write something (unshared), and sometimes share it at once."""
        text = self._canary(where)
        writer = {
            "checkin": lambda: write_checkin(self.people[who], text),
            "appreciation": lambda: write_appreciation(self.people[who], self.bond, text),
            "answer": lambda: write_answer(self.people[who], self.bond, text),
        }[where]
        try:
            writer()
        except DomainError:  # e.g. paused, or already answered
            return
        conn = self.conns[who]
        if not share or conn is None:
            return
        rows = selectors.shareable_items(user=self.people[who], connection_id=conn)
        found = [r.item for r in rows if text in r.item.text]
        if not found:  # a reply-less answer may be held back as a draft, for example
            return
        item = found[0]
        url = f"/api/v1/counsel/mine/{conn}/items/{item.kind}/{item.id}"
        assert client_for(self.people[who]).put(url).status_code == 204
        self.shares[who].add((item.kind, item.id))
        event(f"wrote and shared {item.kind}")

    @rule(who=WHO)
    def safety_detection(self, who: int) -> None:
        safety_check_text(user=self.people[who], text=CRISIS, source="safety_check")

    @rule(who=WHO, positive=st.booleans())
    def screening_answer(self, who: int, positive: bool) -> None:
        answers = {SCREENING_QUESTIONS[0][0]: True} if positive else {}
        screening_submit(user=self.people[who], bond=self.bond, answers=answers)

    @precondition(lambda self: any(c is not None for c in self.conns))
    @rule(who=WHO, kind=ITEM_KINDS, pick=st.integers(min_value=0, max_value=50))
    def share_item(self, who: int, kind: str, pick: int) -> None:
        conn = self.conns[who]
        if conn is None:
            return
        rows = selectors.shareable_items(user=self.people[who], connection_id=conn)
        rows = [r for r in rows if r.item.kind == kind] or rows
        if not rows:
            return
        item = rows[pick % len(rows)].item
        url = f"/api/v1/counsel/mine/{conn}/items/{item.kind}/{item.id}"
        answer = client_for(self.people[who]).put(url)
        assert answer.status_code in {204, 404}, answer.content
        if answer.status_code == 204:
            assert self._active(who)
            self.shares[who].add((item.kind, item.id))
            event(f"shared {item.kind}")

    @precondition(lambda self: any(self.shares))
    @rule(who=WHO, pick=st.integers(min_value=0, max_value=50))
    def unshare_item(self, who: int, pick: int) -> None:
        if not self.shares[who] or self.conns[who] is None:
            return
        kind, item_id = sorted(self.shares[who])[pick % len(self.shares[who])]
        url = f"/api/v1/counsel/mine/{self.conns[who]}/items/{kind}/{item_id}"
        assert client_for(self.people[who]).delete(url).status_code == 204
        self.shares[who].discard((kind, item_id))

    @rule(who=WHO, kind=FIGURES, shared=st.booleans())
    def share_figures(self, who: int, kind: str, shared: bool) -> None:
        conn = self.conns[who]
        if conn is None:
            return
        url = f"/api/v1/counsel/mine/{conn}/figures/{kind}"
        browser = client_for(self.people[who])
        answer = browser.put(url) if shared else browser.delete(url)
        assert answer.status_code in {200, 404}, answer.content
        if answer.status_code == 200:
            (self.figures[who].add if shared else self.figures[who].discard)(kind)

    @rule(who=WHO, shared=st.booleans())
    def practice_done(self, who: int, shared: bool) -> None:
        text = self._canary("reflection")
        try:
            services.progress_done(
                user=self.people[who],
                assignment_id=self.assignment.pk,
                reflection=text,
                shared=shared,
            )
        except DomainError:
            return
        self.reflections[who] = (text, shared)

    @precondition(lambda self: any(c is not None for c in self.conns))
    @rule(who=WHO)
    def withdraw(self, who: int) -> None:
        conn = self.conns[who]
        if conn is None:
            return
        answer = client_for(self.people[who]).post(f"/api/v1/counsel/mine/{conn}/withdraw")
        assert answer.status_code == 204, answer.content
        self.conns[who] = None
        self.shares[who] = set()
        self.figures[who] = set()
        reflection = self.reflections[who]
        if reflection is not None:
            self.reflections[who] = (reflection[0], False)

    @precondition(lambda self: any(c is None for c in self.conns))
    @rule()
    def reconnect(self) -> None:
        self._connect([i for i, c in enumerate(self.conns) if c is None])

    # --- the promise ---------------------------------------------------------------------

    def _allowed(self) -> tuple[set[str], set[tuple[str, int]]]:
        texts: set[str] = set()
        items: set[tuple[str, int]] = set()
        for who in (0, 1):
            if self.conns[who] is None:
                continue
            for kind, item_id in self.shares[who]:
                found = shareables.get_own(kind, self.people[who], item_id)
                if found is not None:
                    texts |= {found.text, found.title}
                    items.add((kind, found.id))
            reflection = self.reflections[who]
            if reflection is not None and reflection[1]:
                texts.add(reflection[0])
        return texts, items

    def _outputs(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        urls = ["/api/v1/counsel/clients"]
        for name in ("counsel:clients",):
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(name))
        for key in sorted(self.keys):
            urls.append(f"/api/v1/counsel/clients/{key}/prep")
            urls.append(f"/api/v1/counsel/clients/{key}/assignments")
            for name in ("counsel:prep", "counsel:client"):
                with contextlib.suppress(NoReverseMatch):
                    urls.append(reverse(name, args=[key]))
        for url in urls:
            answer = self.cora_client.get(url)
            assert answer.status_code in {200, 404}, (url, answer.status_code)
            found.append((url, answer.content.decode()))
        export = json.dumps(user_export(user=self.cora), default=str)
        found.append(("the counsellor's export", export))
        return found

    @invariant()
    def the_counsellor_sees_only_what_is_shared_now(self) -> None:
        allowed_texts, allowed_items = self._allowed()
        forbidden = {t for t in self.canaries if not any(t in a for a in allowed_texts)}
        for where, output in self._outputs():
            for text in forbidden:
                assert text not in output, f"the counsellor saw {text!r} in {where}"
        for key in self.keys:
            answer = self.cora_client.get(f"/api/v1/counsel/clients/{key}/prep")
            if answer.status_code != 200:
                continue
            prep = answer.json()
            shown = {(i["kind"], i["id"]) for i in prep["items"]}
            assert shown <= allowed_items, shown - allowed_items
            if shown:
                event("the prep showed a shared item")
            kinds = {(f["person_id"], f["kind"]) for f in prep["figures"]}
            may = {
                (self.people[w].pk, k)
                for w in (0, 1)
                if self.conns[w] is not None
                for k in self.figures[w]
            }
            assert kinds <= may, kinds - may
            if prep["paused"]:
                assert any("pause" in self.figures[w] for w in (0, 1) if self.conns[w])
        # The counsellor just viewed the prep: every item shown is in its owner's view log.
        for who in (0, 1):
            if self.conns[who] is None or not self.shares[who]:
                continue
            log = {row.what for row in selectors.view_log(user=self.people[who])}
            for kind, item_id in self.shares[who]:
                if shareables.get_own(kind, self.people[who], item_id) is not None:
                    assert f"item:{kind}:{item_id}" in log, (kind, item_id, log)


@pytest.mark.django_db
def test_a_counsellor_never_sees_what_was_not_shared() -> None:
    run_state_machine_as_test(
        CounselMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
