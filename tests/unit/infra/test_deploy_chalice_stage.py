"""The deploy driver hands the stack's outputs to chalice through .chalice/config.json."""

import json

from infra.deploy import chalice_stage

OUTPUTS = {
    "ApiRoleArn": "arn:aws:iam::123456789012:role/cloudgram-dev-ApiRole-ABC",
    "TableName": "cloudgram-dev-photos",
    "UploadsBucketName": "cloudgram-dev-uploads-123456789012-eu-west-1",
    "MediaBucketName": "cloudgram-dev-media-123456789012-eu-west-1",
    "UserPoolId": "eu-west-1_abc",
    "UserPoolClientId": "client123",
    "UserPoolArn": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc",
    "DistributionId": "E2EXAMPLE",
    "TableStreamArn": "arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2026-11-30",
    "TableStreamRoleArn": "arn:aws:iam::123456789012:role/cloudgram-dev-TableStreamRole-XYZ",
    "SiteUrl": "https://d111.cloudfront.net",
    "SiteBucketName": "cloudgram-dev-site-123456789012-eu-west-1",
    "ExportsBucketName": "cloudgram-dev-exports-123456789012-eu-west-1",
    "ExportsQueueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/cloudgram-dev-exports",
    "ExportsQueueArn": "arn:aws:sqs:eu-west-1:123456789012:cloudgram-dev-exports",
    "ExportFunctionRoleArn": "arn:aws:iam::123456789012:role/cloudgram-dev-ExportFunctionRole-Q",
}
DIGEST = "5e8f" * 16  # of the origin secret, which the config never holds
CONFIG = {
    "app_name": "cloudgram",
    "environment_variables": {"MAX_UPLOAD_BYTES": "26214400"},
    "stages": {
        "dev": {"iam_role_arn": "placeholder", "environment_variables": {"TABLE_NAME": "old"}},
        "prod": {"iam_role_arn": "prod-role", "environment_variables": {"TABLE_NAME": "prod"}},
    },
}


def test_given_stack_outputs_when_applied_then_the_stage_gets_role_and_resource_names():
    updated = chalice_stage.with_stack_outputs(CONFIG, "dev", OUTPUTS, DIGEST)

    assert updated["stages"]["dev"]["iam_role_arn"] == OUTPUTS["ApiRoleArn"]
    assert updated["stages"]["dev"]["environment_variables"] == {
        "TABLE_NAME": "cloudgram-dev-photos",
        "UPLOADS_BUCKET": "cloudgram-dev-uploads-123456789012-eu-west-1",
        "MEDIA_BUCKET": "cloudgram-dev-media-123456789012-eu-west-1",
        "USER_POOL_ID": "eu-west-1_abc",
        "USER_POOL_CLIENT_ID": "client123",
        "DISTRIBUTION_ID": "E2EXAMPLE",
        "SITE_BUCKET": "cloudgram-dev-site-123456789012-eu-west-1",
        "SITE_URL": "https://d111.cloudfront.net",
        "EXPORTS_BUCKET": "cloudgram-dev-exports-123456789012-eu-west-1",
        "EXPORTS_QUEUE_URL": OUTPUTS["ExportsQueueUrl"],
        "ORIGIN_SECRET_SHA256": DIGEST,
    }


def test_given_stack_outputs_when_applied_then_the_stream_and_export_functions_get_their_roles():
    updated = chalice_stage.with_stack_outputs(CONFIG, "dev", OUTPUTS, DIGEST)

    functions = updated["stages"]["dev"]["lambda_functions"]
    assert functions == {
        "on_table_change": {"iam_role_arn": OUTPUTS["TableStreamRoleArn"]},
        "write_export": {"iam_role_arn": OUTPUTS["ExportFunctionRoleArn"]},
    }
    assert chalice_stage.stream_function_name("dev") == "cloudgram-dev-on_table_change"


def test_given_stack_outputs_then_chalice_is_given_the_pool_and_the_stream_it_wires_in():
    # app.py reads both when chalice imports it (chalicelib/shared/settings.py).
    assert chalice_stage.deploy_time_environment("dev", OUTPUTS) == {
        "API_NAME": "cloudgram-dev",
        "USER_POOL_ARN": OUTPUTS["UserPoolArn"],
        "TABLE_STREAM_ARN": OUTPUTS["TableStreamArn"],
        "EXPORTS_QUEUE_ARN": OUTPUTS["ExportsQueueArn"],
    }


def test_given_stack_outputs_when_applied_then_other_stages_and_the_input_are_untouched():
    updated = chalice_stage.with_stack_outputs(CONFIG, "dev", OUTPUTS, DIGEST)

    assert updated["stages"]["prod"] == CONFIG["stages"]["prod"]
    assert CONFIG["stages"]["dev"]["iam_role_arn"] == "placeholder"
    assert updated["environment_variables"] == CONFIG["environment_variables"]


def test_given_a_config_file_when_outputs_are_written_then_chalice_reads_them_back(tmp_path):
    config_path = tmp_path / "config.json"
    config_path.write_text(json.dumps(CONFIG))

    chalice_stage.write_stack_outputs("dev", OUTPUTS, DIGEST, config_path)

    environment = chalice_stage.stage_environment("dev", config_path)
    assert environment["TABLE_NAME"] == "cloudgram-dev-photos"
    assert environment["MAX_UPLOAD_BYTES"] == "26214400"
    assert config_path.read_text().endswith("}\n")


def test_given_chalices_deploy_record_when_read_then_the_api_domain_comes_from_its_url():
    record = {
        "resources": [
            {"name": "api_handler", "resource_type": "lambda_function", "lambda_arn": "arn"},
            {
                "name": "rest_api",
                "resource_type": "rest_api",
                "rest_api_id": "abc123",
                "rest_api_url": "https://abc123.execute-api.eu-west-1.amazonaws.com/api/",
            },
        ]
    }

    assert (
        chalice_stage.api_domain_from_record(record) == "abc123.execute-api.eu-west-1.amazonaws.com"
    )


def test_given_no_deploy_record_when_the_domain_is_asked_then_it_is_empty(tmp_path, monkeypatch):
    monkeypatch.setattr(chalice_stage, "DEPLOYED_DIR", tmp_path)

    assert chalice_stage.api_domain_name("dev") == ""
    assert chalice_stage.chalice_delete("dev", "eu-west-1") is False
