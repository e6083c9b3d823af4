"""The partner never learns of a detection or a screening answer; the reporter can lift a pause."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from hypothesis.strategies import booleans, sampled_from

from heard.safety import selectors, services
from heard.safety.models import SafetyEvent

RISKY = "I want to end my life, I can't go on"
_NAMES = itertools.count()


def _partner_outputs(client, bond_id: int) -> str:
    pages = [
        client.get("/").content.decode(),
        client.get(f"/together/{bond_id}/").content.decode()
        if client.get(f"/together/{bond_id}/").status_code == 200
        else "",
        client.get(f"/safety/paused/{bond_id}/").content.decode(),
        json.dumps(client.get(f"/api/v1/safety/bonds/{bond_id}").json()),
        json.dumps(client.get("/api/v1/safety/events").json()),
    ]
    # The check-in's feelings picker lists words like "afraid"; it says nothing about anyone.
    return "\n".join(
        re.sub(r"<select.*?</select>", "", p.split("<main", 1)[-1], flags=re.S) for p in pages
    )


@pytest.mark.django_db
def test_a_positive_screening_pauses_quietly(alice, bob, bond, alice_client, bob_client):
    response = alice_client.post(
        f"/safety/screening/{bond.pk}/",
        {"afraid": "yes", "threatened": "no", "controlled": "no", "hurt": "no"},
    )
    assert response.status_code == 302
    assert selectors.bond_is_paused(bond=bond)
    reporter_page = alice_client.get(response["Location"]).content.decode()
    assert "not recommended" in reporter_page
    assert (
        "0808" in reporter_page or "1-800-799-7233" in reporter_page or "emergency" in reporter_page
    )
    partner_page = bob_client.get(f"/safety/paused/{bond.pk}/").content.decode()
    assert "paused for now" in partner_page
    assert "not recommended" not in partner_page
    assert "Lift the pause" not in partner_page
    out = _partner_outputs(bob_client, bond.pk).lower()
    for word in ["afraid", "not recommended", "lift the pause", "you've paused"]:
        assert word not in out, word
    assert bob_client.get(f"/api/v1/safety/bonds/{bond.pk}").json()["reported_by_you"] is False


@pytest.mark.django_db
def test_a_negative_screening_lets_exercises_go_ahead(bob, bond, bob_client):
    bob_client.post(
        f"/safety/screening/{bond.pk}/",
        {"afraid": "no", "threatened": "no", "controlled": "no", "hurt": "no"},
    )
    assert selectors.joint_exercise_block(user=bob, bond=bond) is None


@pytest.mark.django_db
def test_screening_is_needed_for_partner_and_family_bonds_only(alice, bob, carol, bond):
    from heard.bonds.services import bond_invite, invite_accept

    assert selectors.joint_exercise_block(user=alice, bond=bond) == "screening"
    friends = invite_accept(invite=bond_invite(inviter=carol, kind="friend").invite, user=alice)
    assert selectors.joint_exercise_block(user=alice, bond=friends) is None


@pytest.mark.django_db
def test_both_can_report_and_each_lifts_only_their_own(alice, bob, bond, alice_client, bob_client):
    services.screening_submit(user=alice, bond=bond, answers={"hurt": True})
    services.screening_submit(user=bob, bond=bond, answers={"afraid": True})
    assert "not recommended" in bob_client.get(f"/safety/paused/{bond.pk}/").content.decode()
    alice_client.post(f"/safety/paused/{bond.pk}/lift/")
    assert selectors.bond_is_paused(bond=bond)


@pytest.mark.django_db
def test_only_the_reporter_can_lift_the_pause(alice, bob, bond, alice_client, bob_client):
    services.screening_submit(user=alice, bond=bond, answers={"hurt": True})
    bob_client.post(f"/safety/paused/{bond.pk}/lift/")
    assert selectors.bond_is_paused(bond=bond)
    alice_client.post(f"/safety/paused/{bond.pk}/lift/")
    assert not selectors.bond_is_paused(bond=bond)


@pytest.mark.django_db
def test_screening_can_be_retaken(alice, bond, alice_client):
    services.screening_submit(user=alice, bond=bond, answers={})
    page = alice_client.get(f"/together/{bond.pk}/").content.decode()
    assert "Answer it again" in page
    alice_client.post(
        f"/safety/screening/{bond.pk}/",
        {"afraid": "no", "threatened": "yes", "controlled": "no", "hurt": "no"},
    )
    assert selectors.bond_is_paused(bond=bond)


@pytest.mark.django_db
def test_bad_screening_input_is_a_clear_error(bond, alice_client):
    response = alice_client.post(f"/safety/screening/{bond.pk}/", {"afraid": "maybe"})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.django_db
def test_a_detection_records_only_type_and_time(alice, alice_client):
    response = alice_client.post(
        "/api/v1/safety/check", {"text": RISKY}, content_type="application/json"
    )
    body = response.json()
    assert body["is_risk"] and body["label"] == "self_harm"
    assert body["resources"]
    event = SafetyEvent.objects.get()
    row = json.dumps({k: str(v) for k, v in SafetyEvent.objects.values().get().items()})
    assert "end my life" not in row
    assert event.kind == "self_harm"


@pytest.mark.django_db
def test_an_idiom_shows_no_panel_and_records_nothing(alice_client):
    body = alice_client.post(
        "/api/v1/safety/check",
        {"text": "This traffic is killing me"},
        content_type="application/json",
    ).json()
    assert body == {"label": "none", "is_risk": False, "resources": []}
    assert not SafetyEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "payload", "status"),
    [
        ("post", "/api/v1/safety/check", {}, 422),
        ("post", "/api/v1/safety/check", {"text": "   "}, 422),
        ("post", "/api/v1/safety/check", {"text": "x" * 20001}, 422),
        ("get", "/api/v1/safety/resources?kind=ghosts", None, 422),
        ("get", "/api/v1/safety/resources?country=<script>", None, 422),
        (
            "post",
            "/api/v1/safety/bonds/999/screening",
            {"afraid": True, "threatened": False, "controlled": False, "hurt": False},
            404,
        ),
        ("post", "/api/v1/safety/bonds/999/lift-pause", None, 404),
    ],
)
def test_bad_safety_api_input_gets_a_clear_4xx(alice_client, method, url, payload, status):
    kwargs = {"content_type": "application/json"}
    if payload is not None:
        kwargs["data"] = json.dumps(payload)
    response = getattr(alice_client, method)(url, **kwargs)
    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.django_db
def test_resources_by_country_are_public(client):
    lines = client.get("/api/v1/safety/resources?country=US").json()
    assert any("988" in (line["phone"] or "") for line in lines)
    assert all(line["source"].startswith("https://") and line["checked"] for line in lines)


@pytest.mark.django_db
def test_help_page_shows_lines_for_the_users_country_and_the_practice(
    alice, alice_client, settings
):
    alice.country = "GB"
    alice.save()
    settings.PRACTICE = dict(settings.PRACTICE, name="Willow Counselling", phone="020 7946 0000")
    page = alice_client.get("/help/").content.decode()
    assert "116 123" in page
    assert "Willow Counselling" in page
    assert "When to talk to a therapist" in page


@pytest.mark.django_db
def test_a_host_practice_can_add_its_own_lines(alice_client, settings, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "items:\n  - id: willow-line\n    country: US\n    kind: crisis\n    name: Willow after-hours line\n"
        "    phone: '555 0100'\n    description: Our own after-hours line.\n"
        "    source: https://example.org/willow\n    checked: 2026-11-01\n"
    )
    settings.EXTRA_RESOURCES_FILE = str(extra)
    page = alice_client.get("/help/").content.decode()
    assert page.index("Willow after-hours line") < page.index("988")


@pytest.mark.django_db
def test_the_safety_history_is_the_writers_own(alice, bob, alice_client, bob_client):
    services.safety_check_text(user=alice, text=RISKY, source="test")
    assert "Thoughts of self-harm" in alice_client.get("/safety/history/").content.decode()
    assert "Thoughts of self-harm" not in bob_client.get("/safety/history/").content.decode()
    event = SafetyEvent.objects.get()
    bob_client.post(f"/safety/history/{event.pk}/share/", {"shared": "yes"})
    # Bob can't share Alice's detection: nothing is shared with anyone.
    from heard.counsel.models import ItemShare

    assert not ItemShare.objects.exists()


class PartnerNeverLearns(RuleBasedStateMachine):
    """Either person screens, writes risky text or lifts a pause; the other learns nothing."""

    def __init__(self) -> None:
        super().__init__()
        from django.test import Client

        from heard.accounts.services import user_signup
        from heard.bonds.services import bond_invite, invite_accept

        n = next(_NAMES)
        self.people = [
            user_signup(username=f"p{n}a{i}", password="correct horse battery") for i in (0, 1)
        ]
        self.bond = invite_accept(
            invite=bond_invite(inviter=self.people[0], kind="family").invite, user=self.people[1]
        )
        self.clients = []
        for person in self.people:
            client = Client()
            client.force_login(person)
            self.clients.append(client)
        self.reporters: set[int] = set()

    @rule(who=sampled_from([0, 1]), positive=booleans())
    def screen(self, who: int, positive: bool) -> None:
        services.screening_submit(
            user=self.people[who], bond=self.bond, answers={"controlled": positive}
        )
        if positive:
            self.reporters.add(who)

    @rule(who=sampled_from([0, 1]))
    def write_risky(self, who: int) -> None:
        self.clients[who].post(
            "/api/v1/safety/check", {"text": RISKY}, content_type="application/json"
        )

    @rule(who=sampled_from([0, 1]))
    def lift(self, who: int) -> None:
        self.clients[who].post(f"/safety/paused/{self.bond.pk}/lift/")
        self.reporters.discard(who)

    @invariant()
    def the_other_learns_nothing(self) -> None:
        for who in (0, 1):
            if who in self.reporters:
                continue
            out = _partner_outputs(self.clients[who], self.bond.pk).lower()
            assert "not recommended" not in out
            assert "lift the pause" not in out
            own = SafetyEvent.objects.filter(user=self.people[who]).count()
            assert len(self.clients[who].get("/api/v1/safety/events").json()) == own


@pytest.mark.django_db
def test_the_partner_never_learns_of_a_detection_or_a_screening_answer():
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(
        PartnerNeverLearns,
        settings=settings(
            max_examples=10,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


@pytest.mark.django_db
def test_today_says_only_paused_for_now_for_a_paused_bond(alice, bob, bond, bob_client):
    services.screening_submit(user=alice, bond=bond, answers={"controlled": True})
    page = bob_client.get("/").content.decode()
    assert "paused for now" in page
    assert "Answer today" not in page


@pytest.mark.django_db
def test_the_screening_can_be_retaken_from_account_settings(alice, bond, alice_client):
    page = alice_client.get("/account/").content.decode()
    assert f'href="/safety/screening/{bond.pk}/"' in page


@pytest.mark.django_db
def test_the_gate_sends_htmx_requests_to_the_screening_page_not_into_a_fragment(bond, alice_client):
    response = alice_client.get(f"/prompts/{bond.pk}/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(f"/safety/screening/{bond.pk}/")


@pytest.mark.django_db
def test_every_api_gives_the_same_409_with_the_screening_address(bond, alice_client):
    url = f"/safety/screening/{bond.pk}/"
    for path, body in [
        ("/api/v1/dialogues", {"bond_id": bond.pk}),
        ("/api/v1/appreciation", {"bond_id": bond.pk, "text": "Thank you for dinner."}),
    ]:
        response = alice_client.post(path, json.dumps(body), content_type="application/json")
        assert response.status_code == 409
        assert response.json()["screening_url"] == url
    today = alice_client.get(f"/api/v1/prompts/today?bond_id={bond.pk}")
    assert today.status_code == 409 and today.json()["screening_url"] == url
