"""The table's change stream: the work that follows a write after the request that made it has
already answered.

DynamoDB Streams records every change to the table with the item's old and new image. Lambda
reads the stream in batches and calls `handle_batch` (app.py wires it with Chalice's
`@app.on_dynamodb_record`, so `chalice deploy` creates the function and its event source mapping;
locally infra/local/stream_loop.py plays that part). Powertools' BatchProcessor hands each record
to the reactions app.py names, as a `TableChange`, and reports the records that failed
(`batchItemFailures`): Lambda retries from the first of them and, after the last retry, sends a
note of the batch to the dead-letter queue.

A record may arrive more than once, and a retried batch replays the records after a failed one,
so every reaction must be idempotent; each looks at the change and ignores what is not its
business.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chalicelib.shared.observability import logger


@dataclass(frozen=True)
class TableChange:
    """One changed item: `old` is None for a new item, `new` is None for a removed one."""

    keys: dict
    old: dict | None
    new: dict | None

    @property
    def item(self) -> dict:
        """The item as it is now, or as it was just before it was removed."""
        return self.new if self.new is not None else self.old


Reaction = Callable[[TableChange], None]


@functools.cache
def _batch_processor():
    """Powertools' batch processing, loaded by the stream function only: app.py is the API's
    Lambda too, and the API never needs it (it costs a cold start about 15 ms)."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType

    return BatchProcessor(event_type=EventType.DynamoDBStreams)


def handle_batch(event: dict, context, reactions: Sequence[Reaction]) -> dict:
    from aws_lambda_powertools.utilities.batch import process_partial_response

    def handle_record(record) -> None:
        # A reaction tags its lines with the photo it works on; the next record is another story.
        logger.remove_keys(["photo_id"])
        change = TableChange(
            keys=record.dynamodb.keys,
            # Powertools gives an absent image as {}; None says "no such item" plainly.
            old=record.dynamodb.old_image or None,
            new=record.dynamodb.new_image or None,
        )
        try:
            for react in reactions:
                react(change)
        except Exception:
            # Lambda counts an error only when the whole batch fails; a record that fails alone
            # would otherwise leave no trace until its batch reaches the dead-letter queue.
            logger.exception(
                "A table change failed; it will be retried", extra={"keys": change.keys}
            )
            raise

    return process_partial_response(
        event=event, record_handler=handle_record, processor=_batch_processor(), context=context
    )
