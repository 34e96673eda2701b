"""The deploy driver's view of the CloudFormation stack."""

from datetime import UTC, datetime

from infra.deploy import artifacts, aws, stack


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


def test_given_a_template_in_s3_when_deployed_then_the_stack_is_made_from_it(deploy_aws):
    # Given a small template in a bucket, as the deploy puts infra/template.yaml there
    template = (
        "Parameters:\n  Stage: {Type: String}\n"
        "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
        "    Properties: {TopicName: !Sub 'cloudgram-${Stage}-alarms'}\n"
        "Outputs:\n  TopicArn: {Value: !Ref Topic}\n"
    )
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="artifacts")
    s3.put_object(Bucket="artifacts", Key="template/dev/abc.yaml", Body=template.encode())
    url = artifacts.object_url("artifacts", "template/dev/abc.yaml", aws.region())

    # When the stack is deployed from its address
    stack.deploy_stack("cloudgram-dev", {"Stage": "dev"}, {"TemplateURL": url}, print)

    # Then CloudFormation made the template's resources
    assert stack.describe_stack("cloudgram-dev")["StackStatus"] == "CREATE_COMPLETE"
    topics = [topic["TopicArn"] for topic in aws.client("sns").list_topics()["Topics"]]
    assert [arn.rsplit(":", 1)[1] for arn in topics] == ["cloudgram-dev-alarms"]
