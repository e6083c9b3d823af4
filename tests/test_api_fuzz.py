"""A bounded schemathesis run against our own OpenAPI schema: whatever the input, the API
answers with a clear 4xx (or success), never a 500."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core import NotSet

from heard.api import api

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
EXAMPLES_PER_OPERATION = 8


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_no_input_makes_the_api_fail_with_a_server_error(
    operation: Any, alice: Any, bond: Any
) -> None:
    from django.test import Client

    from heard.safety.services import screening_submit

    screening_submit(user=alice, bond=bond, answers={})
    client = Client(raise_request_exception=False)
    client.force_login(alice)

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        path = case.formatted_path
        if case.query:
            path += "?" + urlencode(case.query, doseq=True)
        kwargs: dict[str, Any] = {}
        if not isinstance(case.body, NotSet):
            kwargs = {"data": json.dumps(case.body), "content_type": "application/json"}
        response = client.generic(case.method.upper(), path, **kwargs)
        assert response.status_code < 500, (case.method, path, case.body, response.content[:300])
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), path
            assert response.json().get("detail"), path

    run()
