"""The worker Lambda's entry point: an SQS batch of S3 upload notifications.

Powertools' BatchProcessor runs each message on its own and reports only the failed ones back to
Lambda (`batchItemFailures`), so one bad message does not make SQS redeliver the whole batch. A
message that keeps failing goes to the dead-letter queue after the queue's maxReceiveCount tries;
on that last try the photo is first marked FAILED (a profile picture's refusal noted on the
profile), so nobody waits for it for ever. A profile picture's upload goes to image_worker.avatars,
every other to image_worker.processing.

A batch of ten slow photos could outlast the function's timeout, and a timed-out invocation fails
every message in it, finished or not, without marking anything FAILED. So a message starts only
while the invocation has time left for the slowest photo it could hold; one that cannot is handed
back untouched, to be tried again from the queue.
"""

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from image_worker import avatars, processing, s3_events
from image_worker.imaging.deadline import PER_PHOTO_SECONDS
from image_worker.observability import logger, metrics, tracer
from image_worker.settings import load_settings

batch_processor = BatchProcessor(event_type=EventType.SQS)
# The slowest photo (its deadline), plus S3 and DynamoDB calls before and after it.
TIME_NEEDED_PER_MESSAGE_MS = int(PER_PHOTO_SECONDS * 1000) + 10_000


class OutOfTimeError(Exception):
    """Not enough of the invocation is left to process one more message safely."""


# Neither tracer decorator lets Powertools record what its function returns or the attributes
# of what it raises (image_worker/observability.py says why); X-Ray still records an exception's
# type, message and stack (docs/observability.md, "What traces never hold").
@tracer.capture_method(capture_response=False, capture_error=False)
def handle_message(record: SQSRecord, lambda_context) -> None:
    if lambda_context.get_remaining_time_in_millis() < TIME_NEEDED_PER_MESSAGE_MS:
        logger.warning("Too little time left for this message; it will be retried")
        raise OutOfTimeError(record.message_id)
    for upload in _uploads_announced(record):
        logger.remove_keys(["photo_id", "user_id", "upload_id"])
        try:
            _process(upload)
        except Exception:
            if _is_last_attempt(record):
                _give_up_on(upload)
            logger.exception("Processing failed; the message will be retried")
            raise


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler(capture_response=False, capture_error=False)
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context) -> dict:
    return process_partial_response(
        event=event, record_handler=handle_message, processor=batch_processor, context=context
    )


def _process(upload: s3_events.UploadedObject) -> None:
    if upload.avatar is not None:
        avatars.process_avatar_upload(upload, upload.avatar)
    else:
        processing.process_upload(upload)


def _give_up_on(upload: s3_events.UploadedObject) -> None:
    """The last try failed too: say so on the photo or the profile, so nobody waits for ever."""
    if upload.avatar is not None:
        avatars.fail_avatar(upload.avatar, avatars.PROCESSING_ERROR_REASON, "ProcessingError")
    elif upload.photo_id:
        reason = processing.PROCESSING_ERROR_REASON
        processing.fail_photo(upload.photo_id, reason, "ProcessingError")


def _uploads_announced(record: SQSRecord) -> list[s3_events.UploadedObject]:
    try:
        return s3_events.uploaded_objects(record.body)
    except Exception:
        # No photo to mark FAILED: the message goes on to the dead-letter queue as it is, and
        # this line says why before the queue's alarm does.
        logger.exception(
            "The message is not an S3 event notification", extra={"body": record.body[:500]}
        )
        raise


def _is_last_attempt(record: SQSRecord) -> bool:
    return int(record.attributes.approximate_receive_count) >= load_settings().max_receive_count
