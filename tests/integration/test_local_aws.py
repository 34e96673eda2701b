"""The local stack's AWS in two processes, as AWS keeps its services apart: DynamoDB and its
stream on an endpoint of their own, which no web page may call, and S3, SQS and Cognito on the
other (infra/local/stack.py), where the site's page may make its own Cognito calls (asking for a
new confirmation code among them) and none that needs an administrator."""

import json
import uuid

import boto3
import requests

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def test_given_the_stack_then_its_table_lives_on_the_dynamodb_endpoint_alone(local_stack):
    def tables_at(endpoint_url):
        dynamodb = boto3.client(
            "dynamodb", endpoint_url=endpoint_url, region_name="us-east-1", **CREDENTIALS
        )
        return dynamodb.list_tables()["TableNames"]

    assert tables_at(local_stack.dynamodb_endpoint_url) == ["cloudgram-photos"]
    # Nothing of the app's went to the other endpoint by mistake.
    assert tables_at(local_stack.aws_endpoint_url) == []


def test_given_the_sites_own_page_then_it_cannot_read_the_table(local_stack):
    scan = requests.post(
        f"{local_stack.dynamodb_endpoint_url}/",
        data=json.dumps({"TableName": "cloudgram-photos"}),
        headers={
            "Origin": local_stack.site_url,
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDB_20120810.Scan",
        },
        timeout=5,
    )

    assert scan.status_code == 403


def test_given_the_page_then_its_policy_lets_it_connect_to_no_dynamodb(client, local_stack):
    policy = client.http.get(client.site_url + "/", timeout=5).headers["Content-Security-Policy"]

    assert local_stack.aws_endpoint_url in policy
    assert local_stack.dynamodb_endpoint_url not in policy


def cognito_from_the_page(local_stack, operation: str, body: dict) -> requests.Response:
    """A Cognito call as the page sends it: unsigned JSON, from the site's own origin."""
    return requests.post(
        local_stack.config["cognito"]["endpoint"],
        data=json.dumps(body),
        headers={
            "Origin": local_stack.site_url,
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
        },
        timeout=5,
    )


def test_given_the_sites_page_then_it_may_ask_for_a_new_code_but_not_confirm_as_an_admin(
    local_stack,
):
    # Given someone who has signed up from the page and not confirmed yet
    client_id = local_stack.config["cognito"]["clientId"]
    username = f"resend{uuid.uuid4().hex[:8]}"
    signed_up = cognito_from_the_page(
        local_stack,
        "SignUp",
        {
            "ClientId": client_id,
            "Username": username,
            "Password": "Correct-Horse-42",
            "UserAttributes": [{"Name": "email", "Value": f"{username}@example.com"}],
        },
    )
    assert signed_up.status_code == 200, signed_up.text

    # When the page asks for a new code, then the local stack sends one (as far as it sends any)
    resent = cognito_from_the_page(
        local_stack, "ResendConfirmationCode", {"ClientId": client_id, "Username": username}
    )
    assert resent.status_code == 200, resent.text
    assert resent.json()["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert resent.headers["Access-Control-Allow-Origin"] in (local_stack.site_url, "*")

    # And the calls that need an administrator's credentials in AWS stay refused to the page
    user_pool_id = local_stack.config["cognito"]["userPoolId"]
    for operation in ("AdminConfirmSignUp", "AdminGetUser", "ListUsers"):
        refused = cognito_from_the_page(
            local_stack, operation, {"UserPoolId": user_pool_id, "Username": username}
        )
        assert refused.status_code == 403, operation
        assert f"{username}@example.com" not in refused.text
