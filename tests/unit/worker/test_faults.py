"""Faults in the middle of processing, run through the local stand-in for Lambda's SQS trigger
with the real handler: each photo ends READY exactly once, or FAILED with a reason and its
message in the dead-letter queue; never lost, never counted twice."""

import boto3
import pytest
from botocore.exceptions import ClientError

from chalicelib.photos.service import NewPhotoRequest, request_upload
from chalicelib.shared.users import User
from image_worker import aws_clients, photo_records, processing
from image_worker.handler import lambda_handler
from image_worker.table_keys import profile_key
from infra.local.worker_loop import WorkerLoop
from tests.support.images import phone_photo

ALICE = User(id="alice-id", username="alice", email=None)


@pytest.fixture
def worker(local_resources):
    """Runs the worker over the uploads queue until it is empty, as Lambda's trigger would,
    with failed messages back on the queue at once."""
    sqs = boto3.client("sqs")
    sqs.purge_queue(QueueUrl=local_resources.uploads_queue_url)  # S3's s3:TestEvent
    loop = WorkerLoop(
        sqs_client=sqs,
        queue_url=local_resources.uploads_queue_url,
        queue_arn=local_resources.uploads_queue_arn,
        region="us-east-1",
        handler=lambda_handler,
        retry_delay_seconds=0,
    )

    def run_until_empty() -> int:
        deliveries = 0
        for _ in range(20):
            received = loop.poll_once()
            if not received:
                return deliveries
            deliveries += received
        raise AssertionError("the queue never emptied")

    return run_until_empty


def uploaded_photo() -> str:
    data = phone_photo(320, 240)
    photo_id = request_upload(ALICE, NewPhotoRequest("image/jpeg", len(data), "")).photo["id"]
    boto3.client("s3").put_object(
        Bucket="cloudgram-uploads", Key=f"uploads/{photo_id}", Body=data, ContentType="image/jpeg"
    )
    return photo_id


def photo_count() -> int:
    table = boto3.resource("dynamodb").Table("cloudgram-photos")
    return int(table.get_item(Key=profile_key(ALICE.id))["Item"].get("photoCount", 0))


def dead_letters(resources) -> int:
    attributes = boto3.client("sqs").get_queue_attributes(
        QueueUrl=resources.dead_letter_queue_url,
        AttributeNames=["ApproximateNumberOfMessages"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"])


def failing_first(times: int, real, error: Exception):
    calls = {"count": 0}

    def flaky(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] <= times:
            raise error
        return real(*args, **kwargs)

    return flaky


def client_error(code: str, operation: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "simulated"}}, operation)


def test_given_the_worker_dies_after_the_renditions_before_ready_then_ready_once(
    worker, local_resources, monkeypatch
):
    photo_id = uploaded_photo()
    crash = RuntimeError("the function timed out")
    monkeypatch.setattr(
        photo_records, "mark_ready", failing_first(1, photo_records.mark_ready, crash)
    )

    deliveries = worker()

    assert deliveries == 2  # the message came back once
    photo = photo_records.get_photo(photo_id)
    assert photo["status"] == "READY"
    assert photo_count() == 1
    assert dead_letters(local_resources) == 0


def test_given_s3_getobject_failing_twice_then_the_third_try_makes_it_ready(
    worker, local_resources, monkeypatch
):
    photo_id = uploaded_photo()
    s3 = aws_clients.s3_client()
    monkeypatch.setattr(
        s3,
        "get_object",
        failing_first(2, s3.get_object, client_error("InternalError", "GetObject")),
    )

    assert worker() == 3

    assert photo_records.get_photo(photo_id)["status"] == "READY"
    assert photo_count() == 1


def test_given_s3_getobject_failing_every_time_then_failed_with_a_reason_and_a_dead_letter(
    worker, local_resources, monkeypatch
):
    photo_id = uploaded_photo()
    s3 = aws_clients.s3_client()
    always = client_error("InternalError", "GetObject")
    monkeypatch.setattr(s3, "get_object", failing_first(99, s3.get_object, always))

    assert worker() == 5  # the queue's maxReceiveCount

    photo = photo_records.get_photo(photo_id)
    assert photo["status"] == "FAILED"
    assert photo["failureReason"] == processing.PROCESSING_ERROR_REASON
    assert photo_count() == 0
    assert dead_letters(local_resources) == 1


def test_given_dynamodb_throttling_the_worker_then_the_photo_is_ready_once(
    worker, local_resources, monkeypatch
):
    photo_id = uploaded_photo()
    table_client = aws_clients.dynamodb_table().meta.client
    throttled = client_error("ProvisionedThroughputExceededException", "TransactWriteItems")
    monkeypatch.setattr(
        table_client,
        "transact_write_items",
        failing_first(1, table_client.transact_write_items, throttled),
    )

    assert worker() == 2

    assert photo_records.get_photo(photo_id)["status"] == "READY"
    assert photo_count() == 1
