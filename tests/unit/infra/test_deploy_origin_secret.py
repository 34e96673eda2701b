"""The deploy driver makes each stage's origin secret once, keeps it in SSM Parameter Store for
every later deploy, and `make destroy` deletes it; the value is one CloudFront can send."""

import re

import boto3

from infra.deploy import origin_secret


def test_given_no_secret_when_deploying_twice_then_the_first_is_kept_and_reused(deploy_aws):
    first = origin_secret.ensure_origin_secret("dev")
    again = origin_secret.ensure_origin_secret("dev")

    assert again == first
    parameter = boto3.client("ssm").get_parameter(
        Name="/cloudgram/dev/origin-secret", WithDecryption=True
    )["Parameter"]
    assert parameter["Type"] == "SecureString"
    assert parameter["Value"] == first


def test_given_two_stages_then_each_has_a_secret_of_its_own(deploy_aws):
    assert origin_secret.ensure_origin_secret("dev") != origin_secret.ensure_origin_secret("prod")


def test_given_a_secret_then_the_templates_parameter_accepts_it(deploy_aws, template):
    secret = origin_secret.ensure_origin_secret("dev")

    parameter = template["Parameters"]["OriginSecret"]
    assert len(secret) >= parameter["MinLength"]
    assert re.fullmatch(parameter["AllowedPattern"], secret)


def test_given_a_destroyed_stage_then_its_secret_is_gone_and_the_other_stays(deploy_aws):
    kept = origin_secret.ensure_origin_secret("prod")
    removed = origin_secret.ensure_origin_secret("dev")

    assert origin_secret.delete_origin_secret("dev") is True
    assert origin_secret.delete_origin_secret("dev") is False
    assert origin_secret.ensure_origin_secret("prod") == kept
    assert origin_secret.ensure_origin_secret("dev") != removed  # a new one, made again
