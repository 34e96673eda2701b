"""The local stand-in for Lambda's DynamoDB stream trigger (infra/local/stream_loop.py), set up over
in-process moto for the unit tests that run the stream function the way Lambda would."""

import boto3

from infra.local.resources import LocalResources
from infra.local.stream_loop import StreamLoop


def in_process_stream_loop(handler, resources: LocalResources, max_retries: int) -> StreamLoop:
    """The local stand-in for Lambda's stream trigger over in-process moto, retrying at once."""
    return StreamLoop(
        # Without an endpoint, botocore would address the stream's account-specific host,
        # which in-process moto does not know.
        streams_client=boto3.client(
            "dynamodbstreams", endpoint_url="https://streams.dynamodb.us-east-1.amazonaws.com"
        ),
        sqs_client=boto3.client("sqs"),
        stream_arn=resources.table_stream_arn,
        dead_letter_queue_url=resources.table_stream_dead_letter_queue_url,
        handler=handler,
        max_retries=max_retries,
        retry_delay_seconds=0,
    )
