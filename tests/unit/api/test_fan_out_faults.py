"""The fan-out failing in the middle of a batch, run through the local stand-in for Lambda's
stream trigger with the real on_table_change: the batch is retried from the failed record, and
every timeline ends up right: each photo once, none lost."""

import boto3
import pytest
from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from app import on_table_change
from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth, ready_photo, user_id
from tests.support.stream_loop import in_process_stream_loop

FOLLOWERS = ("alice", "bob", "carol")


@pytest.fixture
def stream(api_environment):
    loop = in_process_stream_loop(on_table_change, api_environment, max_retries=5)

    def drain() -> None:
        quiet = 0
        for _ in range(200):
            quiet = quiet + 1 if loop.poll_once() == 0 else 0
            if quiet == 2:
                return
        raise AssertionError("the stream never went quiet")

    return drain


def timeline_photo_ids(username: str) -> list[str]:
    items = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.timeline_partition(user_id(username)))
    )["Items"]
    return sorted(item["photoId"] for item in items)


def test_given_a_batch_write_throttled_mid_fan_out_then_every_timeline_ends_up_right(
    api, api_environment, make_token, stream, monkeypatch
):
    tokens = {name: make_token(name) for name in ("dave", *FOLLOWERS)}
    for name in tokens:
        api.http.get("/me", headers=auth(tokens[name]))
    for follower in FOLLOWERS:
        api.http.put("/users/dave/follow", headers=auth(tokens[follower]))
    stream()
    client = aws_clients.dynamodb_table().meta.client
    real_batch_write = client.batch_write_item
    calls = {"count": 0}

    def throttled_on_the_second_call(**request):
        calls["count"] += 1
        if calls["count"] == 2:
            raise ClientError(
                {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow"}},
                "BatchWriteItem",
            )
        return real_batch_write(**request)

    monkeypatch.setattr(client, "batch_write_item", throttled_on_the_second_call)
    photos = sorted(ready_photo(api, tokens["dave"]) for _ in range(3))

    stream()

    assert calls["count"] > 3  # the failed fan-out was retried
    for name in ("dave", *FOLLOWERS):
        assert timeline_photo_ids(name) == photos, name
    dead_letters = boto3.client("sqs").get_queue_attributes(
        QueueUrl=api_environment.table_stream_dead_letter_queue_url,
        AttributeNames=["ApproximateNumberOfMessages"],
    )["Attributes"]["ApproximateNumberOfMessages"]
    assert dead_letters == "0"
