"""The local Cognito signs tokens for as long as the app client says, as Cognito does
(infra/local/cognito_like_aws.py): before, moto gave every ID and access token an hour, so a
token the deployed pool would have let expire went on working locally."""

import jwt
import pytest

from infra.local.cognito_like_aws import token_lifetime_seconds
from infra.local.resource_definitions import APP_CLIENT_TOKENS, ResourceNames
from infra.local.resources import create_resources
from tests.support.fake_aws import CREDENTIALS, REGION

PASSWORD = "Correct-horse-42"


@pytest.fixture
def local_pool(aws_client, endpoint, monkeypatch):
    """The local stack's user pool and app client on the endpoint, with one confirmed person."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS["aws_access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS["aws_secret_access_key"])
    resources = create_resources(endpoint.url, REGION, ResourceNames(), ["http://localhost:8000"])
    cognito = aws_client("cognito-idp")
    cognito.sign_up(
        ClientId=resources.user_pool_client_id,
        Username="ana",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "ana@example.com"}],
    )
    cognito.admin_confirm_sign_up(UserPoolId=resources.user_pool_id, Username="ana")
    return cognito, resources.user_pool_client_id


def lifetime_seconds(token: str) -> int:
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["exp"] - claims["iat"]


def test_given_the_app_clients_lifetimes_then_signing_in_gives_tokens_that_live_that_long(
    local_pool,
):
    cognito, client_id = local_pool
    fifteen_minutes = 15 * 60

    # When the person signs in
    signed_in = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ana", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]

    # Then both tokens live 15 minutes, and ExpiresIn, which the page plans by, says so
    assert lifetime_seconds(signed_in["IdToken"]) == fifteen_minutes
    assert lifetime_seconds(signed_in["AccessToken"]) == fifteen_minutes
    assert signed_in["ExpiresIn"] == fifteen_minutes

    # And so do the tokens a refresh buys
    refreshed = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": signed_in["RefreshToken"]},
    )["AuthenticationResult"]
    assert lifetime_seconds(refreshed["IdToken"]) == fifteen_minutes
    assert refreshed["ExpiresIn"] == fifteen_minutes


@pytest.mark.parametrize(
    ("client_settings", "id_token_seconds"),
    [
        (APP_CLIENT_TOKENS, 15 * 60),
        ({}, 3600),  # Cognito's default: an hour
        ({"IdTokenValidity": 2}, 2 * 3600),  # a lifetime without a unit is in hours
        ({"IdTokenValidity": 300, "TokenValidityUnits": {"IdToken": "seconds"}}, 300),
        ({"IdTokenValidity": 1, "TokenValidityUnits": {"AccessToken": "minutes"}}, 3600),
    ],
)
def test_given_an_app_clients_settings_then_the_lifetime_is_cognitos(
    client_settings, id_token_seconds
):
    assert token_lifetime_seconds(client_settings, "id") == id_token_seconds
