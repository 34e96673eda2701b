"""The worker Lambda's entry point: an SQS batch of S3 upload notifications.

Powertools' BatchProcessor runs each message on its own and reports only the failed ones back to
Lambda (`batchItemFailures`), so one bad message does not make SQS redeliver the whole batch. A
message that keeps failing goes to the dead-letter queue after the queue's maxReceiveCount tries;
on that last try the photo is first marked FAILED, so nobody waits for it for ever.
"""

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from image_worker import processing, s3_events
from image_worker.observability import logger, metrics, tracer
from image_worker.settings import load_settings

batch_processor = BatchProcessor(event_type=EventType.SQS)


@tracer.capture_method
def handle_message(record: SQSRecord) -> None:
    for upload in s3_events.uploaded_objects(record.body):
        logger.remove_keys(["photo_id"])
        try:
            processing.process_upload(upload)
        except Exception:
            if _is_last_attempt(record) and upload.photo_id:
                processing.fail_photo(
                    upload.photo_id, processing.PROCESSING_ERROR_REASON, "ProcessingError"
                )
            logger.exception("Processing failed; the message will be retried")
            raise


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context) -> dict:
    return process_partial_response(
        event=event, record_handler=handle_message, processor=batch_processor, context=context
    )


def _is_last_attempt(record: SQSRecord) -> bool:
    return int(record.attributes.approximate_receive_count) >= load_settings().max_receive_count
