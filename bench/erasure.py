"""Erasing a large account (`python -m bench.erasure`, part of `make bench`): 1,000 photos,
5,000 likes given and 1,000 followers, from DELETE /me until the table's stream is quiet; the
time it takes, the DynamoDB write units it costs, the number of steps in the chain and the
writes of the largest step.

It runs in-process against moto (`python -m bench.erasure`), calling the stream function the
way Lambda does, a batch of up to 100 records at a time, until no record is left. Not on the
local stack: its stream function runs in another process, where no hook can count the writes,
and setting up the account there through the API would take longer than the erasure itself.
The account's items are written straight into the table, shaped as the API writes them.

Write units follow DynamoDB's billing rule for on-demand tables, for items under 1 KB (all of
these are): 1 per item put, updated or deleted on its own or in a batch, 2 per item of a
transaction (ConditionCheck included). moto's own ConsumedCapacity is not a real figure. The
total includes what the erasure sets off from the stream besides its own steps (a deleted
photo's clean-up, the notifications that go with a removed like or follow). One run: a run
takes minutes on this machine, and the write units are the same every time.
"""

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from moto import mock_aws

from bench.in_process_aws import create_resources, fake_aws_environment

PHOTOS, LIKES_GIVEN, FOLLOWERS = 1000, 5000, 1000
OWNER, OTHER = "leaver", "photographer"
CREATED_AT = "2026-12-01T00:00:00.000Z"


def main(photos=PHOTOS, likes_given=LIKES_GIVEN, followers=FOLLOWERS) -> dict:
    fake_aws_environment()
    with mock_aws():
        _create_resources_and_stream()
        return _measure(photos, likes_given, followers)


def _create_resources_and_stream() -> None:
    """The local stack's resources in moto, their names in the environment, as Lambda has them;
    and the table's stream, which Lambda's trigger reads."""
    resources = create_resources()
    os.environ["BENCH_TABLE_STREAM_ARN"] = resources.table_stream_arn


def _measure(photos: int, likes_given: int, followers: int) -> dict:
    from chalicelib.accounts import erasure
    from chalicelib.shared.users import User

    leaver = User(id="leaver-id", username=OWNER, email=None)
    _write_account(leaver, photos, likes_given, followers)
    read_changes = _stream_from_now()
    units, steps = _counting_writes()

    started = time.perf_counter()
    erasure.erase_account(leaver, str(int(time.time())))
    batches = _run_stream_until_quiet(read_changes)
    seconds = time.perf_counter() - started

    assert _items_left(leaver) == [], "the erasure left items that name the account"
    largest = max(writes for _, writes in steps)
    print(
        f"Erasing an account with {photos:,} photos, {likes_given:,} likes given and "
        f"{followers:,} followers (in-process moto, one run):"
    )
    print(f"  {seconds:.1f} s, {batches} stream batches, {len(steps)} steps in the chain")
    print(
        f"  write units: {units['total']:,} in all, {units['steps']:,} by the steps themselves; "
        f"largest step: {largest} items written"
    )
    return {
        "seconds": seconds,
        "write_units": units["total"],
        "step_write_units": units["steps"],
        "steps": len(steps),
        "largest_step_writes": largest,
    }


def _write_account(leaver, photos: int, likes_given: int, followers: int) -> None:
    """The leaver's profile and photos, the other person's photos each liked once by the
    leaver, and the followers with their profiles and both edges of each follow."""
    from chalicelib.people import profile_store
    from chalicelib.shared import aws_clients, table_keys

    profile_store.create_profile(leaver.id, leaver.username, CREATED_AT)
    profile_store.create_profile("other-id", OTHER, CREATED_AT)
    table = aws_clients.dynamodb_table()
    with table.batch_writer() as batch:
        for number in range(photos):
            batch.put_item(Item=_photo(f"01L{number:023d}", leaver.id, leaver.username, 0))
        for number in range(likes_given):
            photo_id = f"01P{number:023d}"
            batch.put_item(Item=_photo(photo_id, "other-id", OTHER, 1))
            batch.put_item(
                Item={
                    **table_keys.like_key(photo_id, leaver.id),
                    "userId": leaver.id,
                    "authorId": leaver.id,
                    "username": leaver.username,
                    "photoOwnerId": "other-id",
                    "likedAt": CREATED_AT,
                }
            )
        for number in range(followers):
            fan_id, fan_name = f"fan-{number:05d}", f"fan{number:05d}"
            batch.put_item(
                Item={
                    **table_keys.profile_key(fan_id),
                    "userId": fan_id,
                    "username": fan_name,
                    "joinedAt": CREATED_AT,
                    "followingCount": 1,
                }
            )
            edge = {
                "followerId": fan_id,
                "followerUsername": fan_name,
                "followeeId": leaver.id,
                "followeeUsername": leaver.username,
                "followedAt": CREATED_AT,
            }
            batch.put_item(Item={**table_keys.follow_key(fan_id, leaver.id), **edge})
            batch.put_item(Item={**table_keys.follower_key(leaver.id, fan_id), **edge})
    table.update_item(
        Key=table_keys.profile_key(leaver.id),
        UpdateExpression="SET photoCount = :photos, followerCount = :followers",
        ExpressionAttributeValues={":photos": photos, ":followers": followers},
    )


def _photo(photo_id: str, owner_id: str, owner_name: str, likes: int) -> dict:
    from chalicelib.shared import table_keys

    return {
        **table_keys.photo_key(photo_id),
        "id": photo_id,
        "ownerId": owner_id,
        "ownerUsername": owner_name,
        "ownerName": table_keys.owner_index_partition(owner_name),
        "ownerSort": f"{CREATED_AT}#{photo_id}",
        "createdAt": CREATED_AT,
        "caption": "",
        "status": "READY",
        "likeCount": likes,
    }


def _stream_from_now():
    from tests.support.stream_loop import stream_reader

    return stream_reader(os.environ["BENCH_TABLE_STREAM_ARN"], "LATEST")


def _counting_writes() -> tuple[Counter, list]:
    """Write units, in all and by the chain's steps, counted from every DynamoDB request from
    now on; and each step's (name, items written), in order."""
    from chalicelib.accounts import erasure_chain
    from chalicelib.shared import aws_clients

    units, steps = Counter(), []
    in_step = []

    def count(params, model, **_):
        if model.name == "TransactWriteItems":
            written, cost = len(params["TransactItems"]), 2 * len(params["TransactItems"])
        elif model.name == "BatchWriteItem":
            written = sum(len(requests) for requests in params["RequestItems"].values())
            cost = written
        elif model.name in ("PutItem", "UpdateItem", "DeleteItem"):
            written = cost = 1
        else:
            return
        units["total"] += cost
        if in_step:
            units["steps"] += cost
            steps[-1] = (steps[-1][0], steps[-1][1] + written)

    running = erasure_chain.run_step

    def measured(erasure):
        steps.append((erasure["step"], 0))
        in_step.append(True)
        try:
            running(erasure)
        finally:
            in_step.pop()

    erasure_chain.run_step = measured
    client = aws_clients.dynamodb_table().meta.client
    client.meta.events.register("before-parameter-build.dynamodb", count)
    return units, steps


def _run_stream_until_quiet(read_changes) -> int:
    """Hand the stream's records to the stream function a batch of up to 100 at a time, as
    Lambda does, until none is left; how many batches that took."""
    from app import on_table_change
    from infra.local.stream_loop import lambda_dynamodb_event
    from tests.support.api_steps import STREAM_CONTEXT

    stream_arn, handed = os.environ["BENCH_TABLE_STREAM_ARN"], 0
    while records := read_changes():
        for start in range(0, len(records), 100):
            event = lambda_dynamodb_event(records[start : start + 100], stream_arn)
            assert on_table_change(event, STREAM_CONTEXT) == {"batchItemFailures": []}
            handed += 1
    return handed


def _items_left(leaver) -> list[dict]:
    from chalicelib.shared import aws_clients

    table, scan, left = aws_clients.dynamodb_table(), {}, []
    while True:
        response = table.scan(**scan)
        left += [
            item
            for item in response["Items"]
            if leaver.id in str(item) or leaver.username in str(item).lower()
        ]
        if "LastEvaluatedKey" not in response:
            return left
        scan["ExclusiveStartKey"] = response["LastEvaluatedKey"]


if __name__ == "__main__":
    # `ERASURE_BENCH_SIZES=3,5,3` for a quick run (tests/unit/bench/test_erasure_bench.py).
    sizes = os.environ.get("ERASURE_BENCH_SIZES", f"{PHOTOS},{LIKES_GIVEN},{FOLLOWERS}")
    figures = main(*(int(size) for size in sizes.split(",")))
    if len(sys.argv) > 1:  # where bench/__main__.py collects the figures
        Path(sys.argv[1]).write_text(json.dumps(figures))
