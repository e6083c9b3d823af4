"""A bounded schemathesis run against our own OpenAPI schema with every check it has (the
CLI's `--checks all`), in the phases the CLI runs by default (the schema's examples, coverage
of each parameter's edges, then random cases), with schema-valid and schema-breaking input:
whatever comes in, the API answers with a status the schema documents, never a 500; the body
and headers match the schema; what the schema calls valid is accepted and what it calls
invalid is refused; without the token the answer is 401.

The run is deterministic (the same cases every time), so a failure in CI is one a person can
reproduce with the same command.

SECURITY.md promise 14."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig

from heard.accounts.services import api_token_create

load_all_checks()
# Every check schemathesis has, as `--checks all` selects them.
ALL_CHECKS = list(REGISTRY.get_all())
EXAMPLES_PER_OPERATION = 6

# Rules a JSON Schema cannot state, so schema-valid input can still be refused with a 400
# that says why. Only these operations, and only for these reasons.
SEMANTIC_400 = {
    # At least three statements answered in one part, so there is a score to show.
    "POST /api/v1/checkup/results",
    "POST /api/v1/love-languages",
    # A time still to come, within the next year, that the clocks don't skip (relative to
    # now and to the person's time zone).
    "POST /api/v1/quality/plans",
    "POST /api/v1/quality/plans/{plan_id}/response",
    "POST /api/v1/quality/plans/{plan_id}/reschedule",
    # Quiet hours that start and end at different times (one field compared with another).
    "PUT /api/v1/quality/reminders",
    # A counsellor's invite that can still be used by this person (it exists, is open, not
    # expired or used, not for another bond): every other invite gets one neutral 400 that
    # says nothing about why (counsel.services.INVITE_UNUSABLE).
    "POST /api/v1/counsel/mine/consent",
    "POST /api/v1/counsel/mine/preview",
}
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]

CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {
            "max-examples": EXAMPLES_PER_OPERATION,
            "mode": "all",
            "deterministic": True,
            "database": "none",
        },
        "checks": {"enabled": True},
        "operations": [
            {
                "include-name": name,
                "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "400"]}},
            }
            for name in sorted(SEMANTIC_400)
        ],
    }
)
SCHEMA = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """Requests go through the real WSGI handler, which closes the database connection after
    each one; inside a test that connection holds the test's transaction (Django's test client
    disconnects the same receivers)."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def headers(alice: Any, bond: Any) -> dict[str, str]:
    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=bond, answers={})
    _, secret = api_token_create(user=alice, name="fuzz")
    # identity: the pages are gzipped for browsers, and the WSGI call would hand back raw bytes.
    return {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}


@pytest.mark.django_db
@pytest.mark.usefixtures("keep_the_test_connection")
@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_one_the_schema_documents(case: Any, headers: dict[str, str]) -> None:
    response = case.call(headers=headers)
    case.validate_response(response, checks=ALL_CHECKS, headers=headers)
    if response.status_code >= 400:
        # content_type_conformance checks it is JSON, as documented.
        assert response.json().get("detail")
