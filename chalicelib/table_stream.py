"""The table's change stream: the work that follows a write after the request that made it has
already answered.

DynamoDB Streams records every change to the table with the item's old and new image. Lambda
reads the stream in batches and calls `handle_batch` (app.py wires it with Chalice's
`@app.on_dynamodb_record`, so `chalice deploy` creates the function and its event source mapping;
locally infra/local/stream_loop.py plays that part). Powertools' BatchProcessor hands each record
to `handle_record` and reports the ones that failed (`batchItemFailures`): Lambda retries from the
first of them and, after the last retry, sends a note of the batch to the dead-letter queue.

A record may arrive more than once, and a retried batch replays the records after a failed one,
so every reaction here is idempotent.

Reactions:
- a photo item removed (its owner deleted it, or it expired): photo_cleanup removes its likes
  and files.
"""

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import (
    DynamoDBRecord,
    DynamoDBRecordEventName,
)

from chalicelib import photo_cleanup, table_keys

batch_processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def handle_batch(event: dict, context) -> dict:
    return process_partial_response(
        event=event, record_handler=handle_record, processor=batch_processor, context=context
    )


def handle_record(record: DynamoDBRecord) -> None:
    change = record.dynamodb
    if record.event_name == DynamoDBRecordEventName.REMOVE and table_keys.is_photo(change.keys):
        photo_cleanup.clean_up_after(change.old_image)
