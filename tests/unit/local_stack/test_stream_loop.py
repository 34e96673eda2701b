"""The local stand-in for Lambda's DynamoDB stream trigger delivers records in order, retries a
batch from its first failed record, and after the last retry notes the batch in the dead-letter
queue and moves on, as Lambda does."""

import json

import boto3
import pytest

from infra.local.stream_loop import StreamLoop
from tests.support.stream_loop import in_process_stream_loop

TABLE = "cloudgram-photos"


@pytest.fixture
def table(local_resources):
    return boto3.client("dynamodb"), local_resources


def loop_with(handler, resources) -> StreamLoop:
    return in_process_stream_loop(handler, resources, max_retries=2)


def put(dynamodb, name: str) -> None:
    dynamodb.put_item(TableName=TABLE, Item={"PK": {"S": name}, "SK": {"S": "ITEM"}})


def names_in(event: dict) -> list[str]:
    return [record["dynamodb"]["Keys"]["PK"]["S"] for record in event["Records"]]


def test_given_changes_then_the_handler_gets_lambdas_dynamodb_event_in_order(table):
    dynamodb, resources = table
    for name in ("a", "b", "c"):
        put(dynamodb, name)
    events = []

    def handler(event, context):
        events.append(event)
        return {"batchItemFailures": []}

    assert loop_with(handler, resources).poll_once() == 3

    (event,) = events
    assert names_in(event) == ["a", "b", "c"]
    record = event["Records"][0]
    assert record["eventName"] == "INSERT"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["eventSourceARN"] == resources.table_stream_arn
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], int)
    assert record["dynamodb"]["NewImage"]["PK"] == {"S": "a"}
    assert record["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"


def test_given_a_partial_failure_then_the_batch_is_retried_from_the_first_failed_record(table):
    dynamodb, resources = table
    for name in ("a", "b", "c"):
        put(dynamodb, name)
    batches = []

    def handler(event, context):
        batches.append(names_in(event))
        if len(batches) > 1:
            return {"batchItemFailures": []}
        failed = event["Records"][1]["dynamodb"]["SequenceNumber"]
        return {"batchItemFailures": [{"itemIdentifier": failed}]}

    loop = loop_with(handler, resources)
    loop.poll_once()
    loop.poll_once()
    loop.poll_once()

    assert batches == [["a", "b", "c"], ["b", "c"]]


def test_given_a_batch_that_always_fails_then_it_is_noted_in_the_dlq_and_the_stream_moves_on(
    table,
):
    dynamodb, resources = table
    put(dynamodb, "poison")
    calls = []

    def handler(event, context):
        calls.append(names_in(event))
        if "poison" in names_in(event):
            raise RuntimeError("cannot handle this")
        return {"batchItemFailures": []}

    loop = loop_with(handler, resources)
    for _ in range(3):  # the first try and two retries
        loop.poll_once()
    put(dynamodb, "next")
    loop.poll_once()

    assert calls == [["poison"]] * 3 + [["next"]]
    sqs = boto3.client("sqs")
    (message,) = sqs.receive_message(
        QueueUrl=resources.table_stream_dead_letter_queue_url, MaxNumberOfMessages=10
    )["Messages"]
    note = json.loads(message["Body"])
    assert note["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert note["DDBStreamBatchInfo"]["batchSize"] == 1
    assert note["DDBStreamBatchInfo"]["streamArn"] == resources.table_stream_arn
