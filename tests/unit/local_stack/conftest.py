"""A real local AWS endpoint on a loopback port, shared by a test module, reset before each test."""

from contextlib import contextmanager

import boto3
import pytest
import requests

from cognito_triggers import post_confirmation
from infra.local.aws_endpoint import SitePage, start_local_aws_endpoint
from infra.local.resource_definitions import ResourceNames
from infra.local.resources import create_resources
from tests.support.fake_aws import CREDENTIALS, REGION, SITE_ORIGIN


@pytest.fixture(scope="module")
def endpoint():
    running = start_local_aws_endpoint()
    with triggers_reaching(running.url):
        yield running
    running.stop()


@contextmanager
def triggers_reaching(endpoint_url: str):
    """The user pool's triggers, which this process runs when the endpoint plays Cognito, reach
    the endpoint's own table, as infra/local/stack.py points them at the local DynamoDB."""
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint_url)
        environment.setenv("TABLE_NAME", ResourceNames().table)
        environment.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS["aws_access_key_id"])
        environment.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS["aws_secret_access_key"])
        environment.setenv("AWS_DEFAULT_REGION", REGION)
        post_confirmation._table.cache_clear()
        yield
        post_confirmation._table.cache_clear()


@pytest.fixture
def aws_client(endpoint):
    """A factory of boto3 clients for the endpoint, after wiping every moto resource."""
    requests.post(f"{endpoint.url}/moto-api/reset", timeout=5).raise_for_status()

    def make(service: str, **options):
        return boto3.client(
            service, endpoint_url=endpoint.url, region_name=REGION, **CREDENTIALS, **options
        )

    return make


@pytest.fixture(scope="module")
def site_endpoint():
    """The endpoint as `make dev` runs it, guarding what the site's page may call: its URL."""
    running = start_local_aws_endpoint(
        site_page=SitePage([SITE_ORIGIN], ResourceNames().uploads_bucket)
    )
    with triggers_reaching(running.url):
        yield running.url
    running.stop()


@pytest.fixture
def user_pool(site_endpoint):
    """A fresh local stack's resources on `site_endpoint`, the user pool and its app client among
    them."""
    requests.post(f"{site_endpoint}/moto-api/reset", timeout=5).raise_for_status()
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS["aws_access_key_id"])
        environment.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS["aws_secret_access_key"])
        return create_resources(site_endpoint, REGION, ResourceNames(), [SITE_ORIGIN])
