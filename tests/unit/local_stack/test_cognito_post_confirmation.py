"""The local Cognito runs the user pool's Post Confirmation trigger as Cognito does
(infra/local/cognito_like_aws.py): an account confirmed from the page, or by an administrator,
has its CloudGram profile at once, made by the very function the deployed pool runs."""

import boto3

from chalicelib.shared import table_keys
from tests.support.fake_aws import CREDENTIALS, REGION
from tests.unit.local_stack.test_cognito_resend_code import cognito_admin, from_the_page, sign_up


def profile_in(site_endpoint, table_name: str, user_id: str) -> dict | None:
    table = boto3.resource(
        "dynamodb", endpoint_url=site_endpoint, region_name=REGION, **CREDENTIALS
    ).Table(table_name)
    return table.get_item(Key=table_keys.profile_key(user_id), ConsistentRead=True).get("Item")


def sub_of(site_endpoint, pool_id: str, username: str) -> str:
    user = cognito_admin(site_endpoint).admin_get_user(UserPoolId=pool_id, Username=username)
    return next(item["Value"] for item in user["UserAttributes"] if item["Name"] == "sub")


def test_given_a_sign_up_when_the_page_confirms_it_then_the_profile_exists_at_once(
    site_endpoint, user_pool
):
    # Given someone who has signed up and has no profile yet
    sign_up(site_endpoint, user_pool.user_pool_client_id, "Ana")
    user_id = sub_of(site_endpoint, user_pool.user_pool_id, "Ana")
    assert profile_in(site_endpoint, user_pool.names.table, user_id) is None

    # When the page confirms the account
    confirmed = from_the_page(
        site_endpoint,
        "ConfirmSignUp",
        {"ClientId": user_pool.user_pool_client_id, "Username": "Ana", "ConfirmationCode": "1"},
    )

    # Then the answer is Cognito's, and the profile is there before the person opens anything
    assert confirmed.status_code == 200
    profile = profile_in(site_endpoint, user_pool.names.table, user_id)
    assert (profile["userId"], profile["username"], profile["followerCount"]) == (user_id, "Ana", 0)


def test_given_an_administrator_confirming_then_the_profile_is_made_too(site_endpoint, user_pool):
    sign_up(site_endpoint, user_pool.user_pool_client_id, "ben")

    cognito_admin(site_endpoint).admin_confirm_sign_up(
        UserPoolId=user_pool.user_pool_id, Username="ben"
    )

    user_id = sub_of(site_endpoint, user_pool.user_pool_id, "ben")
    assert profile_in(site_endpoint, user_pool.names.table, user_id)["username"] == "ben"
