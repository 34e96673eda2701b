"""Requests generated from the API's own OpenAPI document (schemathesis), sent to the local stack
over HTTP: odd Unicode, huge numbers, wrong types, missing fields, unknown ids. Whatever the
bytes, never a 500, and every error is {"Code", "Message"} with a message to act on.

The number of examples per route is bounded, so the run takes well under a minute; raise
FUZZ_EXAMPLES to search harder.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from chalicelib.edge.openapi import openapi_document

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.fixture(scope="session")
def fuzzing_user(client):
    return client.sign_up_and_in()


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_given_any_generated_request_then_never_a_500_and_errors_say_what_to_change(
    case, local_stack, fuzzing_user
):
    response = case.call(
        base_url=f"{local_stack.site_url}/api",
        headers={"Authorization": fuzzing_user.id_token},
        timeout=10,
    )

    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error = response.json()
        assert set(error) == {"Code", "Message"}, error
        assert isinstance(error["Message"], str) and error["Message"], error
