"""The local Cognito does what the deployed pool does at sign-up, over HTTP as the page calls it:
it runs the Pre Sign-up trigger with Cognito's event and refuses as Cognito refuses, and it
ignores case in usernames. Before, moto accepted "ｋarl", " karl" and "Karl" beside "karl", each
as an account of its own."""

import json

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

from infra.local import cognito_like_aws
from tests.support.cognito_events import PRE_SIGN_UP_EVENT
from tests.support.fake_aws import CREDENTIALS, REGION, SITE_ORIGIN

PASSWORD = "Correct-Horse-42"


def sign_up_from_the_page(site_endpoint, resources, username) -> requests.Response:
    """Cognito's SignUp as the page sends it: unsigned JSON from the site's origin."""
    return requests.post(
        site_endpoint + "/",
        data=json.dumps(
            {
                "ClientId": resources.user_pool_client_id,
                "Username": username,
                "Password": PASSWORD,
                "UserAttributes": [{"Name": "email", "Value": "someone@example.com"}],
            }
        ),
        headers={
            "Origin": SITE_ORIGIN,
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSCognitoIdentityProviderService.SignUp",
        },
        timeout=5,
    )


def usernames(site_endpoint, resources) -> list[str]:
    cognito = boto3.client(
        "cognito-idp", endpoint_url=site_endpoint, region_name=REGION, **CREDENTIALS
    )
    users = cognito.list_users(UserPoolId=resources.user_pool_id)["Users"]
    return sorted(user["Username"] for user in users)


@pytest.mark.parametrize(
    ("username", "named"),
    [
        ("\uff4barl", "“ｋ” (U+FF4B FULLWIDTH LATIN SMALL LETTER K)"),
        ("\u212aarl", "“\u212a” (U+212A KELVIN SIGN)"),
        ("kar\u0131", "“ı” (U+0131 LATIN SMALL LETTER DOTLESS I)"),
    ],
)
def test_given_a_look_alike_when_signing_up_then_the_trigger_refuses_as_cognito_does(
    site_endpoint, user_pool, username, named
):
    response = sign_up_from_the_page(site_endpoint, user_pool, username)

    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"] == "UserLambdaValidationException"
    assert response.json() == {
        "__type": "UserLambdaValidationException",
        "message": "PreSignUp failed with error A username may use only the letters A to Z, "
        f"digits, dots, dashes and underscores; {named} is not one of them.",
    }
    # The page on the site's origin can read the refusal, to show it.
    assert response.headers["Access-Control-Allow-Origin"] in (SITE_ORIGIN, "*")
    assert usernames(site_endpoint, user_pool) == []


@pytest.mark.parametrize("username", [" karl", "karl "])
def test_given_spaces_around_a_name_when_boto3_signs_up_then_it_is_refused_too(
    site_endpoint, user_pool, username
):
    # The rule holds for every client of SignUp, not only for the page.
    cognito = boto3.client(
        "cognito-idp", endpoint_url=site_endpoint, region_name=REGION, **CREDENTIALS
    )

    with pytest.raises(ClientError) as refusal:
        cognito.sign_up(
            ClientId=user_pool.user_pool_client_id,
            Username=username,
            Password=PASSWORD,
            UserAttributes=[{"Name": "email", "Value": "someone@example.com"}],
        )

    assert refusal.value.response["Error"]["Code"] == "UserLambdaValidationException"
    assert refusal.value.response["Error"]["Message"] == (
        "PreSignUp failed with error A username cannot contain spaces."
    )
    assert usernames(site_endpoint, user_pool) == []


@pytest.mark.parametrize("taken_again_as", ["karl", "Karl", "KARL"])
def test_given_karl_when_someone_signs_up_in_any_case_then_the_name_is_taken(
    site_endpoint, user_pool, taken_again_as
):
    assert sign_up_from_the_page(site_endpoint, user_pool, "karl").status_code == 200

    response = sign_up_from_the_page(site_endpoint, user_pool, taken_again_as)

    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"] == "UsernameExistsException"
    assert response.json()["message"] == "User already exists"
    assert usernames(site_endpoint, user_pool) == ["karl"]


def test_given_a_good_name_then_the_account_is_made_as_it_was_typed(site_endpoint, user_pool):
    response = sign_up_from_the_page(site_endpoint, user_pool, "Karl.Marx-1818")

    assert response.status_code == 200
    assert usernames(site_endpoint, user_pool) == ["Karl.Marx-1818"]


def test_given_a_sign_up_then_the_trigger_gets_cognitos_event(
    site_endpoint, user_pool, monkeypatch
):
    events = []

    def recording_trigger(event, context):
        events.append(event)
        return event

    monkeypatch.setattr(cognito_like_aws, "PRE_SIGN_UP_TRIGGER", recording_trigger)

    sign_up_from_the_page(site_endpoint, user_pool, "karl")

    (event,) = events
    assert event.keys() == PRE_SIGN_UP_EVENT.keys()
    assert event["request"].keys() == PRE_SIGN_UP_EVENT["request"].keys()
    assert event["callerContext"].keys() == PRE_SIGN_UP_EVENT["callerContext"].keys()
    assert event["response"] == PRE_SIGN_UP_EVENT["response"]
    assert (event["triggerSource"], event["userName"]) == ("PreSignUp_SignUp", "karl")
    assert (event["userPoolId"], event["region"]) == (user_pool.user_pool_id, REGION)
    assert event["callerContext"]["clientId"] == user_pool.user_pool_client_id
    assert event["request"]["userAttributes"] == {"email": "someone@example.com"}


def test_given_a_trigger_that_fails_then_cognito_refuses_with_its_message(
    site_endpoint, user_pool, monkeypatch
):
    def broken_trigger(event, context):
        raise KeyError("userName")

    monkeypatch.setattr(cognito_like_aws, "PRE_SIGN_UP_TRIGGER", broken_trigger)

    response = sign_up_from_the_page(site_endpoint, user_pool, "karl")

    assert response.headers["x-amzn-ErrorType"] == "UserLambdaValidationException"
    assert response.json()["message"] == "PreSignUp failed with error 'userName'."
