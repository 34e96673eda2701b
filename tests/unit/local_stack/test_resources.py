"""The local resources, read back from moto, are what resource_definitions.py describes (and so,
through tests/unit/infra/test_template_matches_local_definitions.py, what the template creates)."""

import json
import re
from pathlib import Path

import boto3
import pytest

from infra.local import resource_definitions as definitions
from tests.support.fake_aws import SITE_ORIGIN


def test_given_the_local_table_then_its_keys_and_indexes_are_the_defined_ones(local_resources):
    table = boto3.client("dynamodb").describe_table(TableName=local_resources.names.table)["Table"]
    expected = definitions.table_definition(local_resources.names.table)

    assert table["KeySchema"] == expected["KeySchema"]
    indexes = {index["IndexName"]: index for index in table["GlobalSecondaryIndexes"]}
    for index in expected["GlobalSecondaryIndexes"]:
        assert indexes[index["IndexName"]]["KeySchema"] == index["KeySchema"]
        assert indexes[index["IndexName"]]["Projection"] == index["Projection"]
    time_to_live = boto3.client("dynamodb").describe_time_to_live(
        TableName=local_resources.names.table
    )["TimeToLiveDescription"]
    assert time_to_live["AttributeName"] == definitions.TIME_TO_LIVE_ATTRIBUTE
    assert time_to_live["TimeToLiveStatus"] == "ENABLED"
    assert table["StreamSpecification"] == expected["StreamSpecification"]
    assert table["LatestStreamArn"] == local_resources.table_stream_arn


def test_given_the_local_site_bucket_then_it_exists_and_the_api_is_given_its_name(
    local_resources,
):
    # The API reads the site's page from it (chalicelib/shared/site_page.py), as in AWS
    bucket = local_resources.names.site_bucket

    assert (
        boto3.client("s3").head_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 200
    )
    assert local_resources.function_environment()["SITE_BUCKET"] == bucket


def test_given_the_local_stream_dead_letter_queue_then_it_keeps_notes_as_long_as_defined(
    local_resources,
):
    attributes = boto3.client("sqs").get_queue_attributes(
        QueueUrl=local_resources.table_stream_dead_letter_queue_url, AttributeNames=["All"]
    )["Attributes"]

    assert attributes["QueueArn"].endswith(local_resources.names.table_stream_dead_letter_queue)
    assert int(attributes["MessageRetentionPeriod"]) == definitions.DEAD_LETTER_RETENTION_SECONDS


def test_given_the_local_queue_then_failures_are_redriven_to_the_dead_letter_queue(
    local_resources,
):
    sqs = boto3.client("sqs")
    attributes = sqs.get_queue_attributes(
        QueueUrl=local_resources.uploads_queue_url, AttributeNames=["All"]
    )["Attributes"]
    dead_letter_arn = sqs.get_queue_attributes(
        QueueUrl=local_resources.dead_letter_queue_url, AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]

    assert json.loads(attributes["RedrivePolicy"]) == definitions.redrive_policy(dead_letter_arn)
    assert int(attributes["VisibilityTimeout"]) == definitions.QUEUE_VISIBILITY_TIMEOUT_SECONDS


def test_given_the_uploads_bucket_then_cors_and_notification_are_the_defined_ones(
    local_resources,
):
    s3 = boto3.client("s3")
    bucket = local_resources.names.uploads_bucket

    cors = s3.get_bucket_cors(Bucket=bucket)["CORSRules"]
    notification = s3.get_bucket_notification_configuration(Bucket=bucket)

    assert cors == definitions.upload_cors_rules([SITE_ORIGIN])
    (queue_configuration,) = notification["QueueConfigurations"]
    (expected,) = definitions.upload_notification(local_resources.uploads_queue_arn)[
        "QueueConfigurations"
    ]
    assert queue_configuration["QueueArn"] == expected["QueueArn"]
    assert queue_configuration["Events"] == expected["Events"]
    assert queue_configuration["Filter"] == expected["Filter"]


def test_given_the_local_pool_then_it_refuses_the_passwords_the_deployed_pool_refuses(
    local_resources,
):
    cognito = boto3.client("cognito-idp")
    pool = cognito.describe_user_pool(UserPoolId=local_resources.user_pool_id)["UserPool"]

    assert pool["Policies"]["PasswordPolicy"] == definitions.PASSWORD_POLICY
    with pytest.raises(cognito.exceptions.InvalidPasswordException):
        cognito.sign_up(
            ClientId=local_resources.user_pool_client_id,
            Username="short-password",
            Password="Short-123",  # nine characters: the template's pool wants ten
            UserAttributes=[{"Name": "email", "Value": "short@example.com"}],
        )


def test_given_the_local_pool_then_it_ignores_case_and_names_the_pre_sign_up_trigger(
    local_resources,
):
    cognito = boto3.client("cognito-idp")
    pool = cognito.describe_user_pool(UserPoolId=local_resources.user_pool_id)["UserPool"]

    assert pool["UsernameConfiguration"] == definitions.USERNAME_CONFIGURATION
    assert pool["LambdaConfig"] == definitions.user_pool_triggers(
        local_resources.names, "us-east-1"
    )


def test_given_the_sign_up_form_then_it_takes_the_password_rules_from_config_json_alone():
    page = (Path(__file__).resolve().parents[3] / "frontend" / "index.html").read_text()
    new_password = re.search(r'<input id="sign-up-password"[^>]*>', page).group(0)

    # The rules reach the page once, from the pool's policy (infra/site_config.py): the form
    # keeps no copy of its own that could fall behind
    assert "minlength" not in new_password
    assert f"{definitions.PASSWORD_POLICY['MinimumLength']} characters" not in page
    assert 'id="sign-up-password-rules-list"' in page
