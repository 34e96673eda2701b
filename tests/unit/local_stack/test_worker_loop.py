"""The local stand-in for Lambda's SQS trigger settles messages as Lambda does."""

import boto3
import pytest

from infra.local.worker_loop import WorkerLoop


@pytest.fixture
def queue(local_resources):
    sqs = boto3.client("sqs")
    sqs.purge_queue(QueueUrl=local_resources.uploads_queue_url)  # drop S3's s3:TestEvent
    return sqs, local_resources


def loop_with(handler, queue) -> WorkerLoop:
    sqs, resources = queue
    return WorkerLoop(
        sqs_client=sqs,
        queue_url=resources.uploads_queue_url,
        queue_arn=resources.uploads_queue_arn,
        region="us-east-1",
        handler=handler,
        retry_delay_seconds=0,
    )


def messages_left(sqs, queue_url) -> list[str]:
    response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
    return sorted(message["Body"] for message in response.get("Messages", []))


def test_given_a_batch_then_the_handler_gets_lambdas_sqs_event_shape(queue):
    sqs, resources = queue
    sqs.send_message(QueueUrl=resources.uploads_queue_url, MessageBody="hello")
    events = []

    def handler(event, context):
        events.append(event)
        return {"batchItemFailures": []}

    loop_with(handler, queue).poll_once()

    (record,) = events[0]["Records"]
    assert record["body"] == "hello"
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == resources.uploads_queue_arn
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert {"messageId", "receiptHandle", "md5OfBody", "awsRegion"} <= set(record)


def test_given_partial_batch_failures_then_only_the_failed_messages_stay(queue):
    sqs, resources = queue
    for body in ("good", "bad"):
        sqs.send_message(QueueUrl=resources.uploads_queue_url, MessageBody=body)

    def handler(event, context):
        failed = [r["messageId"] for r in event["Records"] if r["body"] == "bad"]
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    assert loop_with(handler, queue).poll_once() == 2
    assert messages_left(sqs, resources.uploads_queue_url) == ["bad"]


def test_given_a_handler_that_raises_then_the_whole_batch_stays(queue):
    sqs, resources = queue
    for body in ("one", "two"):
        sqs.send_message(QueueUrl=resources.uploads_queue_url, MessageBody=body)

    def handler(event, context):
        raise RuntimeError("crash")

    loop_with(handler, queue).poll_once()

    assert messages_left(sqs, resources.uploads_queue_url) == ["one", "two"]


def test_given_a_message_that_always_fails_then_the_redrive_policy_moves_it_to_the_dlq(queue):
    sqs, resources = queue
    sqs.send_message(QueueUrl=resources.uploads_queue_url, MessageBody="poison")

    def handler(event, context):
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"]]}

    loop = loop_with(handler, queue)
    tries = 0
    while loop.poll_once():
        tries += 1

    assert tries == 5  # the redrive policy's maxReceiveCount
    assert messages_left(sqs, resources.dead_letter_queue_url) == ["poison"]
