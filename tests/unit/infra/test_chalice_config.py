""".chalice/config.json keeps the facts the rest of the code relies on."""

import json

import pytest

from infra.deploy import chalice_stage
from infra.local import resource_definitions as local

CONFIG = json.loads(chalice_stage.CHALICE_CONFIG.read_text())


def test_given_the_config_when_read_then_app_stage_and_tracing_are_as_cloudfront_expects():
    assert CONFIG["app_name"] == "cloudgram"
    # CloudFront forwards /api/* unchanged, so the API Gateway stage must be named "api".
    assert CONFIG["api_gateway_stage"] == "api"
    assert CONFIG["api_gateway_endpoint_type"] == "REGIONAL"
    assert CONFIG["xray"] is True
    assert CONFIG["manage_iam_role"] is False


def test_given_the_shared_environment_when_read_then_limits_and_powertools_are_set():
    assert CONFIG["environment_variables"] == {
        "MAX_UPLOAD_BYTES": "26214400",
        "UPLOAD_EXPIRY_SECONDS": "600",
        "FEED_SHARDS": "1",
        "FANOUT_MAX_FOLLOWERS": "10000",
        "MAX_PENDING_UPLOADS": "10",
        "MAX_PHOTOS_PER_HOUR": "100",
        "MAX_WRITES_PER_MINUTE": "60",
        "MAX_FOLLOWING": "7500",
        "POWERTOOLS_SERVICE_NAME": "cloudgram-api",
        "POWERTOOLS_LOG_LEVEL": "INFO",
    }


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_given_a_stage_when_read_then_it_has_a_role_and_every_resource_setting(stage):
    stage_config = CONFIG["stages"][stage]

    assert stage_config["iam_role_arn"].startswith("arn:aws:iam::")
    assert set(stage_config["environment_variables"]) == {
        *chalice_stage.ENVIRONMENT_FROM_OUTPUTS,
        "ORIGIN_SECRET_SHA256",
        "API_NAME",
        "POWERTOOLS_METRICS_NAMESPACE",
    }
    # Each stage's API and metrics are its own, even with dev and prod in one account.
    assert stage_config["environment_variables"]["API_NAME"] == chalice_stage.api_name(stage)
    assert stage_config["environment_variables"]["POWERTOOLS_METRICS_NAMESPACE"] == (
        f"CloudGram/{stage}"
    )


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_given_a_stage_then_the_stream_function_has_its_own_role_and_a_longer_timeout(stage):
    functions = CONFIG["stages"][stage]["lambda_functions"]

    assert set(functions) == {chalice_stage.STREAM_FUNCTION, chalice_stage.EXPORT_FUNCTION}
    stream_function = functions[chalice_stage.STREAM_FUNCTION]
    assert stream_function["iam_role_arn"].startswith("arn:aws:iam::")
    # Deleting the likes of a much-liked photo takes one BatchWriteItem per 25 likes.
    assert stream_function["lambda_timeout"] >= 60


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_given_a_stage_then_the_export_function_has_its_role_the_queues_timeout_and_memory(stage):
    export_function = CONFIG["stages"][stage]["lambda_functions"][chalice_stage.EXPORT_FUNCTION]

    assert export_function["iam_role_arn"].startswith("arn:aws:iam::")
    # The exports queue's visibility timeout is six times this (infra/template.yaml).
    assert export_function["lambda_timeout"] == local.EXPORT_FUNCTION_TIMEOUT_SECONDS
    # One part of the zip, one chunk of a photo and Python: far below it (bench/export.py).
    assert export_function["lambda_memory_size"] == 1024
