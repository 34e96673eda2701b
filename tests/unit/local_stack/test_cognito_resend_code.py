"""The local Cognito sends a new confirmation code as Cognito answers it, over HTTP as the page
asks (infra/local/cognito_like_aws.py): before, moto answered that ResendConfirmationCode is not
implemented, so the confirmation step's "Send a new code" could not work locally."""

import boto3
import pytest
import requests

from infra.local import cognito_like_aws
from tests.support.cognito_from_the_page import from_the_page
from tests.support.fake_aws import CREDENTIALS, REGION, SITE_ORIGIN

PASSWORD = "Correct-Horse-42"


def cognito_admin(site_endpoint):
    return boto3.client(
        "cognito-idp", endpoint_url=site_endpoint, region_name=REGION, **CREDENTIALS
    )


def sign_up(site_endpoint, client_id, username):
    response = from_the_page(
        site_endpoint,
        "SignUp",
        {
            "ClientId": client_id,
            "Username": username,
            "Password": PASSWORD,
            "UserAttributes": [{"Name": "email", "Value": f"{username}@example.com"}],
        },
    )
    assert response.status_code == 200, response.text


def resend(site_endpoint, client_id, username) -> requests.Response:
    return from_the_page(
        site_endpoint, "ResendConfirmationCode", {"ClientId": client_id, "Username": username}
    )


def test_given_an_account_waiting_for_its_code_when_the_page_asks_again_then_a_code_is_sent(
    site_endpoint, user_pool
):
    sign_up(site_endpoint, user_pool.user_pool_client_id, "ana")

    response = resend(site_endpoint, user_pool.user_pool_client_id, "ana")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "CodeDeliveryDetails": {
            "Destination": "a***@e***",
            "DeliveryMedium": "EMAIL",
            "AttributeName": "email",
        }
    }
    assert response.headers["Access-Control-Allow-Origin"] in (SITE_ORIGIN, "*")


def test_given_a_new_code_was_asked_for_when_any_code_is_entered_then_the_account_is_confirmed(
    site_endpoint, user_pool
):
    # Locally no e-mail is sent, so the code the person types is whatever they like
    sign_up(site_endpoint, user_pool.user_pool_client_id, "ana")
    assert resend(site_endpoint, user_pool.user_pool_client_id, "ana").status_code == 200

    confirmed = from_the_page(
        site_endpoint,
        "ConfirmSignUp",
        {
            "ClientId": user_pool.user_pool_client_id,
            "Username": "ana",
            "ConfirmationCode": "123456",
        },
    )

    assert confirmed.status_code == 200
    user = cognito_admin(site_endpoint).admin_get_user(
        UserPoolId=user_pool.user_pool_id, Username="ana"
    )
    assert user["UserStatus"] == "CONFIRMED"


def test_given_no_such_account_when_a_code_is_asked_for_then_the_answer_reveals_nothing(
    site_endpoint, user_pool
):
    # CloudGram's app client prevents user existence errors, as the template's does
    response = resend(site_endpoint, user_pool.user_pool_client_id, "nobody")

    assert response.status_code == 200, response.text
    details = response.json()["CodeDeliveryDetails"]
    assert details["DeliveryMedium"] == "EMAIL"
    assert details["Destination"].endswith("***")


def test_given_an_app_client_that_reveals_users_when_no_such_account_then_user_not_found(
    site_endpoint, user_pool
):
    legacy_client = cognito_admin(site_endpoint).create_user_pool_client(
        UserPoolId=user_pool.user_pool_id, ClientName="legacy", GenerateSecret=False
    )["UserPoolClient"]["ClientId"]

    response = resend(site_endpoint, legacy_client, "nobody")

    assert response.status_code == 400
    assert response.json() == {
        "__type": "UserNotFoundException",
        "message": cognito_like_aws.UNKNOWN_USER_MESSAGE,
    }


def test_given_a_confirmed_account_when_a_code_is_asked_for_then_it_is_refused_as_cognito_does(
    site_endpoint, user_pool
):
    sign_up(site_endpoint, user_pool.user_pool_client_id, "ana")
    cognito_admin(site_endpoint).admin_confirm_sign_up(
        UserPoolId=user_pool.user_pool_id, Username="ana"
    )

    response = resend(site_endpoint, user_pool.user_pool_client_id, "ana")

    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"].startswith("InvalidParameterException")
    assert response.json()["message"] == "User is already confirmed."


def test_given_an_unknown_app_client_when_a_code_is_asked_for_then_resource_not_found(
    site_endpoint, user_pool
):
    response = resend(site_endpoint, "no-such-client", "ana")

    assert response.status_code == 400
    assert response.json()["__type"] == "ResourceNotFoundException"


def test_given_boto3_when_a_code_is_asked_for_then_the_sdk_reads_the_answer(
    site_endpoint, user_pool
):
    sign_up(site_endpoint, user_pool.user_pool_client_id, "ana")

    answer = cognito_admin(site_endpoint).resend_confirmation_code(
        ClientId=user_pool.user_pool_client_id, Username="ana"
    )

    assert answer["CodeDeliveryDetails"]["Destination"] == "a***@e***"


@pytest.mark.parametrize(
    ("email", "masked"),
    [("ana@example.com", "a***@e***"), ("x@y", "x***@y***"), ("", "***@***")],
)
def test_given_an_address_when_masked_then_only_the_first_letters_show(email, masked):
    assert cognito_like_aws.masked_email(email) == masked
