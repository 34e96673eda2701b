"""Web pages may ask the local AWS endpoint only what CloudGram's page asks, from its origin:
before, any page could write to the media bucket and list every user with their e-mail. And the
local Cognito revokes refresh tokens, as the deployed pool does."""

import json

import boto3
import pytest
import requests

from infra.local.aws_endpoint import NO_PAGE, SitePage, start_local_aws_endpoint
from infra.local.resource_definitions import ResourceNames
from infra.local.resources import create_resources
from tests.support.fake_aws import CREDENTIALS, REGION

SITE = "http://localhost:8000"
STRANGER = "http://evil.example"
COGNITO = "AWSCognitoIdentityProviderService."
NAMES = ResourceNames()


@pytest.fixture(scope="module")
def stack_aws():
    endpoint = start_local_aws_endpoint(site_page=SitePage([SITE], NAMES.uploads_bucket))
    requests.post(f"{endpoint.url}/moto-api/reset", timeout=5)
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS["aws_access_key_id"])
        environment.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS["aws_secret_access_key"])
        resources = create_resources(endpoint.url, REGION, NAMES, [SITE])
    yield endpoint.url, resources
    endpoint.stop()


def cognito(url, operation, body, origin):
    return requests.post(
        url + "/",
        data=json.dumps(body),
        headers={
            "Origin": origin,
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": COGNITO + operation,
        },
        timeout=5,
    )


def post_preflight(address, origin):
    """The CORS preflight a browser sends before a POST with a Content-Type of its own."""
    return requests.options(
        address,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=5,
    )


def sign_up(url, resources, username, origin=SITE):
    return cognito(
        url,
        "SignUp",
        {
            "ClientId": resources.user_pool_client_id,
            "Username": username,
            "Password": "Correct-Horse-42",
            "UserAttributes": [{"Name": "email", "Value": f"{username}@example.com"}],
        },
        origin,
    )


def test_given_the_sites_page_then_sign_up_works_as_before(stack_aws):
    url, resources = stack_aws

    response = sign_up(url, resources, "page-user")

    assert response.status_code == 200
    assert response.headers.get("Access-Control-Allow-Origin") in (SITE, "*")


def test_given_another_origin_then_even_the_pages_own_calls_are_refused(stack_aws):
    url, resources = stack_aws

    response = sign_up(url, resources, "stranger-user", origin=STRANGER)

    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


def test_given_the_sites_origin_then_calls_the_page_never_makes_are_refused(stack_aws):
    url, resources = stack_aws
    sign_up(url, resources, "listed-user")

    listing = cognito(url, "ListUsers", {"UserPoolId": resources.user_pool_id}, SITE)

    assert listing.status_code == 403
    assert "listed-user@example.com" not in listing.text


@pytest.mark.parametrize(("origin", "status"), [(SITE, 200), (STRANGER, 403)])
def test_given_an_account_to_confirm_then_only_the_sites_page_may_ask_for_a_new_code(
    stack_aws, origin, status
):
    url, resources = stack_aws
    sign_up(url, resources, f"resend-{status}")

    response = cognito(
        url,
        "ResendConfirmationCode",
        {"ClientId": resources.user_pool_client_id, "Username": f"resend-{status}"},
        origin,
    )

    assert response.status_code == status


ACCOUNT_OPERATIONS = {
    "ForgotPassword": {"Username": "forgetful-user"},
    "ConfirmForgotPassword": {
        "Username": "forgetful-user",
        "ConfirmationCode": "123456",
        "Password": "Another-Horse-43",
    },
    "ChangePassword": {
        "AccessToken": "not-a-token",
        "PreviousPassword": "Correct-Horse-42",
        "ProposedPassword": "Another-Horse-43",
    },
    "GlobalSignOut": {"AccessToken": "not-a-token"},
}


@pytest.mark.parametrize("operation", sorted(ACCOUNT_OPERATIONS))
@pytest.mark.parametrize("origin", [SITE, STRANGER])
def test_given_the_account_settings_calls_then_only_the_sites_page_reaches_cognito(
    stack_aws, operation, origin
):
    url, resources = stack_aws
    sign_up(url, resources, "forgetful-user")
    body = {"ClientId": resources.user_pool_client_id, **ACCOUNT_OPERATIONS[operation]}

    response = cognito(url, operation, body, origin)

    if origin == STRANGER:
        assert response.status_code == 403
        assert "Access-Control-Allow-Origin" not in response.headers
    else:
        # Cognito's own answer (a made-up token is refused with its error), not the guard's 403
        assert response.status_code in (200, 400), response.text
        assert response.headers.get("Access-Control-Allow-Origin") in (SITE, "*")
        if response.status_code == 400:
            assert response.json()["__type"] == "NotAuthorizedException"


@pytest.mark.parametrize("operation", ["AdminConfirmSignUp", "AdminResetUserPassword"])
def test_given_the_sites_origin_then_the_admin_side_of_confirmation_stays_refused(
    stack_aws, operation
):
    url, resources = stack_aws
    sign_up(url, resources, f"admin-{operation.lower()}")

    response = cognito(
        url,
        operation,
        {"UserPoolId": resources.user_pool_id, "Username": f"admin-{operation.lower()}"},
        SITE,
    )

    assert response.status_code == 403


@pytest.mark.parametrize("origin", [SITE, STRANGER])
def test_given_a_browser_then_it_cannot_write_to_the_media_bucket(stack_aws, origin):
    url, _ = stack_aws

    put = requests.put(
        f"{url}/{NAMES.media_bucket}/media/x/feed.webp",
        data=b"defaced",
        headers={"Origin": origin},
        timeout=5,
    )
    preflight = requests.options(
        f"{url}/{NAMES.media_bucket}/media/x/feed.webp",
        headers={"Origin": origin, "Access-Control-Request-Method": "PUT"},
        timeout=5,
    )

    assert put.status_code == preflight.status_code == 403
    keys = boto3.client("s3", endpoint_url=url, region_name=REGION, **CREDENTIALS).list_objects_v2(
        Bucket=NAMES.media_bucket
    )
    assert keys.get("KeyCount", 0) == 0


def an_upload_waiting(url) -> None:
    boto3.client("s3", endpoint_url=url, region_name=REGION, **CREDENTIALS).put_object(
        Bucket=NAMES.uploads_bucket, Key="uploads/waiting.jpg", Body=b"a photo"
    )


def uploads_left(url) -> list[str]:
    listed = boto3.client("s3", endpoint_url=url, region_name=REGION, **CREDENTIALS)
    return [item["Key"] for item in listed.list_objects_v2(Bucket=NAMES.uploads_bucket)["Contents"]]


DELETE_THE_UPLOAD = b"<Delete><Object><Key>uploads/waiting.jpg</Key></Object></Delete>"


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "multipart/form-data; boundary=x"],
    ids=["plain text, which needs no preflight", "a form"],
)
def test_given_the_sites_origin_when_a_post_asks_the_uploads_bucket_to_delete_then_403(
    stack_aws, content_type
):
    # Given an upload waiting for the worker
    url, _ = stack_aws
    an_upload_waiting(url)

    # When a page on the site's own origin posts S3's DeleteObjects (`?delete`) to the bucket
    response = requests.post(
        f"{url}/{NAMES.uploads_bucket}?delete",
        data=DELETE_THE_UPLOAD,
        headers={"Origin": SITE, "Content-Type": content_type},
        timeout=5,
    )

    # Then it is refused and the upload is still there
    assert response.status_code == 403
    assert uploads_left(url) == ["uploads/waiting.jpg"]


def test_given_the_sites_origin_when_a_post_to_the_bucket_is_not_a_form_then_403(stack_aws):
    url, _ = stack_aws

    response = requests.post(
        f"{url}/{NAMES.uploads_bucket}",
        data=b"key=uploads/x.jpg",
        headers={"Origin": SITE, "Content-Type": "text/plain"},
        timeout=5,
    )

    assert response.status_code == 403


def test_given_the_sites_origin_when_a_cognito_call_carries_a_query_then_403(stack_aws):
    url, resources = stack_aws

    response = requests.post(
        url + "/?Action=ListUsers",
        data=json.dumps({"ClientId": resources.user_pool_client_id}),
        headers={
            "Origin": SITE,
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": COGNITO + "InitiateAuth",
        },
        timeout=5,
    )

    assert response.status_code == 403


@pytest.mark.parametrize(("origin", "allowed"), [(SITE, True), (STRANGER, False)])
def test_given_an_upload_preflight_then_only_the_site_may_post(stack_aws, origin, allowed):
    url, _ = stack_aws

    preflight = post_preflight(f"{url}/{NAMES.uploads_bucket}", origin)

    assert (preflight.status_code == 200) is allowed


def test_given_a_revoked_refresh_token_then_it_buys_no_new_tokens(stack_aws):
    url, resources = stack_aws
    client_id = resources.user_pool_client_id
    sign_up(url, resources, "leaving-user")
    boto3.client("cognito-idp", endpoint_url=url, region_name=REGION, **CREDENTIALS)
    cognito(
        url,
        "ConfirmSignUp",
        {"ClientId": client_id, "Username": "leaving-user", "ConfirmationCode": "1"},
        SITE,
    )
    signed_in = cognito(
        url,
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": "leaving-user", "PASSWORD": "Correct-Horse-42"},
        },
        SITE,
    ).json()["AuthenticationResult"]
    refresh = {
        "AuthFlow": "REFRESH_TOKEN_AUTH",
        "ClientId": client_id,
        "AuthParameters": {"REFRESH_TOKEN": signed_in["RefreshToken"]},
    }
    assert cognito(url, "InitiateAuth", refresh, SITE).status_code == 200

    revoked = cognito(
        url, "RevokeToken", {"Token": signed_in["RefreshToken"], "ClientId": client_id}, SITE
    )
    refused = cognito(url, "InitiateAuth", refresh, SITE)

    assert revoked.status_code == 200
    assert refused.status_code == 400
    assert refused.json()["__type"] == "NotAuthorizedException"
    assert refused.headers.get("Access-Control-Allow-Origin") == SITE


def rebound(url: str) -> str:
    """The Host a page's requests carry once it has pointed its own name at this machine (DNS
    rebinding): its own domain, with the endpoint's port."""
    return "rebound.example:" + url.rsplit(":", 1)[1]


def test_given_a_rebound_name_when_a_page_asks_cognito_without_origin_then_403(stack_aws):
    # Given someone signed up
    url, resources = stack_aws
    sign_up(url, resources, "rebinding-victim")

    # When a page whose own name now points at 127.0.0.1 asks for the users, as its own origin
    # (so no Origin header), addressed to its own name
    listing = requests.post(
        url + "/",
        data=json.dumps({"UserPoolId": resources.user_pool_id}),
        headers={
            "Host": rebound(url),
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": COGNITO + "ListUsers",
        },
        timeout=5,
    )

    # Then it is refused, and no e-mail leaks
    assert listing.status_code == 403
    assert "rebinding-victim@example.com" not in listing.text


def test_given_a_rebound_name_when_a_page_lists_a_bucket_then_403(stack_aws):
    url, _ = stack_aws
    an_upload_waiting(url)

    # moto reads a bucket's name from the first label of a dotted Host (S3's virtual-host
    # style), so a page whose name starts with the bucket's lists the bucket at `/`.
    listing = requests.get(
        f"{url}/", headers={"Host": f"{NAMES.uploads_bucket}.{rebound(url)}"}, timeout=5
    )

    assert listing.status_code == 403
    assert "waiting.jpg" not in listing.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_given_boto3_at_either_loopback_name_then_its_calls_pass(stack_aws, host):
    url, resources = stack_aws
    endpoint = url.replace("127.0.0.1", host)
    cognito_client = boto3.client(
        "cognito-idp", endpoint_url=endpoint, region_name=REGION, **CREDENTIALS
    )

    pool = cognito_client.describe_user_pool(UserPoolId=resources.user_pool_id)

    assert pool["UserPool"]["Id"] == resources.user_pool_id


def test_given_no_origin_then_boto3_calls_pass_as_before(stack_aws):
    url, resources = stack_aws
    cognito_client = boto3.client(
        "cognito-idp", endpoint_url=url, region_name=REGION, **CREDENTIALS
    )

    users = cognito_client.list_users(UserPoolId=resources.user_pool_id)

    assert "Users" in users


@pytest.fixture(scope="module")
def dynamodb_endpoint():
    """An endpoint as the local stack's DynamoDB process serves it: for no page at all."""
    endpoint = start_local_aws_endpoint(site_page=NO_PAGE)
    yield endpoint.url
    endpoint.stop()


@pytest.mark.parametrize("origin", [SITE, STRANGER])
def test_given_the_dynamodb_endpoint_then_no_page_may_read_it(dynamodb_endpoint, origin):
    # Given a table that boto3 (no Origin) created and wrote to
    dynamodb = boto3.client(
        "dynamodb", endpoint_url=dynamodb_endpoint, region_name=REGION, **CREDENTIALS
    )
    dynamodb.create_table(
        TableName="secrets",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.put_item(TableName="secrets", Item={"id": {"S": "someone@example.com"}})
    try:
        # When a web page asks to scan it, even from the site's own origin
        scan = requests.post(
            f"{dynamodb_endpoint}/",
            data=json.dumps({"TableName": "secrets"}),
            headers={
                "Origin": origin,
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": "DynamoDB_20120810.Scan",
            },
            timeout=5,
        )
        preflight = post_preflight(f"{dynamodb_endpoint}/", origin)

        # Then both are refused, and boto3 still reads the table
        assert scan.status_code == preflight.status_code == 403
        assert "someone@example.com" not in scan.text
        assert dynamodb.scan(TableName="secrets")["Count"] == 1
    finally:
        dynamodb.delete_table(TableName="secrets")


def test_given_the_dynamodb_endpoint_when_a_rebound_page_lists_tables_then_403(
    dynamodb_endpoint,
):
    # A page that pointed its own name at 127.0.0.1 sends no Origin to what it takes for itself.
    listing = requests.post(
        f"{dynamodb_endpoint}/",
        data="{}",
        headers={
            "Host": rebound(dynamodb_endpoint),
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDB_20120810.ListTables",
        },
        timeout=5,
    )

    assert listing.status_code == 403
