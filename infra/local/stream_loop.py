"""Runs the table-stream function locally as Lambda's DynamoDB event source mapping would.

moto keeps the table's stream (DescribeStream, GetShardIterator, GetRecords) but runs no Lambda
code without Docker. So this thread reads the stream from its start, hands each batch of records
to app.py's `on_table_change` as the very event Lambda builds, and honours what Lambda honours
for a stream:
- records arrive in order, in batches of up to `batch_size`;
- partial batch failures (`batchItemFailures`): the batch is retried from the first failed record,
  so the records after it are delivered again (the handlers are idempotent);
- a handler that raises fails the whole batch;
- after `max_retries` retries the batch is skipped, and a note of it (which shard, which sequence
  numbers, as Lambda's on-failure destination receives it) goes to the dead-letter queue.

One deliberate difference, as in the worker loop: a failed batch is retried after
`retry_delay_seconds`, not after Lambda's back-off, so a developer sees retries in seconds.
"""

import json
import threading
import uuid
from datetime import UTC, datetime

from chalice.local import LambdaContext

from infra.local.logs import local_logger

BATCH_SIZE = 100
# Lambda polls each shard of a stream about four times a second.
IDLE_POLL_SECONDS = 0.25
STREAM_FUNCTION_NAME = "cloudgram-on_table_change"
STREAM_FUNCTION_MEMORY_MB = 512
STREAM_FUNCTION_TIMEOUT_MS = 120_000


def lambda_dynamodb_event(records: list[dict], stream_arn: str) -> dict:
    """GetRecords records, reshaped into the event Lambda hands the function."""
    return {"Records": [_lambda_record(record, stream_arn) for record in records]}


def _lambda_record(record: dict, stream_arn: str) -> dict:
    change = dict(record["dynamodb"])
    created = change.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        # Lambda's event carries epoch seconds where GetRecords (via botocore) has a datetime.
        change["ApproximateCreationDateTime"] = int(created.timestamp())
    lambda_record = {
        "eventID": record["eventID"],
        "eventName": record["eventName"],
        "eventVersion": record.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": record["awsRegion"],
        "dynamodb": change,
        "eventSourceARN": stream_arn,
    }
    if "userIdentity" in record:  # present on deletions made by the table's time-to-live
        lambda_record["userIdentity"] = record["userIdentity"]
    return lambda_record


class StreamLoop(threading.Thread):
    def __init__(
        self,
        streams_client,
        sqs_client,
        stream_arn: str,
        dead_letter_queue_url: str,
        handler,
        max_retries: int,
        retry_delay_seconds: float = 1,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        super().__init__(name="stream-loop", daemon=True)
        self._streams, self._sqs = streams_client, sqs_client
        self._stream_arn = stream_arn
        self._dead_letter_queue_url = dead_letter_queue_url
        self._handler = handler
        self._max_retries = max_retries
        self._retry_delay_seconds = retry_delay_seconds
        self._batch_size = batch_size
        self._stopping = threading.Event()
        self._shard_id = None
        self._iterator = None
        self._failed_attempts = 0

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=5)

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                delivered = self.poll_once()
            except Exception:
                # The loop outlives any one failure, as Lambda's poller does.
                local_logger.exception("Stream loop error")
                self._iterator = None  # start again from the last checkpoint
                delivered = 0
            if delivered == 0:
                self._stopping.wait(IDLE_POLL_SECONDS)

    def poll_once(self) -> int:
        """Read one batch and run the handler on it; return how many records it held."""
        if self._iterator is None:
            self._iterator = self._iterator_at_start()
        response = self._streams.get_records(ShardIterator=self._iterator, Limit=self._batch_size)
        records = response["Records"]
        if not records:
            self._iterator = response["NextShardIterator"]
            return 0
        first_failed = self._invoke(lambda_dynamodb_event(records, self._stream_arn))
        if first_failed is None:
            self._checkpoint(response["NextShardIterator"])
        elif self._failed_attempts < self._max_retries:
            self._failed_attempts += 1
            self._stopping.wait(self._retry_delay_seconds)
            self._iterator = self._iterator_at(first_failed)
        else:
            self._send_to_dead_letter_queue(records)
            self._checkpoint(response["NextShardIterator"])
        return len(records)

    def _checkpoint(self, next_iterator: str) -> None:
        self._iterator = next_iterator
        self._failed_attempts = 0

    def _iterator_at_start(self) -> str:
        (shard,) = self._streams.describe_stream(StreamArn=self._stream_arn)["StreamDescription"][
            "Shards"
        ]
        self._shard_id = shard["ShardId"]
        return self._streams.get_shard_iterator(
            StreamArn=self._stream_arn, ShardId=self._shard_id, ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]

    def _iterator_at(self, sequence_number: str) -> str:
        return self._streams.get_shard_iterator(
            StreamArn=self._stream_arn,
            ShardId=self._shard_id,
            ShardIteratorType="AT_SEQUENCE_NUMBER",
            SequenceNumber=sequence_number,
        )["ShardIterator"]

    def _invoke(self, event: dict) -> str | None:
        """Call the handler; return the sequence number to retry from, or None if all is done."""
        context = LambdaContext(
            STREAM_FUNCTION_NAME,
            memory_size=STREAM_FUNCTION_MEMORY_MB,
            max_runtime_ms=STREAM_FUNCTION_TIMEOUT_MS,
        )
        sequence_numbers = [record["dynamodb"]["SequenceNumber"] for record in event["Records"]]
        try:
            response = self._handler(event, context) or {}
        except Exception:
            local_logger.exception("Stream handler raised; the whole batch will be retried")
            return sequence_numbers[0]
        failed = {failure["itemIdentifier"] for failure in response.get("batchItemFailures", [])}
        return min(failed, key=int) if failed else None

    def _send_to_dead_letter_queue(self, records: list[dict]) -> None:
        """What Lambda sends its on-failure destination for a stream: where the batch was, not
        the records themselves (they stay in the stream for 24 hours)."""
        local_logger.error(
            "Stream batch failed every retry; skipped and noted in the dead-letter queue",
            extra={"records": len(records)},
        )
        note = {
            "requestContext": {
                "requestId": str(uuid.uuid4()),
                "functionArn": STREAM_FUNCTION_NAME,
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": self._max_retries + 1,
            },
            "version": "1.0",
            "timestamp": datetime.now(UTC).isoformat(),
            "DDBStreamBatchInfo": {
                "shardId": self._shard_id,
                "startSequenceNumber": records[0]["dynamodb"]["SequenceNumber"],
                "endSequenceNumber": records[-1]["dynamodb"]["SequenceNumber"],
                "batchSize": len(records),
                "streamArn": self._stream_arn,
            },
        }
        self._sqs.send_message(QueueUrl=self._dead_letter_queue_url, MessageBody=json.dumps(note))
