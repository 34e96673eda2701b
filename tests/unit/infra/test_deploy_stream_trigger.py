"""After chalice deploy, the driver gives the stream function's trigger its failure handling."""

import boto3
import pytest

from infra.check import API_PACKAGE_OVERRIDES
from infra.deploy import stream_trigger
from infra.local.resource_definitions import STREAM_MAX_RETRY_ATTEMPTS, table_definition
from infra.template_file import load_template

FUNCTION = "cloudgram-dev-on_table_change"


@pytest.fixture
def chalice_deployed(deploy_aws):
    """What chalice deploy leaves: the stream function and its trigger, without failure handling."""
    table = boto3.client("dynamodb").create_table(**table_definition("cloudgram-dev-photos"))
    stream_arn = table["TableDescription"]["LatestStreamArn"]
    role = boto3.client("iam").create_role(
        RoleName="stream", AssumeRolePolicyDocument="{}", Path="/"
    )["Role"]["Arn"]
    boto3.client("lambda").create_function(
        FunctionName=FUNCTION,
        Runtime="python3.11",
        Role=role,
        Handler="app.on_table_change",
        Code={"ZipFile": b"zip"},
    )
    boto3.client("lambda").create_event_source_mapping(
        EventSourceArn=stream_arn, FunctionName=FUNCTION, StartingPosition="TRIM_HORIZON"
    )
    dead_letters = boto3.client("sqs").create_queue(QueueName="dlq")["QueueUrl"]
    dead_letter_arn = boto3.client("sqs").get_queue_attributes(
        QueueUrl=dead_letters, AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]
    return stream_arn, dead_letter_arn


def test_given_chalices_trigger_then_it_reports_partial_failures_retries_and_dead_letters(
    chalice_deployed,
):
    stream_arn, dead_letter_arn = chalice_deployed

    mapping_id = stream_trigger.configure_failure_handling(FUNCTION, stream_arn, dead_letter_arn)

    mapping = boto3.client("lambda").get_event_source_mapping(UUID=mapping_id)
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["MaximumRetryAttempts"] == STREAM_MAX_RETRY_ATTEMPTS
    assert mapping["BisectBatchOnFunctionError"] is True
    assert mapping["DestinationConfig"] == {"OnFailure": {"Destination": dead_letter_arn}}


def test_given_no_trigger_then_the_deploy_stops_with_a_reason(deploy_aws):
    with pytest.raises(SystemExit, match="Expected one trigger"):
        stream_trigger.configure_failure_handling(FUNCTION, "arn:aws:dynamodb:x", "arn:aws:sqs:y")


def test_given_the_packaged_template_then_its_trigger_fails_over_exactly_as_the_driver_sets():
    overrides = load_template(API_PACKAGE_OVERRIDES)
    trigger = overrides["Resources"]["OnTableChange"]["Properties"]["Events"][
        "OnTableChangeDynamodbEventSource"
    ]["Properties"]

    assert {name: trigger[name] for name in stream_trigger.FAILURE_HANDLING} == (
        stream_trigger.FAILURE_HANDLING
    )
    assert "OnFailure" in trigger["DestinationConfig"]
