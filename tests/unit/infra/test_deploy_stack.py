"""The deploy driver's view of the CloudFormation stack."""

from datetime import UTC, datetime

from infra.deploy import stack


def test_given_a_stage_when_naming_its_stack_then_the_app_name_comes_first():
    assert stack.stack_name_for("prod") == "cloudgram-prod"


def test_given_parameters_when_converted_then_cloudformation_gets_key_value_pairs():
    assert stack.as_cloudformation_parameters({"Stage": "dev", "ApiDomainName": ""}) == [
        {"ParameterKey": "Stage", "ParameterValue": "dev"},
        {"ParameterKey": "ApiDomainName", "ParameterValue": ""},
    ]


def test_given_a_stack_description_when_outputs_are_read_then_they_become_a_dict():
    description = {
        "Outputs": [
            {"OutputKey": "SiteUrl", "OutputValue": "https://d111.cloudfront.net"},
            {"OutputKey": "TableName", "OutputValue": "cloudgram-dev-photos"},
        ]
    }

    assert stack.outputs_as_dict(description) == {
        "SiteUrl": "https://d111.cloudfront.net",
        "TableName": "cloudgram-dev-photos",
    }
    assert stack.outputs_as_dict({}) == {}


def test_given_no_stack_when_described_then_the_answer_is_none(deploy_aws):
    assert stack.describe_stack("cloudgram-dev") is None
    assert stack.delete_stack("cloudgram-dev", print) == "DELETE_COMPLETE"


def test_given_a_failed_resource_event_when_reported_then_the_reason_is_shown():
    event = {
        "EventId": "1",
        "Timestamp": datetime.now(UTC),
        "LogicalResourceId": "MediaBucket",
        "ResourceStatus": "CREATE_FAILED",
        "ResourceStatusReason": "Bucket name already taken",
    }

    assert stack._describe_event(event) == (
        "MediaBucket: CREATE_FAILED (Bucket name already taken)"
    )
