"""When DynamoDB or S3 throttle the API, fail or cannot be reached, a request gets a 503 that says
to try again, never a 500; an error that means a bug stays a 500, which the 5xx alarm reports."""

import pytest
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber

from app import app
from chalicelib import aws_clients
from tests.unit.api.conftest import auth


@pytest.fixture
def dynamodb_stub(api_environment):
    with Stubber(aws_clients.dynamodb_table().meta.client) as stub:
        yield stub


def test_given_every_route_then_each_answers_503_when_aws_fails():
    views = [entry.view_function for methods in app.routes.values() for entry in methods.values()]

    assert views
    assert all(getattr(view, "answers_503_when_aws_fails", False) for view in views)


@pytest.mark.parametrize(
    "error_code",
    ["ProvisionedThroughputExceededException", "ThrottlingException", "InternalServerError"],
)
def test_given_dynamodb_throttling_or_failing_then_the_feed_answers_503(
    api, dynamodb_stub, error_code
):
    dynamodb_stub.add_client_error("query", service_error_code=error_code, http_status_code=400)

    response = api.http.get("/feed")

    assert response.status_code == 503
    assert response.json_body == {
        "Code": "ServiceUnavailableError",
        "Message": "CloudGram is busy right now. Please try again in a few seconds.",
    }


def test_given_dynamodb_out_of_reach_then_a_like_answers_503(api, make_token, monkeypatch):
    def unreachable(*args, **kwargs):
        raise EndpointConnectionError(endpoint_url="https://dynamodb.us-east-1.amazonaws.com")

    monkeypatch.setattr(
        aws_clients.dynamodb_table().meta.client, "transact_write_items", unreachable
    )

    response = api.http.put(
        "/photos/01JCNY0000000000000000000Z/like", headers=auth(make_token("bob"))
    )

    assert response.status_code == 503


def test_given_an_error_that_means_a_bug_then_it_stays_a_500(api, dynamodb_stub):
    dynamodb_stub.add_client_error(
        "query", service_error_code="ValidationException", http_status_code=400
    )

    response = api.http.get("/feed")

    assert response.status_code == 500
