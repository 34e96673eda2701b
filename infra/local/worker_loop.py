"""Runs the image worker locally as Lambda's SQS event source mapping would (and, with its own
settings, the export function on the exports queue: see `FunctionSettings`).

moto runs no Lambda code without Docker, and an event source mapping in moto would push messages
to the dead-letter queue unprocessed. So this thread long-polls the uploads queue, hands each batch
to `image_worker.handler.lambda_handler` as the very event Lambda builds, deletes the messages that
succeeded and leaves the reported failures (`batchItemFailures`) on the queue. The queue's redrive
policy then moves a message that keeps failing to the dead-letter queue, as in AWS.

One deliberate difference: in AWS a failed message waits out the queue's visibility timeout
(minutes) before its next try; locally it comes back after `retry_delay_seconds`, so a developer
sees retries and the dead-letter queue in seconds.
"""

import threading
from typing import NamedTuple

from chalice.local import LambdaContext

from infra.local.logs import local_logger

BATCH_SIZE = 10
LONG_POLL_SECONDS = 1
WORKER_FUNCTION_NAME = "cloudgram-worker"
# As the worker function is configured in infra/template.yaml.
WORKER_MEMORY_MB = 1536
WORKER_TIMEOUT_MS = 60_000


class FunctionSettings(NamedTuple):
    """What Lambda knows of the function a queue feeds: its name, memory and timeout (its
    context says them) and the trigger's batch size."""

    name: str = WORKER_FUNCTION_NAME
    memory_mb: int = WORKER_MEMORY_MB
    timeout_ms: int = WORKER_TIMEOUT_MS
    batch_size: int = BATCH_SIZE


IMAGE_WORKER = FunctionSettings()


def lambda_sqs_event(messages: list[dict], queue_arn: str, region: str) -> dict:
    """An SQS ReceiveMessage result, reshaped into the event Lambda hands the function."""
    return {
        "Records": [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": message.get("Attributes", {}),
                "messageAttributes": {
                    name: {
                        "stringValue": value.get("StringValue"),
                        "binaryValue": value.get("BinaryValue"),
                        "stringListValues": [],
                        "binaryListValues": [],
                        "dataType": value["DataType"],
                    }
                    for name, value in message.get("MessageAttributes", {}).items()
                },
                "md5OfBody": message["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for message in messages
        ]
    }


class WorkerLoop(threading.Thread):
    def __init__(
        self,
        sqs_client,
        queue_url,
        queue_arn,
        region,
        handler,
        retry_delay_seconds=1,
        function=IMAGE_WORKER,
    ):
        super().__init__(name=f"{function.name}-loop", daemon=True)
        self._function = function
        self._sqs = sqs_client
        self._queue_url, self._queue_arn, self._region = queue_url, queue_arn, region
        self._handler = handler
        self._retry_delay_seconds = retry_delay_seconds
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=LONG_POLL_SECONDS + 5)

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.poll_once()
            except Exception:
                # The loop outlives any one failure, as Lambda's poller does.
                local_logger.exception("Worker loop error")
                self._stopping.wait(self._retry_delay_seconds)

    def poll_once(self) -> int:
        """Receive one batch, run the handler on it, settle each message; return the batch size."""
        messages = self._sqs.receive_message(
            QueueUrl=self._queue_url,
            MaxNumberOfMessages=self._function.batch_size,
            WaitTimeSeconds=LONG_POLL_SECONDS,
            MessageSystemAttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if messages:
            failed_ids = self._invoke(lambda_sqs_event(messages, self._queue_arn, self._region))
            self._settle(messages, failed_ids)
        return len(messages)

    def _invoke(self, event: dict) -> set[str]:
        """Call the handler; return the ids of the messages that must be tried again."""
        function = self._function
        context = LambdaContext(
            function.name, memory_size=function.memory_mb, max_runtime_ms=function.timeout_ms
        )
        try:
            response = self._handler(event, context)
        except Exception:
            # A handler that raises fails the whole batch, as in Lambda.
            local_logger.exception("Worker handler raised; the whole batch will be retried")
            return {record["messageId"] for record in event["Records"]}
        # A handler that returns nothing (as app.py's write_export) succeeded with the whole
        # batch, as in Lambda.
        failures = (response or {}).get("batchItemFailures", [])
        return {failure["itemIdentifier"] for failure in failures}

    def _settle(self, messages: list[dict], failed_ids: set[str]) -> None:
        done = [message for message in messages if message["MessageId"] not in failed_ids]
        if done:
            self._sqs.delete_message_batch(
                QueueUrl=self._queue_url,
                Entries=[
                    {"Id": str(index), "ReceiptHandle": message["ReceiptHandle"]}
                    for index, message in enumerate(done)
                ],
            )
        for message in messages:
            if message["MessageId"] in failed_ids:
                self._sqs.change_message_visibility(
                    QueueUrl=self._queue_url,
                    ReceiptHandle=message["ReceiptHandle"],
                    VisibilityTimeout=self._retry_delay_seconds,
                )
