"""The Post Confirmation trigger (cognito_triggers/post_confirmation.py) with Cognito's own event,
against in-process moto: it makes the very profile the API makes, once, whatever happens it lets
the confirmation through, and it leaves a confirmed forgotten password alone."""

import pytest
from botocore.exceptions import EndpointConnectionError

from chalicelib.people import profile_store
from chalicelib.shared import aws_clients, table_keys
from cognito_triggers import post_confirmation
from tests.support.cognito_events import post_confirmation_event

ANA = "4a709a36-7d63-4785-829d-4198b9b1f5c1"
BEN = "0f8fad5b-d9cb-469f-a165-70867728950e"


@pytest.fixture
def table(local_resources):
    """The local stack's table in moto, and the trigger's table client made afresh for it."""
    post_confirmation._table.cache_clear()
    yield aws_clients.dynamodb_table()
    post_confirmation._table.cache_clear()


def stored(table, key: dict) -> dict | None:
    return table.get_item(Key=key, ConsistentRead=True).get("Item")


def test_given_a_confirmed_sign_up_then_the_profile_and_its_claim_are_made(table):
    event = post_confirmation_event("Ana", ANA)

    answer = post_confirmation.lambda_handler(event, None)

    assert answer == event  # Cognito reads nothing back from this trigger
    profile = stored(table, table_keys.profile_key(ANA))
    assert profile["username"] == "Ana"
    assert stored(table, table_keys.username_claim_key("Ana"))["userId"] == ANA


def test_given_the_trigger_and_the_api_then_they_make_the_same_profile(table):
    post_confirmation.lambda_handler(post_confirmation_event("ana", ANA), None)
    profile_store.create_profile(BEN, "ben", "2026-12-06T10:00:00.000Z")

    by_trigger = stored(table, table_keys.profile_key(ANA))
    by_api = stored(table, table_keys.profile_key(BEN))

    assert set(by_trigger) == set(by_api)
    assert {name: by_trigger[name] for name in ("photoCount", "followerCount")} == {
        name: by_api[name] for name in ("photoCount", "followerCount")
    }
    assert len(by_trigger["joinedAt"]) == len(by_api["joinedAt"])  # the same time format


def test_given_the_event_twice_then_one_profile_and_its_counts_untouched(table):
    post_confirmation.lambda_handler(post_confirmation_event("ana", ANA), None)
    table.update_item(
        Key=table_keys.profile_key(ANA),
        UpdateExpression="SET followerCount = :three",
        ExpressionAttributeValues={":three": 3},
    )

    post_confirmation.lambda_handler(post_confirmation_event("ana", ANA), None)

    assert stored(table, table_keys.profile_key(ANA))["followerCount"] == 3


def test_given_a_name_claimed_by_an_older_account_then_nothing_is_written_and_no_error(table):
    profile_store.create_profile(BEN, "ana", "2026-12-01T10:00:00.000Z")

    post_confirmation.lambda_handler(post_confirmation_event("Ana", ANA), None)

    assert stored(table, table_keys.profile_key(ANA)) is None
    assert stored(table, table_keys.username_claim_key("ana"))["userId"] == BEN


def test_given_dynamodb_out_of_reach_then_the_confirmation_still_goes_through(
    table, monkeypatch, caplog
):
    def unreachable(**_):
        raise EndpointConnectionError(endpoint_url="https://dynamodb.us-east-1.amazonaws.com")

    monkeypatch.setattr(post_confirmation._table().meta.client, "transact_write_items", unreachable)
    event = post_confirmation_event("ana", ANA)

    assert post_confirmation.lambda_handler(event, None) == event
    assert "could not be made" in caplog.text


def test_given_a_confirmed_forgotten_password_then_nothing_is_written(table):
    event = post_confirmation_event("ana", ANA, "PostConfirmation_ConfirmForgotPassword")

    assert post_confirmation.lambda_handler(event, None) == event
    assert stored(table, table_keys.profile_key(ANA)) is None


def test_given_a_confirmed_sign_up_then_search_finds_it_by_the_name_item_the_api_writes(table):
    post_confirmation.lambda_handler(post_confirmation_event("Ana.Lima", ANA), None)
    profile_store.create_profile(BEN, "Ana.Silva", "2026-12-06T10:00:00.000Z")

    by_trigger = stored(table, table_keys.name_key("Ana.Lima", ANA))
    by_api = stored(table, table_keys.name_key("Ana.Silva", BEN))

    assert by_trigger == {
        "PK": "NAMES#a",
        "SK": f"analima#{ANA}",
        "userId": ANA,
        "username": "Ana.Lima",
        "nameOf": "username",
    }
    assert set(by_trigger) == set(by_api) and by_api["nameOf"] == by_trigger["nameOf"]
