"""Fixtures for the infrastructure tests: infra/template.yaml parsed, and a clean deploy driver."""

import pytest
from moto import mock_aws

from infra.deploy import aws
from infra.template_file import load_template


@pytest.fixture(scope="session")
def template() -> dict:
    return load_template()


@pytest.fixture(scope="session")
def resources(template) -> dict:
    return template["Resources"]


@pytest.fixture
def deploy_aws(aws_environment):
    """moto in-process, with the deploy driver's cached clients forgotten before and after."""
    aws.reset()
    with mock_aws():
        yield
    aws.reset()
