"""Promises 6 and 7: what people write never appears in logs, e-mail, URLs or the raw
database; it is stored encrypted."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.core import mail

CANARY = "canary-5e1f-quietly"


def _post(client: Any, url: str, body: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_written_text_never_reaches_logs_mail_urls_or_the_raw_database(
    alice: Any,
    bob: Any,
    bond: Any,
    alice_client: Any,
    bob_client: Any,
    caplog: Any,
    raw_database_text: Any,
) -> None:
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    caplog.set_level(logging.DEBUG)
    responses = []

    # A prompt answer: draft, then shared; a reply after both answered.
    today = alice_client.get(f"/api/v1/prompts/today?bond_id={bond.pk}").json()
    exchange_id = today["exchange"]["id"]
    base = f"/api/v1/prompts/exchanges/{exchange_id}"
    responses.append(_post(alice_client, f"{base}/draft", {"text": f"draft {CANARY}"}, "put"))
    responses.append(_post(alice_client, f"{base}/submit", {"text": f"answer {CANARY}"}))
    responses.append(_post(bob_client, f"{base}/submit", {"text": f"his answer {CANARY}"}))
    responses.append(_post(alice_client, f"{base}/replies", {"text": f"reply {CANARY}"}))
    # Bad input that carries the canary is refused without echoing it into a log.
    responses.append(_post(alice_client, f"{base}/replies", {"text": CANARY * 400}))

    # A listening dialogue share.
    created = _post(alice_client, "/api/v1/dialogues", {"bond_id": bond.pk})
    responses.append(created)
    dialogue_id = created.json()["id"]
    responses.append(
        _post(alice_client, f"/api/v1/dialogues/{dialogue_id}/need", {"need": "listen"})
    )
    responses.append(
        _post(alice_client, f"/api/v1/dialogues/{dialogue_id}/share", {"text": f"share {CANARY}"})
    )

    # A check-in note and the coach.
    responses.append(
        _post(
            alice_client,
            "/api/v1/checkins",
            {"feeling": "calm", "ratings": {}, "note": f"note {CANARY}"},
        )
    )
    responses.append(_post(alice_client, "/api/v1/coach", {"reply": f"It sounds like {CANARY}"}))

    assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]
    assert sum(r.status_code < 300 for r in responses) >= 8, [r.status_code for r in responses]
    # The text was kept (nothing lost) ...
    shown = bob_client.get(f"/api/v1/prompts/exchanges/{exchange_id}").content.decode()
    assert f"answer {CANARY}" in shown
    # ... but never in logs, e-mail, redirects, or the raw database.
    assert CANARY not in caplog.text
    assert all(CANARY not in (m.subject + m.body) for m in mail.outbox)
    assert all(CANARY not in r.get("Location", "") for r in responses)
    assert CANARY not in raw_database_text()
