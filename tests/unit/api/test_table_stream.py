"""The table-stream function (app.on_table_change), fed the real stream records moto produces:
a deleted photo's likes and files go, and a record handled twice changes nothing more."""

import boto3
import pytest

from app import on_table_change
from chalicelib.shared import aws_clients, table_keys, table_stream
from chalicelib.shared.observability import logger
from chalicelib.shared.table_stream import TableChange
from tests.support import json_logs
from tests.support.api_steps import STREAM_CONTEXT, auth, ready_photo, upload_requested


def likes_left(photo_id: str) -> int:
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression="PK = :photo AND begins_with(SK, :like)",
        ExpressionAttributeValues={
            ":photo": table_keys.photo_key(photo_id)["PK"],
            ":like": table_keys.LIKE_PREFIX,
        },
        Select="COUNT",
    )
    return response["Count"]


def keys_in(bucket: str, prefix: str) -> list[str]:
    listing = boto3.client("s3").list_objects_v2(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def test_given_a_photo_with_5000_likes_deleted_then_the_stream_removes_likes_and_files(
    api, make_token, many_likes, table_changes
):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    many_likes(photo_id, 5000)
    boto3.client("s3").put_object(Bucket="cloudgram-uploads", Key=f"uploads/{photo_id}", Body=b"")
    table_changes()  # everything up to now
    api.http.delete(f"/photos/{photo_id}", headers=auth(alice))

    result = on_table_change(table_changes(), STREAM_CONTEXT)

    assert result == {"batchItemFailures": []}
    assert likes_left(photo_id) == 0
    assert keys_in("cloudgram-media", f"media/{photo_id}/") == []
    assert keys_in("cloudgram-uploads", f"uploads/{photo_id}") == []


def test_given_the_same_removal_delivered_twice_then_the_second_changes_nothing(
    api, make_token, many_likes, table_changes
):
    alice = make_token("alice")
    photo_id, kept = ready_photo(api, alice), ready_photo(api, alice)
    many_likes(photo_id, 3)
    many_likes(kept, 2)
    table_changes()
    api.http.delete(f"/photos/{photo_id}", headers=auth(alice))
    removal = table_changes()

    assert on_table_change(removal, STREAM_CONTEXT) == {"batchItemFailures": []}
    assert on_table_change(removal, STREAM_CONTEXT) == {"batchItemFailures": []}

    assert likes_left(photo_id) == 0
    assert likes_left(kept) == 2
    assert keys_in("cloudgram-media", f"media/{kept}/") == [f"media/{kept}/feed.webp"]


def test_given_a_pending_photo_deleted_then_its_upload_goes_too(api, make_token, table_changes):
    alice = make_token("alice")
    photo_id = upload_requested(api, alice)
    boto3.client("s3").put_object(Bucket="cloudgram-uploads", Key=f"uploads/{photo_id}", Body=b"")
    table_changes()
    api.http.delete(f"/photos/{photo_id}", headers=auth(alice))

    on_table_change(table_changes(), STREAM_CONTEXT)

    assert keys_in("cloudgram-uploads", f"uploads/{photo_id}") == []


def test_given_changes_that_are_not_removed_photos_then_nothing_is_deleted(
    api, make_token, table_changes
):
    table_changes()
    photo_id = ready_photo(api, make_token("alice"))
    api.http.put(f"/photos/{photo_id}/like", headers=auth(make_token("bob")))

    result = on_table_change(table_changes(), STREAM_CONTEXT)

    assert result == {"batchItemFailures": []}
    assert likes_left(photo_id) == 1
    assert keys_in("cloudgram-media", f"media/{photo_id}/") == [f"media/{photo_id}/feed.webp"]


@pytest.fixture
def log_lines():
    with json_logs.captured(logger) as lines:
        yield lines


def test_given_a_reaction_failing_on_one_record_then_only_it_is_retried_and_the_failure_logged(
    api, make_token, table_changes, log_lines
):
    # Given a batch of real stream records and a reaction that fails on one of them
    table_changes()
    ready_photo(api, make_token("alice"))
    event = table_changes()
    doomed = event["Records"][1]
    calls = []

    def fails_on_the_second_record(change: TableChange) -> None:
        calls.append(change)
        if len(calls) == 2:
            raise RuntimeError("DynamoDB said no")

    # When the batch is handled
    result = table_stream.handle_batch(event, STREAM_CONTEXT, [fails_on_the_second_record])

    # Then Lambda is told to retry from that record, and a log line says which item failed
    assert result == {
        "batchItemFailures": [{"itemIdentifier": doomed["dynamodb"]["SequenceNumber"]}]
    }
    failures = [line for line in log_lines() if line["level"] == "ERROR"]
    assert [line["message"] for line in failures] == ["A table change failed; it will be retried"]
    assert failures[0]["keys"] == calls[1].keys
    assert "DynamoDB said no" in failures[0]["exception"]


def test_given_a_reaction_that_tags_its_lines_with_a_photo_then_the_next_record_is_untagged(
    api, make_token, table_changes, log_lines
):
    table_changes()
    ready_photo(api, make_token("alice"))
    event = table_changes()
    seen = []

    def tags_only_the_first_record(change: TableChange) -> None:
        if not seen:
            logger.append_keys(photo_id="01JPHOTOOFTHEFIRSTRECORD00")
        seen.append(change)
        logger.info("Change seen")

    table_stream.handle_batch(event, STREAM_CONTEXT, [tags_only_the_first_record])

    lines = [line for line in log_lines() if line["message"] == "Change seen"]
    assert len(lines) == len(event["Records"]) > 1
    assert lines[0]["photo_id"] == "01JPHOTOOFTHEFIRSTRECORD00"
    assert all("photo_id" not in line for line in lines[1:])
