"""When DynamoDB or S3 throttle the API, fail or cannot be reached, a request gets a 503 that says
to try again, never a 500; an error that means a bug stays a 500, which the 5xx alarm reports."""

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from botocore.stub import Stubber

from app import app
from chalicelib.photos import store as photo_store
from chalicelib.shared import aws_clients, transactions
from chalicelib.shared.observability import logger
from tests.support import json_logs
from tests.support.api_steps import auth, ready_photo


@pytest.fixture
def dynamodb_stub(api_environment):
    with Stubber(aws_clients.dynamodb_table().meta.client) as stub:
        yield stub


def test_given_every_route_then_each_answers_in_http_and_503_when_aws_fails():
    views = [entry.view_function for methods in app.routes.values() for entry in methods.values()]

    assert views
    assert all(getattr(view, "answers_in_http", False) for view in views)


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
    photo_id = ready_photo(api, make_token("alice"))

    def unreachable(*args, **kwargs):
        raise EndpointConnectionError(endpoint_url="https://dynamodb.us-east-1.amazonaws.com")

    monkeypatch.setattr(
        aws_clients.dynamodb_table().meta.client, "transact_write_items", unreachable
    )

    response = api.http.put(f"/photos/{photo_id}/like", headers=auth(make_token("bob")))

    assert response.status_code == 503


def test_given_an_error_that_means_a_bug_then_it_stays_a_500(api, dynamodb_stub):
    dynamodb_stub.add_client_error(
        "query", service_error_code="ValidationException", http_status_code=400
    )

    response = api.http.get("/feed")

    assert response.status_code == 500


def test_given_a_like_that_keeps_conflicting_then_503_after_every_try_and_a_log_line_says_why(
    api, make_token, monkeypatch
):
    # Given a photo whose transactions DynamoDB keeps cancelling for conflicting writes
    photo_id = ready_photo(api, make_token("alice"))
    tries = []

    def always_conflicting(**request):
        tries.append(request)
        raise ClientError(
            {
                "Error": {"Code": "TransactionCanceledException", "Message": "conflict"},
                "CancellationReasons": [{"Code": "TransactionConflict"}, {"Code": "None"}],
            },
            "TransactWriteItems",
        )

    client = aws_clients.dynamodb_table().meta.client
    monkeypatch.setattr(client, "transact_write_items", always_conflicting)
    monkeypatch.setattr(transactions.time, "sleep", lambda seconds: None)

    # When someone likes it
    with json_logs.captured(logger) as log_lines:
        response = api.http.put(f"/photos/{photo_id}/like", headers=auth(make_token("bob")))

    # Then every try is made, the answer says to try again, and the 5xx has a line to explain it
    assert response.status_code == 503
    assert len(tries) == transactions.CONFLICT_ATTEMPTS
    assert "Transaction kept conflicting with other writes" in messages_at("WARNING", log_lines())


def test_given_a_photo_that_keeps_changing_while_deleted_then_503_and_a_log_line_says_why(
    api, make_token, monkeypatch
):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    monkeypatch.setattr(photo_store, "delete_photo", lambda photo: False)

    with json_logs.captured(logger) as log_lines:
        response = api.http.delete(f"/photos/{photo_id}", headers=auth(alice))

    assert response.status_code == 503
    assert "Photo kept changing while being deleted" in messages_at("WARNING", log_lines())


def messages_at(level: str, lines: list[dict]) -> list[str]:
    return [line["message"] for line in lines if line.get("level") == level]
