import boto3
import pytest

from tests.integration.browser_like_client import BrowserLikeClient


@pytest.fixture(scope="session")
def client(local_stack):
    """Speaks HTTP to the stack as the page does (named `client`: `browser` is Playwright's)."""
    return BrowserLikeClient(local_stack.site_url, local_stack.config)


@pytest.fixture(scope="session")
def user(client):
    return client.sign_up_and_in()


@pytest.fixture(scope="session")
def local_aws(local_stack):
    """boto3 against the stack's local AWS, to look behind the API (never to drive the app)."""

    def client(service: str):
        return boto3.client(
            service,
            endpoint_url=local_stack.aws_endpoint_url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    return client
