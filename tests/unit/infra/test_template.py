"""infra/template.yaml keeps the promises the code and the deploy driver rely on."""

import json
from urllib.parse import urlparse

import boto3
import pytest
from botocore.config import Config

from app import app
from chalicelib.edge import photo_page
from chalicelib.edge.origin_check import ORIGIN_SECRET_HEADER
from chalicelib.shared import site_page
from infra.deploy import __main__ as deploy_driver
from infra.deploy import buckets, chalice_stage, worker_package
from infra.local import worker_loop
from infra.template_file import TEMPLATE_PATH

ALL_BUCKETS = ["UploadsBucket", "MediaBucket", "SiteBucket", "LogsBucket", "ExportsBucket"]
# CloudFormation reads a template from S3 (TemplateURL, infra/deploy/stack.py) up to this size.
TEMPLATE_URL_LIMIT_BYTES = 1_000_000


def test_given_the_template_when_measured_then_cloudformation_takes_it_from_s3():
    assert len(TEMPLATE_PATH.read_bytes()) < TEMPLATE_URL_LIMIT_BYTES


@pytest.mark.parametrize("bucket", ALL_BUCKETS)
def test_given_any_bucket_when_read_then_it_is_private_and_encrypted(resources, bucket):
    properties = resources[bucket]["Properties"]

    assert set(properties["PublicAccessBlockConfiguration"].values()) == {True}
    assert properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]


@pytest.mark.parametrize(
    ("policy", "readable_path"),
    [
        ("MediaBucketPolicy", "${MediaBucket.Arn}/media/*"),
        ("SiteBucketPolicy", "${SiteBucket.Arn}/*"),
    ],
)
def test_given_a_served_bucket_when_read_then_only_this_distribution_may_get_objects(
    resources, policy, readable_path
):
    statements = resources[policy]["Properties"]["PolicyDocument"]["Statement"]
    (allow,) = [statement for statement in statements if statement["Effect"] == "Allow"]

    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    assert allow["Resource"] == {"Fn::Sub": readable_path}
    assert "${SiteDistribution}" in allow["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]


def test_given_the_worker_when_read_then_runtime_limits_and_tracing_are_as_documented(
    template, resources
):
    worker = resources["ImageWorkerFunction"]["Properties"]

    assert worker["Handler"] == "image_worker.handler.lambda_handler"
    assert worker["Runtime"] == f"python{worker_package.LAMBDA_PYTHON_VERSION}"
    # The local stack's worker loop hands the handler the same limits (infra/local/worker_loop.py).
    assert worker["Timeout"] * 1000 == worker_loop.WORKER_TIMEOUT_MS
    assert worker["MemorySize"] == {"Ref": "WorkerMemoryMB"}
    assert template["Parameters"]["WorkerMemoryMB"]["Default"] == worker_loop.WORKER_MEMORY_MB
    assert worker["TracingConfig"] == {"Mode": "Active"}


def test_given_the_worker_environment_when_read_then_every_setting_is_there(resources):
    variables = resources["ImageWorkerFunction"]["Properties"]["Environment"]["Variables"]

    assert variables["TABLE_NAME"] == {"Ref": "PhotosTable"}
    assert variables["UPLOADS_BUCKET"] == {"Ref": "UploadsBucket"}
    assert variables["MEDIA_BUCKET"] == {"Ref": "MediaBucket"}
    assert variables["MAX_UPLOAD_BYTES"] == "26214400"
    assert variables["MAX_PIXELS"] == "50000000"
    assert variables["FEED_SHARDS"] == "1"
    assert variables["POWERTOOLS_SERVICE_NAME"] == "cloudgram-worker"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == {"Fn::Sub": "CloudGram/${Stage}"}


def test_given_the_queue_trigger_when_read_then_partial_failures_and_low_latency_are_set(
    resources,
):
    trigger = resources["ImageWorkerQueueTrigger"]["Properties"]

    assert trigger["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert trigger["BatchSize"] <= 10
    assert trigger["MaximumBatchingWindowInSeconds"] <= 1


def _statements(resources, role: str) -> dict:
    (policy,) = resources[role]["Properties"]["Policies"]
    return {statement["Sid"]: statement for statement in policy["PolicyDocument"]["Statement"]}


def test_given_the_api_role_when_read_then_it_signs_uploads_only_under_the_uploads_prefix(
    resources,
):
    statements = _statements(resources, "ApiRole")

    assert statements["SignUploads"]["Action"] == "s3:PutObject"
    assert statements["SignUploads"]["Resource"] == {"Fn::Sub": "${UploadsBucket.Arn}/uploads/*"}
    assert set(statements["PhotosLikesProfiles"]["Action"]) == {
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:ConditionCheckItem",  # every write checks its account is not being erased
    }
    assert statements["PagesAndLists"]["Action"] == "dynamodb:Query"
    # DELETE /me deletes the caller's Cognito user, in this pool only.
    assert statements["DeleteAccounts"]["Action"] == "cognito-idp:AdminDeleteUser"
    assert statements["DeleteAccounts"]["Resource"] == {"Fn::GetAtt": ["UserPool", "Arn"]}
    # Of the site bucket, the API reads the page photo pages are made of, and nothing else.
    assert statements["ReadSitePage"]["Action"] == "s3:GetObject"
    assert statements["ReadSitePage"]["Resource"] == {
        "Fn::Sub": f"${{SiteBucket.Arn}}/{site_page.SITE_PAGE_KEY}"
    }
    # Deleting files is the stream function's job, not the API's.
    assert not any(
        "s3:DeleteObject" in str(statement["Action"]) for statement in statements.values()
    )


def test_given_the_stream_role_when_read_then_it_reads_the_stream_and_deletes_what_photos_leave(
    resources,
):
    statements = _statements(resources, "TableStreamRole")

    assert statements["ReadTableStream"]["Resource"] == {"Fn::GetAtt": ["PhotosTable", "StreamArn"]}
    assert set(statements["FanOutAndCleanUp"]["Action"]) == {
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",  # the accounts a caption or comment names (notifications)
        "dynamodb:Query",
        "dynamodb:BatchWriteItem",
        "dynamodb:DeleteItem",
        "dynamodb:UpdateItem",  # an erasure's counts and its own progress (chalicelib/accounts/)
    }
    assert statements["ReadLatestPhotos"]["Resource"] == [
        {"Fn::Sub": "${PhotosTable.Arn}/index/OwnerIndex"},
        {"Fn::Sub": "${PhotosTable.Arn}/index/AuthorIndex"},
    ]
    assert statements["DeleteErasedAccounts"]["Resource"] == {"Fn::GetAtt": ["UserPool", "Arn"]}
    assert statements["DeleteFilesOfDeletedPhotos"]["Resource"] == [
        {"Fn::Sub": "${UploadsBucket.Arn}/uploads/*"},
        {"Fn::Sub": "${MediaBucket.Arn}/media/*"},
    ]
    assert statements["NoteFailedBatches"]["Resource"] == {
        "Fn::GetAtt": ["TableStreamDeadLetterQueue", "Arn"]
    }
    assert "${SiteDistribution}" in statements["ForgetCachedRenditions"]["Resource"]["Fn::Sub"]


def test_given_the_outputs_then_the_driver_finds_everything_chalice_needs(template):
    outputs = template["Outputs"]

    for name in (
        "UserPoolArn",
        "TableStreamArn",
        "TableStreamRoleArn",
        "DistributionId",
        "ExportsQueueArn",
        "ExportFunctionRoleArn",
    ):
        assert name in outputs
    assert set(chalice_stage.ENVIRONMENT_FROM_OUTPUTS.values()) <= set(outputs)


def test_given_the_worker_role_when_read_then_it_writes_only_renditions(resources):
    statements = _statements(resources, "ImageWorkerRole")
    write_actions = [
        statement for statement in statements.values() if "s3:PutObject" in statement["Action"]
    ]

    assert write_actions == [statements["WriteRenditions"]]
    assert statements["WriteRenditions"]["Resource"] == {"Fn::Sub": "${MediaBucket.Arn}/media/*"}


def test_given_cloudfront_when_read_then_media_and_api_paths_reach_their_origins(resources):
    config = resources["SiteDistribution"]["Properties"]["DistributionConfig"]
    media_behaviour, api_condition, _photo_pages = config["CacheBehaviors"]
    condition_name, api_behaviour, _no_api = api_condition["Fn::If"]

    assert config["DefaultCacheBehavior"]["TargetOriginId"] == "site"
    assert (media_behaviour["PathPattern"], media_behaviour["TargetOriginId"]) == (
        "/media/*",
        "media",
    )
    assert condition_name == "HasApi"
    assert (api_behaviour["PathPattern"], api_behaviour["TargetOriginId"]) == ("/api/*", "api")
    assert api_behaviour["CachePolicyId"]["Fn::FindInMap"][-1] == "CachingDisabled"
    assert api_behaviour["OriginRequestPolicyId"]["Fn::FindInMap"][-1] == (
        "AllViewerExceptHostHeader"
    )


def test_given_cloudfront_when_read_then_photo_pages_reach_the_apis_page_route(resources):
    config = resources["SiteDistribution"]["Properties"]["DistributionConfig"]
    condition_name, behaviour, _no_api = config["CacheBehaviors"][-1]["Fn::If"]
    origin = _api_origins(resources)["photo-pages"]
    stage = json.loads(chalice_stage.CHALICE_CONFIG.read_text())["api_gateway_stage"]

    assert condition_name == "HasApi"
    assert (behaviour["PathPattern"], behaviour["TargetOriginId"]) == ("/p/*", "photo-pages")
    # The stage below the origin path: /p/<id> reaches the API's route /p/{photo_id}.
    assert origin["DomainName"] == {"Ref": "ApiDomainName"}
    assert origin["OriginPath"] == f"/{stage}"
    assert "/p/{photo_id}" in app.routes
    assert behaviour["AllowedMethods"] == ["GET", "HEAD"]
    # Under the site's own security headers, CSP included: it is the site's page.
    assert (
        behaviour["ResponseHeadersPolicyId"]
        == config["DefaultCacheBehavior"]["ResponseHeadersPolicyId"]
    )
    # Nothing that differs from one visitor to another reaches the API, or the cache key.
    assert behaviour["CachePolicyId"] == {"Ref": "PhotoPageCachePolicy"}
    assert "OriginRequestPolicyId" not in behaviour


def test_given_the_photo_page_cache_policy_then_the_path_alone_is_the_key_for_a_minute(resources):
    policy = resources["PhotoPageCachePolicy"]["Properties"]["CachePolicyConfig"]
    key = policy["ParametersInCacheKeyAndForwardedToOrigin"]
    kept_by_the_api = int(photo_page.PREVIEW_CACHE_CONTROL.split("max-age=")[1])

    assert key["CookiesConfig"] == {"CookieBehavior": "none"}
    assert key["HeadersConfig"] == {"HeaderBehavior": "none"}
    assert key["QueryStringsConfig"] == {"QueryStringBehavior": "none"}
    # The API's Cache-Control decides, within bounds that let a deleted photo go soon.
    assert policy["MinTTL"] == 0
    assert policy["DefaultTTL"] == kept_by_the_api <= policy["MaxTTL"] <= 300


def test_given_cloudfront_then_every_request_to_the_api_carries_the_header_the_api_checks(
    template, resources
):
    api_origins = _api_origins(resources)

    assert set(api_origins) == {"api", "photo-pages"}
    for api_origin in api_origins.values():
        (header,) = api_origin["OriginCustomHeaders"]
        assert header["HeaderName"].lower() == ORIGIN_SECRET_HEADER
        assert header["HeaderValue"] == {"Ref": "OriginSecret"}
    # CloudFormation never shows the value (describe-stacks, the console, events).
    assert template["Parameters"]["OriginSecret"]["NoEcho"] is True


def _api_origins(resources) -> dict:
    """The distribution's origins that exist once the API does, by id."""
    origins = resources["SiteDistribution"]["Properties"]["DistributionConfig"]["Origins"]
    conditional = [origin["Fn::If"] for origin in origins if "Fn::If" in origin]
    assert {condition for condition, _origin, _none in conditional} == {"HasApi"}
    return {origin["Id"]: origin for _condition, origin, _none in conditional}


def test_given_the_deploy_driver_when_it_reads_outputs_then_the_template_declares_them(template):
    read_by_driver = {
        *chalice_stage.ENVIRONMENT_FROM_OUTPUTS.values(),
        *buckets.BUCKET_OUTPUTS,
        "ApiRoleArn",
        "UserPoolArn",
        "UserPoolId",
        "UserPoolClientId",
        "SiteBucketName",
        "DistributionId",
        "SiteUrl",
    }

    assert read_by_driver <= set(template["Outputs"])


def test_given_the_deploy_driver_when_it_passes_parameters_then_the_template_declares_them(
    template,
):
    code = deploy_driver.FunctionCode("bucket", "worker.zip", "triggers.zip")
    passed = deploy_driver.stack_parameters("dev", code, "", web_acl_arn="arn", secret="secret")

    assert set(passed) <= set(template["Parameters"])
    assert (
        passed["WorkerArchitecture"]
        in template["Parameters"]["WorkerArchitecture"]["AllowedValues"]
    )


def test_given_the_dashboard_when_its_body_is_read_then_it_is_valid_json(resources):
    body, _variables = resources["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]

    widgets = json.loads(body)["widgets"]

    assert {widget["type"] for widget in widgets} == {"metric", "alarm"}


def test_given_every_alarm_then_the_dashboard_shows_its_state(resources):
    body, _variables = resources["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]
    alarm_widgets = [w for w in json.loads(body)["widgets"] if w["type"] == "alarm"]

    shown = {arn for widget in alarm_widgets for arn in widget["properties"]["alarms"]}

    alarms = [name for name, r in resources.items() if r["Type"] == "AWS::CloudWatch::Alarm"]
    assert shown == {f"${{{name}.Arn}}" for name in alarms}


def test_given_the_table_stream_function_then_an_alarm_watches_how_far_behind_it_is(resources):
    lag = [
        resource["Properties"]
        for resource in resources.values()
        if resource["Type"] == "AWS::CloudWatch::Alarm"
        and resource["Properties"].get("MetricName") == "IteratorAge"
    ]

    assert len(lag) == 1
    assert lag[0]["Dimensions"] == [
        {"Name": "FunctionName", "Value": {"Fn::Sub": "cloudgram-${Stage}-on_table_change"}}
    ]
    assert lag[0]["Statistic"] == "Maximum"


def test_given_a_skipped_checkov_check_when_read_then_it_says_why(resources):
    skips = [
        skip
        for resource in resources.values()
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", [])
    ]

    assert skips
    assert all(skip["id"].startswith("CKV") and len(skip["comment"]) > 20 for skip in skips)


def _content_security_policy(resources, stage: str, account: str, region: str) -> str:
    headers = resources["SecurityHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    separator, parts = headers["SecurityHeadersConfig"]["ContentSecurityPolicy"][
        "ContentSecurityPolicy"
    ]["Fn::Join"]
    variables = {"${Stage}": stage, "${AWS::AccountId}": account, "${AWS::Region}": region}
    resolved = []
    for part in parts:
        text = part["Fn::Sub"] if isinstance(part, dict) else part
        for placeholder, value in variables.items():
            text = text.replace(placeholder, value)
        resolved.append(text)
    return separator.join(resolved)


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_given_the_pages_csp_when_the_browser_posts_an_upload_then_s3s_address_is_allowed(
    resources, aws_environment, region
):
    account = "123456789012"
    bucket = f"cloudgram-dev-uploads-{account}-{region}"
    # The API signs uploads exactly like this (chalicelib/shared/aws_clients.py), offline.
    s3 = boto3.client("s3", region_name=region, config=Config(signature_version="s3v4"))
    upload_url = s3.generate_presigned_post(bucket, "uploads/photo-id")["url"]

    policy = _content_security_policy(resources, "dev", account, region)

    (connect_sources,) = [part for part in policy.split("; ") if part.startswith("connect-src")]
    assert f"https://{urlparse(upload_url).hostname}" in connect_sources.split()
    assert f"https://cognito-idp.{region}.amazonaws.com" in connect_sources.split()
