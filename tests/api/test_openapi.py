"""The app's own OpenAPI, checked by schemathesis against a real server: no 5xx, responses match schemas."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from live_server import Served
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

# Few examples per operation, derandomised: the whole run stays well under a minute.
BOUNDED = settings(
    max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)


def test_no_server_error_and_responses_match_their_schemas(server: Served) -> None:
    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18
    for operation in operations:

        @given(case=operation.as_strategy())
        @BOUNDED
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(
                base_url=server.url, checks=[not_a_server_error, response_schema_conformance]
            )

        check()
