"""dev and prod can share one AWS account without sharing anything that names them: the REST
API, every alarm, the dashboard and the metrics they watch are all named after the stage."""

import json
import re

import pytest

from infra.deploy import chalice_stage
from tests.support.alarms import metrics_read

STAGES = ("dev", "prod")


def rendered(value, stage: str) -> str:
    """A template value as CloudFormation would render it for a stage (other names left)."""
    text = json.dumps(value)
    return text.replace("${Stage}", stage)


def test_given_two_stages_then_their_rest_apis_have_different_names():
    names = {
        chalice_stage.deploy_time_environment(stage, _outputs())["API_NAME"] for stage in STAGES
    }

    assert names == {"cloudgram-dev", "cloudgram-prod"}


@pytest.mark.parametrize("kind", ["AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard"])
def test_given_two_stages_then_every_alarm_and_dashboard_names_its_own_stage(resources, kind):
    for logical_id, resource in resources.items():
        if resource["Type"] != kind:
            continue
        name_property = "AlarmName" if kind.endswith("Alarm") else "DashboardName"
        names = {rendered(resource["Properties"][name_property], stage) for stage in STAGES}
        assert len(names) == 2, logical_id


def test_given_two_stages_then_every_alarm_watches_only_its_own_stages_metric(resources):
    for logical_id, resource in resources.items():
        if resource["Type"] != "AWS::CloudWatch::Alarm":
            continue
        for metric in metrics_read(resource["Properties"]):
            text = json.dumps(metric["Dimensions"])
            # Either the stage is in the name it watches, or it watches a resource of this stack.
            assert "${Stage}" in text or '"Ref"' in text or '"Fn::GetAtt"' in text, logical_id


def test_given_the_dashboard_then_every_metric_it_shows_is_this_stages(resources):
    body = resources["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"][0]

    custom = re.findall(r'\["(CloudGram[^"]*)"', body)
    api_names = re.findall(r'"ApiName", "([^"]+)"', body)
    assert custom and all(namespace == "CloudGram/${Stage}" for namespace in custom)
    assert api_names and all(name == "cloudgram-${Stage}" for name in api_names)
    assert 'Namespace=\\"CloudGram/${Stage}\\"' in body


def _outputs() -> dict[str, str]:
    return {
        "UserPoolArn": "arn:aws:cognito-idp:x",
        "TableStreamArn": "arn:aws:dynamodb:x",
        "ExportsQueueArn": "arn:aws:sqs:x",
    }
