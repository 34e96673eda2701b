"""infra/template.yaml (AWS) and infra/local/resource_definitions.py (the local stack) describe
the same resources; these tests keep them in agreement, so what runs locally runs in the cloud."""

from datetime import timedelta

from chalicelib.photos import status as photo_status
from chalicelib.shared import table_keys
from chalicelib.shared.site_page import SITE_PAGE_KEY
from infra.deploy import chalice_stage
from infra.local import cognito_like_aws, gateway, security_headers
from infra.local import resource_definitions as local
from infra.local.waf_like_aws import rate_limit_from_template
from infra.site_config import site_config

# The template names resources after its Stage parameter the way the local stack names them
# after its prefix.
TEMPLATE_NAMES = local.ResourceNames(prefix="cloudgram-${Stage}")


def test_given_the_table_when_compared_then_keys_indexes_and_billing_match(resources):
    table = resources["PhotosTable"]["Properties"]
    expected = local.table_definition(TEMPLATE_NAMES.table)

    assert table["TableName"] == {"Fn::Sub": expected["TableName"]}
    assert table["BillingMode"] == expected["BillingMode"]
    assert table["KeySchema"] == expected["KeySchema"]
    assert sorted(table["AttributeDefinitions"], key=str) == sorted(
        expected["AttributeDefinitions"], key=str
    )
    assert table["GlobalSecondaryIndexes"] == expected["GlobalSecondaryIndexes"]
    assert table["TimeToLiveSpecification"] == {
        "AttributeName": local.TIME_TO_LIVE_ATTRIBUTE,
        "Enabled": True,
    }
    assert table["StreamSpecification"]["StreamViewType"] == local.STREAM_VIEW_TYPE
    assert expected["StreamSpecification"]["StreamViewType"] == local.STREAM_VIEW_TYPE


def test_given_the_indexes_when_compared_then_names_are_the_ones_the_code_queries(
    resources,
):
    index_names = [
        index["IndexName"]
        for index in resources["PhotosTable"]["Properties"]["GlobalSecondaryIndexes"]
    ]

    local_names = [local.FEED_INDEX, local.OWNER_INDEX, local.LIKES_INDEX, local.AUTHOR_INDEX]
    assert index_names == local_names
    assert local_names == [
        table_keys.FEED_INDEX,
        table_keys.OWNER_INDEX,
        table_keys.LIKES_INDEX,
        table_keys.AUTHOR_INDEX,
    ]


def test_given_the_uploads_queue_when_compared_then_redrive_goes_to_the_dlq_after_n_tries(
    resources,
):
    queue = resources["UploadsQueue"]["Properties"]
    expected = local.redrive_policy({"Fn::GetAtt": ["DeadLetterQueue", "Arn"]})

    assert queue["RedrivePolicy"] == expected
    assert queue["VisibilityTimeout"] == local.QUEUE_VISIBILITY_TIMEOUT_SECONDS
    assert queue["QueueName"] == {"Fn::Sub": TEMPLATE_NAMES.uploads_queue}


def test_given_the_dead_letter_queue_when_compared_then_name_and_retention_match(resources):
    dead_letter_queue = resources["DeadLetterQueue"]["Properties"]

    assert dead_letter_queue["QueueName"] == {"Fn::Sub": TEMPLATE_NAMES.dead_letter_queue}
    assert dead_letter_queue["MessageRetentionPeriod"] == local.DEAD_LETTER_RETENTION_SECONDS


def test_given_the_table_stream_dead_letter_queue_when_compared_then_name_and_retention_match(
    resources,
):
    queue = resources["TableStreamDeadLetterQueue"]["Properties"]

    assert queue["QueueName"] == {"Fn::Sub": TEMPLATE_NAMES.table_stream_dead_letter_queue}
    assert queue["MessageRetentionPeriod"] == local.DEAD_LETTER_RETENTION_SECONDS


def test_given_the_worker_when_compared_then_it_knows_the_queues_max_receive_count(resources):
    worker = resources["ImageWorkerFunction"]["Properties"]

    assert worker["Environment"]["Variables"]["MAX_RECEIVE_COUNT"] == str(
        local.DEAD_LETTER_MAX_RECEIVE_COUNT
    )
    # AWS's advice: a queue's visibility timeout of at least six times its consumer's timeout.
    assert 6 * worker["Timeout"] <= local.QUEUE_VISIBILITY_TIMEOUT_SECONDS


def test_given_the_queues_tries_then_the_api_waits_for_all_of_them_before_giving_up(resources):
    queue = resources["UploadsQueue"]["Properties"]
    tries = queue["RedrivePolicy"]["maxReceiveCount"]

    assert timedelta(seconds=tries * queue["VisibilityTimeout"]) == photo_status.WORKER_TRIES_PERIOD


def test_given_the_uploads_bucket_cors_when_compared_then_methods_headers_and_max_age_match(
    resources,
):
    (rule,) = resources["UploadsBucket"]["Properties"]["CorsConfiguration"]["CorsRules"]
    (expected,) = local.upload_cors_rules(["https://site.example"])

    assert rule["AllowedMethods"] == expected["AllowedMethods"]
    assert rule["AllowedHeaders"] == expected["AllowedHeaders"]
    assert rule["ExposedHeaders"] == expected["ExposeHeaders"]
    assert rule["MaxAge"] == expected["MaxAgeSeconds"]


def test_given_the_uploads_bucket_cors_when_read_then_only_the_site_origin_may_post(resources):
    (rule,) = resources["UploadsBucket"]["Properties"]["CorsConfiguration"]["CorsRules"]

    assert rule["AllowedOrigins"] == [{"Fn::Sub": "https://${SiteDistribution.DomainName}"}]


def test_given_the_upload_notification_when_compared_then_event_and_prefix_filter_match(
    resources,
):
    (notification,) = resources["UploadsBucket"]["Properties"]["NotificationConfiguration"][
        "QueueConfigurations"
    ]
    (expected,) = local.upload_notification("queue-arn")["QueueConfigurations"]
    expected_rules = [
        {"Name": rule["Name"], "Value": rule["Value"]}
        for rule in expected["Filter"]["Key"]["FilterRules"]
    ]

    assert [notification["Event"]] == expected["Events"]
    assert notification["Filter"]["S3Key"]["Rules"] == expected_rules
    assert notification["Queue"] == {"Fn::GetAtt": ["UploadsQueue", "Arn"]}


def test_given_the_uploads_lifecycle_when_read_then_it_expires_only_the_uploads_prefix(
    resources,
):
    (rule,) = resources["UploadsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]

    assert rule["Prefix"] == local.UPLOADS_PREFIX
    assert rule["ExpirationInDays"] == 1


def test_given_cognito_when_compared_then_pool_and_client_names_match(resources):
    assert resources["UserPool"]["Properties"]["UserPoolName"] == {
        "Fn::Sub": TEMPLATE_NAMES.user_pool
    }
    assert resources["UserPoolClient"]["Properties"]["ClientName"] == {
        "Fn::Sub": TEMPLATE_NAMES.user_pool_client
    }


def test_given_the_user_pool_when_compared_then_case_and_the_pre_sign_up_trigger_match(resources):
    pool = resources["UserPool"]["Properties"]
    function = resources["PreSignUpFunction"]["Properties"]
    local_trigger = cognito_like_aws.PRE_SIGN_UP_TRIGGER

    assert pool["UsernameConfiguration"] == local.USERNAME_CONFIGURATION
    assert set(pool["LambdaConfig"]) == set(local.user_pool_triggers(local.ResourceNames(), "r"))
    assert function["FunctionName"] == {"Fn::Sub": TEMPLATE_NAMES.pre_sign_up_function}
    # The local stack calls the very function the deployed pool runs.
    assert function["Handler"] == f"{local_trigger.__module__}.{local_trigger.__name__}"


def test_given_the_user_pool_when_compared_then_the_post_confirmation_trigger_matches(resources):
    function = resources["PostConfirmationFunction"]["Properties"]
    local_trigger = cognito_like_aws.post_confirmation.lambda_handler

    assert function["FunctionName"] == {"Fn::Sub": TEMPLATE_NAMES.post_confirmation_function}
    # The local stack calls the very function the deployed pool runs, with the same table.
    assert function["Handler"] == f"{local_trigger.__module__}.{local_trigger.__name__}"
    assert function["Environment"]["Variables"] == {"TABLE_NAME": {"Ref": "PhotosTable"}}


def test_given_cloudfronts_security_headers_then_the_local_gateway_sends_the_same(resources):
    config = resources["SecurityHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    security = config["SecurityHeadersConfig"]
    directives = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Join"][1]
    local_headers = security_headers.security_headers("http://127.0.0.1:4566")
    local_directives = local_headers["Content-Security-Policy"].split("; ")

    # Every directive alike, in the same order; connect-src names the page's own origin first,
    # then where AWS is: Cognito and the uploads bucket there, the local AWS endpoint here.
    assert len(directives) == len(local_directives)
    for template_directive, local_directive in zip(directives, local_directives, strict=True):
        if isinstance(template_directive, dict):
            template_connect = template_directive["Fn::Sub"].split()
            assert template_connect[:2] == local_directive.split()[:2] == ["connect-src", "'self'"]
        else:
            assert template_directive == local_directive
    assert local_headers["Referrer-Policy"] == security["ReferrerPolicy"]["ReferrerPolicy"]
    assert local_headers["X-Frame-Options"] == security["FrameOptions"]["FrameOption"]
    assert local_headers["X-Content-Type-Options"] == "nosniff"
    assert "ContentTypeOptions" in security
    hsts = security["StrictTransportSecurity"]
    assert (
        f"max-age={hsts['AccessControlMaxAgeSec']}; includeSubDomains"
    ) == security_headers.STRICT_TRANSPORT_SECURITY


def test_given_the_user_pool_when_compared_then_the_password_policy_matches(resources):
    policy = resources["UserPool"]["Properties"]["Policies"]["PasswordPolicy"]

    assert policy == local.PASSWORD_POLICY


def test_given_the_user_pool_when_compared_then_forgotten_passwords_go_to_the_same_place(
    resources,
):
    recovery = resources["UserPool"]["Properties"]["AccountRecoverySetting"]

    assert recovery == local.ACCOUNT_RECOVERY_SETTING


def test_given_the_user_pool_then_the_page_checks_new_passwords_against_its_policy(resources):
    policy = resources["UserPool"]["Properties"]["Policies"]["PasswordPolicy"]

    page_settings = site_config(
        region="eu-west-1",
        user_pool_id="pool",
        user_pool_client_id="client",
        cognito_endpoint="https://cognito-idp.eu-west-1.amazonaws.com/",
        max_upload_bytes=1,
        local=False,
    )

    # config.json carries every rule a new password must meet, as the deployed pool says them
    assert page_settings["cognito"]["passwordPolicy"] == {
        "minimumLength": policy["MinimumLength"],
        "requireLowercase": policy["RequireLowercase"],
        "requireUppercase": policy["RequireUppercase"],
        "requireNumbers": policy["RequireNumbers"],
        "requireSymbols": policy["RequireSymbols"],
    }


def test_given_the_user_pool_when_compared_then_its_feature_plan_matches(resources):
    assert resources["UserPool"]["Properties"]["UserPoolTier"] == local.USER_POOL_TIER


def test_given_the_app_client_when_compared_then_token_lifetimes_and_revocation_match(resources):
    client = resources["UserPoolClient"]["Properties"]

    assert {setting: client[setting] for setting in local.APP_CLIENT_TOKENS} == (
        local.APP_CLIENT_TOKENS
    )


def test_given_the_app_client_when_compared_then_it_reveals_no_accounts_in_either(resources):
    client = resources["UserPoolClient"]["Properties"]

    assert {
        setting: client[setting] for setting in local.APP_CLIENT_USER_EXISTENCE_ERRORS
    } == local.APP_CLIENT_USER_EXISTENCE_ERRORS


def test_given_the_app_client_then_an_id_token_outlives_its_session_by_15_minutes_at_most(
    resources,
):
    client = resources["UserPoolClient"]["Properties"]
    id_token_seconds = cognito_like_aws.token_lifetime_seconds(client, "id")

    # An ID token is trusted until it expires, even after sign-out (design decision 11)
    assert id_token_seconds <= 15 * 60
    # The page plans its refresh by a sign-in's ExpiresIn, which is the access token's lifetime
    assert cognito_like_aws.token_lifetime_seconds(client, "access") == id_token_seconds


def test_given_cloudfronts_photo_pages_then_the_local_gateway_plays_the_same_behaviour(resources):
    config = resources["SiteDistribution"]["Properties"]["DistributionConfig"]
    _condition, behaviour, _no_api = config["CacheBehaviors"][-1]["Fn::If"]
    origins = {
        origin["Fn::If"][1]["Id"]: origin["Fn::If"][1]
        for origin in config["Origins"]
        if "Fn::If" in origin
    }

    # The same paths, sent to the API's stage below the same path, GET and HEAD only (the
    # gateway refuses other methods, 405, as it does on the site's files)
    assert behaviour["PathPattern"] == f"{gateway.PHOTO_PAGE_PREFIX}*"
    assert origins[behaviour["TargetOriginId"]]["OriginPath"] == gateway.API_PREFIX
    assert behaviour["AllowedMethods"] == ["GET", "HEAD"]
    # Every path that reaches the API counts towards the web ACL's limit, here and in AWS
    assert set(rate_limit_from_template().path_prefixes) == {
        f"{gateway.API_PREFIX}/",
        gateway.PHOTO_PAGE_PREFIX,
    }


def test_given_the_apis_role_then_it_may_read_the_site_page_in_the_bucket_it_is_given(
    template, resources
):
    statements = resources["ApiRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    (read,) = [statement for statement in statements if statement["Sid"] == "ReadSitePage"]
    bucket_output = chalice_stage.ENVIRONMENT_FROM_OUTPUTS["SITE_BUCKET"]

    # The object the API reads (and the local stack publishes), in the bucket the deploy names
    assert read["Resource"] == {"Fn::Sub": f"${{SiteBucket.Arn}}/{SITE_PAGE_KEY}"}
    assert template["Outputs"][bucket_output]["Value"] == {"Ref": "SiteBucket"}
    assert template["Outputs"][chalice_stage.ENVIRONMENT_FROM_OUTPUTS["SITE_URL"]]["Value"] == {
        "Fn::Sub": "https://${SiteDistribution.DomainName}"
    }


def test_given_the_exports_queue_when_compared_then_redrive_tries_and_visibility_match(resources):
    queue = resources["ExportsQueue"]["Properties"]
    expected = local.redrive_policy(
        {"Fn::GetAtt": ["ExportsDeadLetterQueue", "Arn"]}, local.EXPORTS_MAX_RECEIVE_COUNT
    )

    assert queue["QueueName"] == {"Fn::Sub": TEMPLATE_NAMES.exports_queue}
    assert queue["RedrivePolicy"] == expected
    assert queue["VisibilityTimeout"] == local.EXPORTS_QUEUE_VISIBILITY_TIMEOUT_SECONDS
    assert queue["SqsManagedSseEnabled"] is True
    dead_letter_queue = resources["ExportsDeadLetterQueue"]["Properties"]
    assert dead_letter_queue["QueueName"] == {"Fn::Sub": TEMPLATE_NAMES.exports_dead_letter_queue}
    assert dead_letter_queue["MessageRetentionPeriod"] == local.DEAD_LETTER_RETENTION_SECONDS


def test_given_the_export_function_then_its_last_try_is_the_queues_last_delivery():
    from chalicelib.accounts import export_job, exports

    assert export_job.EXPORT_ATTEMPTS == local.EXPORTS_MAX_RECEIVE_COUNT
    # A PENDING export is shown FAILED only after every try could have ended: each try waits
    # out the visibility timeout of the one before, and runs for the function's timeout at most.
    every_try = (
        local.EXPORTS_MAX_RECEIVE_COUNT - 1
    ) * local.EXPORTS_QUEUE_VISIBILITY_TIMEOUT_SECONDS
    every_try += local.EXPORT_FUNCTION_TIMEOUT_SECONDS
    assert exports.GIVE_UP_AFTER.total_seconds() > every_try


def test_given_the_exports_bucket_when_compared_then_name_privacy_and_lifecycle_match(resources):
    from chalicelib.accounts import exports

    bucket = resources["ExportsBucket"]["Properties"]
    [rule] = bucket["LifecycleConfiguration"]["Rules"]
    [local_rule] = local.EXPORTS_LIFECYCLE_RULES

    assert bucket["BucketName"] == {
        "Fn::Sub": f"{TEMPLATE_NAMES.exports_bucket}-${{AWS::AccountId}}-${{AWS::Region}}"
    }
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    assert rule["Id"] == local_rule["ID"]
    assert rule["Prefix"] == local_rule["Filter"]["Prefix"] == local.EXPORTS_PREFIX
    assert rule["ExpirationInDays"] == local_rule["Expiration"]["Days"] == exports.KEPT_FOR.days
    assert rule["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 1}
    assert local_rule["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 1}
    assert exports.archive_key("u", "e").startswith(local.EXPORTS_PREFIX)


def test_given_the_exports_bucket_then_it_refuses_every_request_without_tls(resources):
    [statement] = resources["ExportsBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]

    assert statement["Effect"] == "Deny"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
