"""Fixtures for the infrastructure tests: infra/template.yaml parsed, and a clean deploy driver."""

from pathlib import Path

import pytest
import yaml
from moto import mock_aws

from infra.deploy import aws

TEMPLATE_PATH = Path(__file__).resolve().parents[3] / "infra" / "template.yaml"


class CloudFormationLoader(yaml.SafeLoader):
    """PyYAML loader that understands CloudFormation's short-form tags (!Ref, !Sub, ...)."""


def _intrinsic_function(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        # The short form `!GetAtt Resource.Attribute` is the long form's two-item list.
        return {"Fn::GetAtt": value.split(".", 1)}
    return {f"Fn::{tag_suffix}": value}


CloudFormationLoader.add_multi_constructor("!", _intrinsic_function)


def load_template(path: Path = TEMPLATE_PATH) -> dict:
    return yaml.load(path.read_text(), Loader=CloudFormationLoader)


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
