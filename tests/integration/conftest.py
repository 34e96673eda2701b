"""Integration fixtures: a browser-like HTTP client for the session's local stack, a signed-in
user, boto3 behind the API for checks."""

import boto3
import pytest

from tests.support.browser_like_client import BrowserLikeClient


@pytest.fixture(scope="session")
def client(local_stack):
    """Speaks HTTP to the stack as the page does (named `client`: `browser` is Playwright's)."""
    return BrowserLikeClient(local_stack.site_url, local_stack.config)


@pytest.fixture(scope="session")
def user(client):
    return client.sign_up_and_in()


@pytest.fixture(scope="session")
def local_aws(local_stack):
    """boto3 against the stack's local AWS, to look behind the API (never to drive the app).
    DynamoDB and its stream have an endpoint of their own (infra/local/stack.py)."""

    def client(service: str):
        on_dynamodb_endpoint = service in ("dynamodb", "dynamodbstreams")
        return boto3.client(
            service,
            endpoint_url=(
                local_stack.dynamodb_endpoint_url
                if on_dynamodb_endpoint
                else local_stack.aws_endpoint_url
            ),
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    return client


@pytest.fixture(scope="session")
def table(local_aws):
    """The local table, to check what the API and the stream function wrote."""
    return boto3.resource(
        "dynamodb",
        endpoint_url=local_aws("dynamodb").meta.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).Table("cloudgram-photos")


@pytest.fixture(scope="module")
def alice(client):
    """Someone signed in, the same for every test of a module."""
    return client.sign_up_and_in()


@pytest.fixture(scope="module")
def bob(client):
    """Someone else signed in, the same for every test of a module."""
    return client.sign_up_and_in()
