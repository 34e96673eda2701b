"""The local stand-in for the export function's trigger: the exports queue polled one message at
a time, each handed to app.py's `write_export` as Lambda would, with the function's settings."""

import json

import boto3
import pytest

from chalicelib.accounts import export_archive, export_store, exports
from chalicelib.shared.users import User
from infra.deploy import chalice_stage
from infra.local import resource_definitions as definitions
from infra.local.functions import EXPORT_FUNCTION
from infra.local.worker_loop import WorkerLoop

PERSON = User(id="user-1", username="alice", email=None)


@pytest.fixture
def export_loop(local_resources):
    from app import write_export

    return WorkerLoop(
        sqs_client=boto3.client("sqs"),
        queue_url=local_resources.exports_queue_url,
        queue_arn=local_resources.exports_queue_arn,
        region="us-east-1",
        handler=write_export,
        retry_delay_seconds=0,
        function=EXPORT_FUNCTION,
    )


def queued(resources, export) -> None:
    message = {"userId": PERSON.id, "exportId": export.id}
    boto3.client("sqs").send_message(
        QueueUrl=resources.exports_queue_url, MessageBody=json.dumps(message)
    )


def test_given_the_export_function_then_the_loop_gives_it_its_deployed_settings():
    config = json.loads(chalice_stage.CHALICE_CONFIG.read_text())
    deployed = config["stages"]["dev"]["lambda_functions"][chalice_stage.EXPORT_FUNCTION]

    assert EXPORT_FUNCTION.memory_mb == deployed["lambda_memory_size"]
    assert EXPORT_FUNCTION.timeout_ms == deployed["lambda_timeout"] * 1000
    assert EXPORT_FUNCTION.batch_size == 1


def test_given_a_queued_export_when_polled_then_it_is_written_and_the_message_is_gone(
    local_resources, export_loop
):
    export = exports.request_export(PERSON)
    queued(local_resources, export)

    assert export_loop.poll_once() == 1

    assert export_store.get_export(PERSON.id, export.id)["status"] == "READY"
    assert export_loop.poll_once() == 0


def test_given_an_export_that_keeps_failing_then_its_third_delivery_marks_it_failed(
    local_resources, export_loop, monkeypatch
):
    def failing_archive(*_, **__):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_archive, "write_archive", failing_archive)
    export = exports.request_export(PERSON)
    queued(local_resources, export)

    deliveries = [export_loop.poll_once() for _ in range(definitions.EXPORTS_MAX_RECEIVE_COUNT)]

    assert deliveries == [1, 1, 1]
    stored = export_store.get_export(PERSON.id, export.id)
    assert stored["status"] == "FAILED"
    assert export_loop.poll_once() == 0
    dead_letters = boto3.client("sqs").receive_message(
        QueueUrl=local_resources.exports_dead_letter_queue_url
    )
    assert dead_letters.get("Messages", []) == []
