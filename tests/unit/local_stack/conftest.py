"""A real local AWS endpoint on a loopback port, shared by a test module, reset before each test."""

import boto3
import pytest
import requests

from infra.local.aws_endpoint import start_local_aws_endpoint
from tests.support.fake_aws import CREDENTIALS, REGION


@pytest.fixture(scope="module")
def endpoint():
    running = start_local_aws_endpoint()
    yield running
    running.stop()


@pytest.fixture
def aws_client(endpoint):
    """A factory of boto3 clients for the endpoint, after wiping every moto resource."""
    requests.post(f"{endpoint.url}/moto-api/reset", timeout=5).raise_for_status()

    def make(service: str, **options):
        return boto3.client(
            service, endpoint_url=endpoint.url, region_name=REGION, **CREDENTIALS, **options
        )

    return make
