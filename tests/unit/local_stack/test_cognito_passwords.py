"""The local Cognito handles a forgotten password, a refreshed token's sign-in time and a global
sign-out as Cognito does, over HTTP as the page asks (infra/local/cognito_like_aws.py): before,
moto's ForgotPassword answered an unknown username in another shape than a real one (telling who
has an account), its ConfirmForgotPassword said "not found" for an unknown username and took a
weak password, and every refreshed token looked like a fresh sign-in (`auth_time` = now), which
would let DELETE /me pass without the recent sign-in it asks for."""

from types import SimpleNamespace

import jwt
import pytest
import requests

from infra.local import cognito_like_aws
from tests.support.cognito_from_the_page import from_the_page
from tests.support.fake_aws import SITE_ORIGIN

PASSWORD = "Correct-Horse-42"
NEW_PASSWORD = "Another-Horse-43"


@pytest.fixture
def person(site_endpoint, user_pool):
    """A confirmed account, "ana", in the local stack's pool: (endpoint, app client id)."""
    client_id = user_pool.user_pool_client_id
    signed_up = from_the_page(
        site_endpoint,
        "SignUp",
        {
            "ClientId": client_id,
            "Username": "ana",
            "Password": PASSWORD,
            "UserAttributes": [{"Name": "email", "Value": "ana@example.com"}],
        },
    )
    assert signed_up.status_code == 200, signed_up.text
    confirmed = from_the_page(
        site_endpoint,
        "ConfirmSignUp",
        {"ClientId": client_id, "Username": "ana", "ConfirmationCode": "123456"},
    )
    assert confirmed.status_code == 200, confirmed.text
    return site_endpoint, client_id


def sign_in(site_endpoint, client_id, password=PASSWORD) -> requests.Response:
    return from_the_page(
        site_endpoint,
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": "ana", "PASSWORD": password},
        },
    )


def refresh(site_endpoint, client_id, refresh_token) -> requests.Response:
    return from_the_page(
        site_endpoint,
        "InitiateAuth",
        {
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"REFRESH_TOKEN": refresh_token},
        },
    )


def claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_given_a_known_and_an_unknown_username_then_forgot_password_answers_both_alike(person):
    site_endpoint, client_id = person

    # When the page asks for a code for ana, and for a name nobody has
    known = from_the_page(
        site_endpoint, "ForgotPassword", {"ClientId": client_id, "Username": "ana"}
    )
    unknown = from_the_page(
        site_endpoint, "ForgotPassword", {"ClientId": client_id, "Username": "nobody"}
    )

    # Then both answers say a code went to a masked e-mail address, in the same shape
    assert known.status_code == unknown.status_code == 200
    assert known.json()["CodeDeliveryDetails"] == {
        "Destination": "a***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    assert unknown.json()["CodeDeliveryDetails"] == {
        "Destination": "n***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    # And no header of moto's tells a real account's answer apart either
    moto_code = "x-moto-forgot-password-confirmation-code"
    assert known.headers.get(moto_code) == unknown.headers.get(moto_code)
    assert "moto-confirmation-code" not in known.headers.get(moto_code, "")
    assert known.headers.get("Access-Control-Allow-Origin") in (SITE_ORIGIN, "*")


def test_given_a_forgotten_password_when_any_code_and_a_new_password_are_sent_then_it_is_the_one(
    person,
):
    site_endpoint, client_id = person
    from_the_page(site_endpoint, "ForgotPassword", {"ClientId": client_id, "Username": "ana"})

    # When the page sends a code (locally any code works) and a new password
    confirmed = from_the_page(
        site_endpoint,
        "ConfirmForgotPassword",
        {
            "ClientId": client_id,
            "Username": "ana",
            "ConfirmationCode": "000000",
            "Password": NEW_PASSWORD,
        },
    )

    # Then the new password signs in, and the old one no longer does
    assert confirmed.status_code == 200, confirmed.text
    assert sign_in(site_endpoint, client_id, NEW_PASSWORD).status_code == 200
    refused = sign_in(site_endpoint, client_id, PASSWORD)
    assert refused.status_code == 400
    assert refused.json()["__type"] == "NotAuthorizedException"


@pytest.mark.parametrize(
    ("username", "password", "refusal"),
    [
        ("nobody", NEW_PASSWORD, "CodeMismatchException"),  # as a wrong code: nothing revealed
        ("ana", "weak", "InvalidPasswordException"),
    ],
)
def test_given_an_unknown_name_or_a_weak_password_then_the_new_password_is_refused_as_cognito_does(
    person, username, password, refusal
):
    site_endpoint, client_id = person

    answer = from_the_page(
        site_endpoint,
        "ConfirmForgotPassword",
        {
            "ClientId": client_id,
            "Username": username,
            "ConfirmationCode": "000000",
            "Password": password,
        },
    )

    assert answer.status_code == 400
    assert answer.json()["__type"] == refusal
    # And ana's password is still the one she chose
    assert sign_in(site_endpoint, client_id, PASSWORD).status_code == 200


def test_given_a_sign_in_when_its_tokens_are_refreshed_later_then_auth_time_is_the_sign_ins(
    person, monkeypatch
):
    site_endpoint, client_id = person
    clock = SimpleNamespace(now=1_900_000_000)
    monkeypatch.setattr(cognito_like_aws, "time", SimpleNamespace(time=lambda: clock.now))

    # Given ana signed in with her password
    signed_in = sign_in(site_endpoint, client_id).json()["AuthenticationResult"]
    assert claims(signed_in["IdToken"])["auth_time"] == clock.now

    # When ten minutes later the page refreshes its tokens
    clock.now += 600
    refreshed = refresh(site_endpoint, client_id, signed_in["RefreshToken"]).json()
    refreshed = refreshed["AuthenticationResult"]

    # Then the new tokens still say she signed in ten minutes ago, as Cognito's do
    assert claims(refreshed["IdToken"])["auth_time"] == clock.now - 600
    assert claims(refreshed["AccessToken"])["auth_time"] == clock.now - 600

    # And when she signs in with her password again, that is a new sign-in, at now
    again = sign_in(site_endpoint, client_id).json()["AuthenticationResult"]
    assert claims(again["IdToken"])["auth_time"] == clock.now


def test_given_two_devices_when_one_signs_out_everywhere_then_no_refresh_token_works(person):
    site_endpoint, client_id = person
    here = sign_in(site_endpoint, client_id).json()["AuthenticationResult"]
    elsewhere = sign_in(site_endpoint, client_id).json()["AuthenticationResult"]

    # When the page signs out everywhere with its access token
    signed_out = from_the_page(site_endpoint, "GlobalSignOut", {"AccessToken": here["AccessToken"]})

    # Then neither device's refresh token buys new tokens, as in Cognito
    assert signed_out.status_code == 200, signed_out.text
    for device in (here, elsewhere):
        refused = refresh(site_endpoint, client_id, device["RefreshToken"])
        assert refused.status_code == 400
        assert refused.json()["__type"] == "NotAuthorizedException"
    # And a new password sign-in works again
    assert sign_in(site_endpoint, client_id).status_code == 200


def test_given_the_current_password_then_change_password_takes_the_new_one_and_refuses_a_wrong_one(
    person,
):
    site_endpoint, client_id = person
    access_token = sign_in(site_endpoint, client_id).json()["AuthenticationResult"]["AccessToken"]

    def change(previous):
        return from_the_page(
            site_endpoint,
            "ChangePassword",
            {
                "AccessToken": access_token,
                "PreviousPassword": previous,
                "ProposedPassword": NEW_PASSWORD,
            },
        )

    # When the current password is wrong, then Cognito says NotAuthorizedException
    wrong = change("Not-The-Password-1")
    assert wrong.status_code == 400
    assert wrong.json()["__type"] == "NotAuthorizedException"

    # When it is right, then the new password is the one that signs in
    assert change(PASSWORD).status_code == 200
    assert sign_in(site_endpoint, client_id, NEW_PASSWORD).status_code == 200


def test_given_an_unknown_username_when_signing_in_then_the_answer_is_a_wrong_password(person):
    site_endpoint, client_id = person

    # When the page signs in as a name nobody has, and as ana with a wrong password
    unknown = from_the_page(
        site_endpoint,
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": "nobody", "PASSWORD": PASSWORD},
        },
    )
    wrong = sign_in(site_endpoint, client_id, password="Not-The-Password-1")

    # Then both get Cognito's answer to a wrong password: nothing tells which names exist
    assert unknown.status_code == wrong.status_code == 400
    assert unknown.json() == wrong.json()
    assert unknown.json()["__type"] == "NotAuthorizedException"
