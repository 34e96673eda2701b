"""Fan-out on the local stack: one photo to 1,000 followers' timelines, against the five-second
goal, and the DynamoDB write units it costs.

The followers are written straight into the table (both edges of each follow, as the follow
route writes them), so the run measures the fan-out rather than a thousand sign-ups. Each photo
is then shared over HTTP exactly as the page does it; the clock runs from the moment the photo is
READY (its `readyAt`) until every one of the 1,001 timelines (the followers' and the owner's) has
its entry. The fan-out writes the followers in the order it reads them, so the last of them is
watched, then all 1,001 are checked.

Write units follow DynamoDB's billing rule for on-demand tables: one write request unit per
started kilobyte of each item written. (moto's own ConsumedCapacity is not a real figure.)
"""

import math
import statistics
import time
import uuid
from datetime import datetime

import boto3

from tests.support.browser_like_client import BrowserLikeClient
from tests.support.images import phone_photo
from tests.support.local_stack import running_local_stack

FOLLOWERS = 1000
RUNS = 7
GOAL_SECONDS = 5.0
WATCH_TIMEOUT_SECONDS = 60


def main() -> dict:
    with running_local_stack() as stack:
        return _measure(stack)


def _measure(stack) -> dict:
    browser = BrowserLikeClient(stack.site_url, stack.config)
    owner = browser.sign_up_and_in()
    owner_id = browser.api("GET", "/me", owner.id_token).json()["id"]
    table = boto3.resource(
        "dynamodb",
        endpoint_url=stack.dynamodb_endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).Table("cloudgram-photos")
    followers = sorted(str(uuid.uuid4()) for _ in range(FOLLOWERS))
    _follow(table, owner_id, owner.username, followers)

    seconds, units = [], []
    # The first photo also waits for the stream to work through the thousand follows written
    # above (each one backfills a timeline); the stream is handled in order, so once that photo
    # is everywhere the backlog is gone. It is not counted.
    for run in range(RUNS + 1):
        photo = browser.upload_photo(owner, phone_photo(64, 48))
        assert photo["status"] == "READY", photo
        sort_key = f"{photo['createdAt']}#{photo['id']}"
        if run == 0:
            _wait_for_everyone(table, [*followers, owner_id], sort_key)
            continue
        _wait_for_entry(table, followers[-1], sort_key)
        arrived = time.time()
        entries = _entries_present(table, [*followers, owner_id], sort_key)
        assert len(entries) == FOLLOWERS + 1, f"{len(entries)} timelines have the photo"
        seconds.append(arrived - _epoch(photo["readyAt"]))
        units.append(sum(_write_units(entry) for entry in entries))

    p50, p95 = statistics.median(seconds), _percentile(seconds, 95)
    print(f"Fan-out of one photo to {FOLLOWERS:,} followers on the local stack, {RUNS} photos:")
    print(
        f"  READY to all {FOLLOWERS + 1:,} timelines: p50 {p50:.2f} s, p95 {p95:.2f} s; "
        f"goal p95 {GOAL_SECONDS:.0f} s ({p95 / GOAL_SECONDS:.2f}x of the goal)"
    )
    print(
        f"  write units per photo: {statistics.median(units):,.0f} "
        f"(1 per timeline entry; fan-out on read would write none, and read "
        f"one partition per account followed on every page instead)"
    )
    return {"p50_seconds": p50, "p95_seconds": p95, "write_units": statistics.median(units)}


def _follow(table, owner_id: str, owner_name: str, follower_ids: list[str]) -> None:
    with table.batch_writer() as batch:
        for number, follower_id in enumerate(follower_ids):
            edge = {
                "followerId": follower_id,
                "followerUsername": f"follower{number}",
                "followeeId": owner_id,
                "followeeUsername": owner_name,
                "followedAt": "2026-11-30T00:00:00.000Z",
            }
            batch.put_item(Item={"PK": f"USER#{follower_id}", "SK": f"FOLLOWS#{owner_id}", **edge})
            batch.put_item(Item={"PK": f"USER#{owner_id}", "SK": f"FOLLOWER#{follower_id}", **edge})


def _wait_for_entry(table, user_id: str, sort_key: str) -> None:
    deadline = time.monotonic() + WATCH_TIMEOUT_SECONDS
    key = {"PK": f"TIMELINE#{user_id}", "SK": sort_key}
    while time.monotonic() < deadline:
        if "Item" in table.get_item(Key=key):
            return
        time.sleep(0.01)
    raise AssertionError(f"the photo did not reach the last timeline in {WATCH_TIMEOUT_SECONDS} s")


def _wait_for_everyone(table, user_ids: list[str], sort_key: str) -> None:
    deadline = time.monotonic() + WATCH_TIMEOUT_SECONDS * 5
    while len(_entries_present(table, user_ids, sort_key)) < len(user_ids):
        if time.monotonic() > deadline:
            raise AssertionError("the first photo never reached every timeline")
        time.sleep(0.5)


def _entries_present(table, user_ids: list[str], sort_key: str) -> list[dict]:
    found = []
    for start in range(0, len(user_ids), 100):
        keys = [{"PK": f"TIMELINE#{user_id}", "SK": sort_key} for user_id in user_ids[start:][:100]]
        response = table.meta.client.batch_get_item(RequestItems={table.name: {"Keys": keys}})
        found += response["Responses"][table.name]
    return found


def _write_units(item: dict) -> int:
    """One unit per started kilobyte: attribute names count, strings by their UTF-8 bytes,
    numbers by about one byte per two digits."""
    size = 0
    for name, value in item.items():
        size += len(name.encode())
        if isinstance(value, str):
            size += len(value.encode())
        else:
            size += math.ceil(len(str(value).lstrip("-").replace(".", "")) / 2) + 1
    return max(1, math.ceil(size / 1024))


def _epoch(iso_time: str) -> float:
    return datetime.fromisoformat(iso_time.replace("Z", "+00:00")).timestamp()


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    rank = max(0, math.ceil(percent / 100 * len(ordered)) - 1)
    return ordered[rank]


if __name__ == "__main__":
    main()
