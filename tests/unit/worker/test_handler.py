"""The worker's Lambda handler, fed the real S3 -> SQS messages that moto produces for an upload."""

import json
import time

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from chalice.local import LambdaContext

from chalicelib.photos.files import delete_photo_files
from chalicelib.photos.service import NewPhotoRequest, request_upload
from chalicelib.shared.users import User
from image_worker import photo_records, processing
from image_worker.handler import TIME_NEEDED_PER_MESSAGE_MS, lambda_handler
from image_worker.observability import logger
from image_worker.s3_events import UploadedObject, uploaded_objects
from image_worker.table_keys import photo_key, profile_key
from tests.support import json_logs
from tests.support.images import phone_photo
from tests.support.worker_steps import run_worker

ALICE = User(id="alice-id", username="alice", email="alice@example.com")


def pending_photo_uploaded(data: bytes, content_type="image/jpeg", declared_size=None) -> str:
    """What the API and the browser do: a PENDING photo, then the file under its upload key."""
    new_photo = NewPhotoRequest(content_type, declared_size or len(data), caption="")
    photo_id = request_upload(ALICE, new_photo).photo["id"]
    boto3.client("s3").put_object(
        Bucket="cloudgram-uploads", Key=f"uploads/{photo_id}", Body=data, ContentType=content_type
    )
    return photo_id


def upload_exists(photo_id: str) -> bool:
    listing = boto3.client("s3").list_objects_v2(Bucket="cloudgram-uploads", Prefix="uploads/")
    return f"uploads/{photo_id}" in [item["Key"] for item in listing.get("Contents", [])]


def test_given_an_uploaded_phone_photo_then_the_photo_is_ready_with_stored_renditions(queue):
    photo_id = pending_photo_uploaded(phone_photo(1600, 1200))

    result = run_worker(queue())

    assert result == {"batchItemFailures": []}
    photo = photo_records.get_photo(photo_id)
    assert photo["status"] == "READY"
    assert (int(photo["width"]), int(photo["height"])) == (1200, 1600)
    assert photo["feedShard"] == "FEED#0"
    # The feed orders photos by the time they were shared, as profiles and home feeds do
    assert photo["feedSort"] == f"{photo['createdAt']}#{photo_id}"
    media = boto3.client("s3").head_object(
        Bucket="cloudgram-media", Key=photo["renditions"]["feed"]["key"]
    )
    assert media["ContentType"] == "image/webp"
    assert media["CacheControl"] == "public, max-age=31536000, immutable"
    assert not upload_exists(photo_id)


def media_keys(photo_id: str) -> set[str]:
    listing = boto3.client("s3").list_objects_v2(
        Bucket="cloudgram-media", Prefix=f"media/{photo_id}/"
    )
    return {item["Key"] for item in listing.get("Contents", [])}


def test_given_a_wide_photo_then_every_rung_is_stored_and_deleting_the_photo_removes_them_all(
    queue,
):
    # Given a photo 2400 x 1800 once upright, wide enough for every rung of the ladder
    photo_id = pending_photo_uploaded(phone_photo(1800, 2400))

    # When the worker has made it READY
    run_worker(queue())

    # Then the item lists every rendition, each stored where the item says
    renditions = photo_records.get_photo(photo_id)["renditions"]
    assert set(renditions) == {"grid", "medium", "feed", "large", "full"}
    assert media_keys(photo_id) == {rendition["key"] for rendition in renditions.values()}
    # And deleting the photo's files (as a deletion and an account's erasure do) leaves none
    assert delete_photo_files(photo_id) == 5
    assert media_keys(photo_id) == set()


def test_given_a_photo_made_ready_then_its_owners_profile_counts_it(queue):
    photo_id = pending_photo_uploaded(phone_photo(800, 600))

    run_worker(queue())

    assert photo_records.get_photo(photo_id)["status"] == "READY"
    profile = (
        boto3.resource("dynamodb")
        .Table("cloudgram-photos")
        .get_item(Key=profile_key(ALICE.id))["Item"]
    )
    assert int(profile["photoCount"]) == 1


def test_given_a_photo_deleted_while_it_is_processed_then_its_renditions_go_too(queue, monkeypatch):
    photo_id = pending_photo_uploaded(phone_photo(800, 600))
    mark_ready = photo_records.mark_ready

    def deleted_by_its_owner_first(photo, *arguments):
        boto3.resource("dynamodb").Table("cloudgram-photos").delete_item(Key=photo_key(photo_id))
        return mark_ready(photo, *arguments)

    monkeypatch.setattr(photo_records, "mark_ready", deleted_by_its_owner_first)

    assert run_worker(queue()) == {"batchItemFailures": []}

    listing = boto3.client("s3").list_objects_v2(Bucket="cloudgram-media", Prefix="media/")
    assert listing.get("Contents", []) == []
    assert not upload_exists(photo_id)


def test_given_a_failed_photo_then_it_is_deleted_a_week_later_by_the_tables_ttl(queue):
    photo_id = pending_photo_uploaded(b"<html>not a photo</html>")

    run_worker(queue())

    photo = photo_records.get_photo(photo_id)
    assert photo["status"] == "FAILED"
    # Its owner sees it, with the reason, until then; it never lives for ever.
    lifetime = int(photo["deleteAfter"]) - time.time()
    assert 6 * 86_400 < lifetime <= 7 * 86_400


def test_given_the_upload_posted_again_after_ready_then_the_second_copy_is_deleted_too(queue):
    data = phone_photo(800, 600)
    photo_id = pending_photo_uploaded(data)
    run_worker(queue())
    assert photo_records.get_photo(photo_id)["status"] == "READY"

    # The same presigned form, posted again while it is still valid: the file (with its GPS
    # position) lands in the uploads bucket a second time.
    boto3.client("s3").put_object(
        Bucket="cloudgram-uploads", Key=f"uploads/{photo_id}", Body=data, ContentType="image/jpeg"
    )
    assert run_worker(queue()) == {"batchItemFailures": []}

    assert not upload_exists(photo_id)
    assert photo_records.get_photo(photo_id)["status"] == "READY"


def test_given_the_same_event_twice_then_the_second_is_a_no_op(queue):
    photo_id = pending_photo_uploaded(phone_photo(800, 600))
    event = queue()
    run_worker(event)
    ready_at = photo_records.get_photo(photo_id)["readyAt"]

    result = run_worker(event)

    assert result == {"batchItemFailures": []}
    assert photo_records.get_photo(photo_id)["readyAt"] == ready_at


def photo_whose_processing_fails(queue, monkeypatch) -> tuple[str, dict]:
    """An uploaded photo and the event announcing it, with an outage failing every try."""
    photo_id = pending_photo_uploaded(phone_photo(64, 48))
    event = queue()

    def broken(*args, **kwargs):
        raise RuntimeError("simulated outage")

    monkeypatch.setattr(processing, "build_renditions", broken)
    return photo_id, event


def failing_try(event: dict, receive_count: int) -> None:
    """One try of the event, as SQS's `receive_count`-th delivery. When every record of a batch
    fails, the handler raises: Lambda then retries the batch."""
    event["Records"][0]["attributes"]["ApproximateReceiveCount"] = str(receive_count)
    with pytest.raises(BatchProcessingError):
        run_worker(event)


def test_given_a_try_that_fails_then_the_photo_keeps_when_its_file_first_arrived(
    queue, monkeypatch
):
    # Given an uploaded photo that an outage keeps the worker from processing
    photo_id, event = photo_whose_processing_fails(queue, monkeypatch)

    # When the worker tries it twice
    failing_try(event, receive_count=1)
    after_first_try = photo_records.get_photo(photo_id)
    failing_try(event, receive_count=2)
    after_second_try = photo_records.get_photo(photo_id)

    # Then it is still PENDING, and says when its file reached the worker the first time: the
    # API shows it as being processed, not as never uploaded
    assert after_first_try["status"] == after_second_try["status"] == "PENDING"
    assert after_first_try["uploadArrivedAt"] > after_first_try["createdAt"]
    assert after_second_try["uploadArrivedAt"] == after_first_try["uploadArrivedAt"]


def test_given_a_photo_cancelled_before_its_file_is_processed_then_it_stays_gone(queue):
    # Given an upload whose photo its owner deleted (cancelled) before the worker got to it
    photo_id = pending_photo_uploaded(phone_photo(64, 48))
    event = queue()
    boto3.resource("dynamodb").Table("cloudgram-photos").delete_item(Key=photo_key(photo_id))

    # When the worker handles the upload's event
    result = run_worker(event)

    # Then no photo comes back to life, and the file goes
    assert result == {"batchItemFailures": []}
    assert photo_records.get_photo(photo_id) is None
    assert not upload_exists(photo_id)


def test_given_a_ready_photo_then_a_second_event_leaves_its_item_as_it_was(queue):
    photo_id = pending_photo_uploaded(phone_photo(64, 48))
    event = queue()
    run_worker(event)
    ready = photo_records.get_photo(photo_id)

    run_worker(event)

    assert photo_records.get_photo(photo_id) == ready


@pytest.mark.parametrize(
    ("data", "content_type", "declared_size", "reason_part"),
    [
        (b"<html>hello</html>", "image/jpeg", None, ""),
        (phone_photo(64, 48), "image/jpeg", 10, "not the 10 bytes"),
    ],
    ids=["not-an-image", "size-differs-from-declared"],
)
def test_given_a_bad_upload_then_the_photo_fails_with_a_reason_and_the_upload_is_deleted(
    queue, data, content_type, declared_size, reason_part
):
    photo_id = pending_photo_uploaded(data, content_type, declared_size)

    result = run_worker(queue())

    assert result == {"batchItemFailures": []}  # a bad file is a final answer, not a retry
    photo = photo_records.get_photo(photo_id)
    assert photo["status"] == "FAILED"
    assert reason_part in photo["failureReason"]
    assert len(photo["failureReason"]) > 20
    assert not upload_exists(photo_id)


def test_given_a_jpeg_declared_as_png_then_the_bytes_decide_and_it_is_ready(queue):
    photo_id = pending_photo_uploaded(phone_photo(64, 48), content_type="image/png")

    run_worker(queue())

    assert photo_records.get_photo(photo_id)["status"] == "READY"


def test_given_a_declared_type_that_differs_from_the_stored_type_then_failed(local_resources):
    photo_id = request_upload(ALICE, NewPhotoRequest("image/png", 10, "")).photo["id"]
    boto3.client("s3").put_object(
        Bucket="cloudgram-uploads",
        Key=f"uploads/{photo_id}",
        Body=b"0123456789",
        ContentType="text/html",
    )
    upload = UploadedObject("cloudgram-uploads", f"uploads/{photo_id}", 10)

    processing.process_upload(upload)

    photo = photo_records.get_photo(photo_id)
    assert photo["status"] == "FAILED"
    assert "text/html" in photo["failureReason"]


def test_given_a_message_that_is_not_an_s3_event_then_only_it_is_reported_failed(
    queue, local_resources
):
    sqs = boto3.client("sqs")
    sqs.send_message(QueueUrl=local_resources.uploads_queue_url, MessageBody="{not json")
    photo_id = pending_photo_uploaded(phone_photo(64, 48))
    event = queue()
    poison_id = next(r["messageId"] for r in event["Records"] if r["body"] == "{not json")

    with json_logs.captured(logger) as log_lines:
        result = run_worker(event)

    assert result == {"batchItemFailures": [{"itemIdentifier": poison_id}]}
    assert photo_records.get_photo(photo_id)["status"] == "READY"
    errors = [line for line in log_lines() if line.get("level") == "ERROR"]
    assert [line["message"] for line in errors] == ["The message is not an S3 event notification"]
    assert errors[0]["body"] == "{not json"


class InvocationRunningOut(LambdaContext):
    """Lambda's context for an invocation whose remaining time is read off a list: a stand-in for
    a batch whose earlier photos were slow, without waiting for them."""

    def __init__(self, remaining_ms: list[int]) -> None:
        super().__init__("cloudgram-worker", 1769, max_runtime_ms=60_000)
        self._remaining_ms = iter(remaining_ms)

    def get_remaining_time_in_millis(self) -> int:
        return next(self._remaining_ms)


def test_given_too_little_time_left_for_the_second_message_then_it_is_handed_back_untouched(
    queue,
):
    # Given two uploads in one batch, and an invocation that will have less time left, after the
    # first, than the slowest photo could take
    first, second = (pending_photo_uploaded(phone_photo(64, 48)) for _ in range(2))
    event = queue()
    assert len(event["Records"]) == 2
    running_out = InvocationRunningOut([60_000, TIME_NEEDED_PER_MESSAGE_MS - 1_000])

    # When the worker runs
    with json_logs.captured(logger) as log_lines:
        result = lambda_handler(event, running_out)

    # Then the first photo is READY; the second message goes back to the queue with its photo as
    # it was, and a line says why
    handed_back = event["Records"][1]
    assert result == {"batchItemFailures": [{"itemIdentifier": handed_back["messageId"]}]}
    statuses = {photo_records.get_photo(photo_id)["status"] for photo_id in (first, second)}
    assert statuses == {"READY", "PENDING"}
    warnings = [line["message"] for line in log_lines() if line.get("level") == "WARNING"]
    assert warnings == ["Too little time left for this message; it will be retried"]

    # And tried again with time ahead, the message makes its photo READY too
    again = {**event, "Records": [handed_back]}
    assert run_worker(again) == {"batchItemFailures": []}
    assert {photo_records.get_photo(photo_id)["status"] for photo_id in (first, second)} == {
        "READY"
    }


def test_given_processing_keeps_failing_then_the_last_attempt_marks_the_photo_failed(
    queue, monkeypatch
):
    photo_id, event = photo_whose_processing_fails(queue, monkeypatch)
    failing_try(event, receive_count=1)
    assert photo_records.get_photo(photo_id)["status"] == "PENDING"  # it will be tried again
    failing_try(event, receive_count=5)

    photo = photo_records.get_photo(photo_id)
    assert photo["status"] == "FAILED"
    assert photo["failureReason"] == processing.PROCESSING_ERROR_REASON


def test_given_s3_test_event_and_encoded_keys_then_they_are_understood():
    assert uploaded_objects(json.dumps({"Event": "s3:TestEvent", "Bucket": "b"})) == []
    record = {"s3": {"bucket": {"name": "b"}, "object": {"key": "uploads%2Fa+b%2B.jpg", "size": 3}}}
    (uploaded,) = uploaded_objects(json.dumps({"Records": [record]}))
    assert uploaded.key == "uploads/a b+.jpg"
    assert uploaded.photo_id == "a b+.jpg"
