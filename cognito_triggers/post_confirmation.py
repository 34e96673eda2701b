"""Cognito's Post Confirmation trigger: the user pool calls this function once an account is
confirmed, and it makes the account's CloudGram profile there and then, so a friend who has just
signed up can be found and followed before they ever open the page.

Request path: page -> Cognito ConfirmSignUp -> this function -> the profile, its username
claim and the name item search finds it by, written in one transaction (all or nothing) ->
Cognito answers the page.

The API makes the same profile on a person's first call if it is missing
(chalicelib/people/profiles.py:ensure_profile), which is what accounts confirmed before this
trigger existed rely on. So the trigger is a head start, never a gate: a profile that exists
already, a username claimed by an older account, or DynamoDB out of reach is logged and the
confirmation goes ahead (raising would make Cognito answer the page with an error for an account
it has confirmed all the same). It acts on confirmed sign-ups only, not on the confirmation of a
forgotten password (the same trigger, another `triggerSource`).

Locally moto never runs triggers, so the local stack calls this same function with the same
event when an account is confirmed (infra/local/cognito_like_aws.py).
"""

import functools
import logging
import os
from datetime import UTC, datetime

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from cognito_triggers import table_keys

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)
CONFIRMED_SIGN_UP = "PostConfirmation_ConfirmSignUp"


def lambda_handler(event: dict, context) -> dict:
    if event.get("triggerSource") != CONFIRMED_SIGN_UP:
        return event
    user_id = event["request"]["userAttributes"]["sub"]
    username = event["userName"]
    try:
        made = create_profile(user_id, username, _timestamp(datetime.now(UTC)))
    except (BotoCoreError, ClientError):
        # The API makes the profile on the person's first call instead.
        logger.exception("The profile could not be made at confirmation")
        return event
    if made:
        logger.info("Profile made at confirmation")
    else:
        logger.info("A profile or this username's claim was there already; nothing written")
    return event


def create_profile(user_id: str, username: str, joined_at: str) -> bool:
    """The profile, its username claim and its name item, all or nothing, as the API writes them
    (chalicelib/people/profile_store.py:create_profile; a test holds the two alike); False if
    the profile or the claim exists already."""
    table_name = _table().name
    profile = {
        **table_keys.profile_key(user_id),
        "userId": user_id,
        "username": username,
        "joinedAt": joined_at,
        "photoCount": 0,
        "followerCount": 0,
        "followingCount": 0,
    }
    claim = {**table_keys.username_claim_key(username), "userId": user_id, "username": username}
    new_items = [
        {
            "Put": {
                "TableName": table_name,
                "Item": item,
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        for item in (profile, claim)
    ]
    name_key = table_keys.name_key(username, user_id)
    if name_key is not None:
        name = {**name_key, "userId": user_id, "username": username, "nameOf": "username"}
        new_items.append({"Put": {"TableName": table_name, "Item": name}})
    try:
        _table().meta.client.transact_write_items(TransactItems=new_items)
    except _table().meta.client.exceptions.TransactionCanceledException:
        return False
    return True


@functools.cache
def _table():
    """The table, with its client made once per Lambda environment (and swappable in tests)."""
    return boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def _timestamp(moment: datetime) -> str:
    """As the API writes a moment (chalicelib/shared/clock.py): ISO 8601, UTC, milliseconds."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
