"""Unit-test wiring: moto in-process (`mock_aws`), the resources the local stack creates, and the
environment both Lambdas read their settings from. Nothing here leaves the process."""

import pytest
from moto import mock_aws

from chalicelib.shared import aws_clients as api_clients
from chalicelib.shared import settings as api_settings
from image_worker import aws_clients as worker_clients
from image_worker import settings as worker_settings
from infra.local import cognito_like_aws, dynamodb_like_aws
from infra.local.resource_definitions import ResourceNames
from infra.local.resources import create_resources
from infra.local.stack import ENDPOINT_VARIABLES
from tests.support.fake_aws import REGION, SITE_ORIGIN


@pytest.fixture
def aws_environment(monkeypatch):
    """Fake credentials and no endpoint override, so boto3 can only ever talk to moto."""
    for name in (*ENDPOINT_VARIABLES, "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)


@pytest.fixture
def local_resources(aws_environment, monkeypatch):
    """Every CloudGram resource, created in in-process moto exactly as the local stack does."""
    dynamodb_like_aws.install()
    cognito_like_aws.install()
    with mock_aws():
        resources = create_resources(None, REGION, ResourceNames(), [SITE_ORIGIN])
        monkeypatch.setenv("TABLE_NAME", resources.names.table)
        monkeypatch.setenv("UPLOADS_BUCKET", resources.names.uploads_bucket)
        monkeypatch.setenv("MEDIA_BUCKET", resources.names.media_bucket)
        monkeypatch.setenv("SITE_BUCKET", resources.names.site_bucket)
        monkeypatch.setenv("SITE_URL", SITE_ORIGIN)
        monkeypatch.setenv("USER_POOL_ID", resources.user_pool_id)
        monkeypatch.setenv("USER_POOL_CLIENT_ID", resources.user_pool_client_id)
        monkeypatch.setenv("EXPORTS_BUCKET", resources.names.exports_bucket)
        monkeypatch.setenv("EXPORTS_QUEUE_URL", resources.exports_queue_url)
        _forget_cached_settings_and_clients()
        yield resources
        _forget_cached_settings_and_clients()


def _forget_cached_settings_and_clients() -> None:
    api_settings.load_settings.cache_clear()
    worker_settings.load_settings.cache_clear()
    api_clients.reset()
    worker_clients.reset()
