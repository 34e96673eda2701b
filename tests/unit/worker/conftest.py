"""Fixtures of the worker's tests: the uploads queue, read as Lambda's SQS trigger reads it."""

import boto3
import pytest

from infra.local.worker_loop import lambda_sqs_event


@pytest.fixture
def queue(local_resources):
    """A function that returns the Lambda event of every message on the uploads queue now."""
    sqs = boto3.client("sqs")

    def receive_event() -> dict:
        messages = sqs.receive_message(
            QueueUrl=local_resources.uploads_queue_url,
            MaxNumberOfMessages=10,
            MessageSystemAttributeNames=["All"],
        ).get("Messages", [])
        return lambda_sqs_event(messages, local_resources.uploads_queue_arn, "us-east-1")

    receive_event()  # S3's s3:TestEvent from setting up the notification
    return receive_event
