"""The table's stream over in-process moto, for the unit tests that run the stream function the way
Lambda would: the local stand-in for Lambda's DynamoDB stream trigger (infra/local/stream_loop.py),
and a reader of the stream's records as the trigger reads them."""

import boto3

from infra.local.resources import LocalResources
from infra.local.stream_loop import StreamLoop


def in_process_streams_client():
    # Without an endpoint, botocore would address the stream's account-specific host, which
    # in-process moto does not know.
    return boto3.client(
        "dynamodbstreams", endpoint_url="https://streams.dynamodb.us-east-1.amazonaws.com"
    )


def stream_reader(stream_arn: str, start: str):
    """A function that returns every record of the table's one shard since its last call, from
    `start` on ("TRIM_HORIZON": the oldest kept; "LATEST": from now)."""
    streams = in_process_streams_client()
    (shard,) = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]
    iterator = streams.get_shard_iterator(
        StreamArn=stream_arn, ShardId=shard["ShardId"], ShardIteratorType=start
    )["ShardIterator"]

    def read() -> list[dict]:
        nonlocal iterator
        records = []
        while True:
            response = streams.get_records(ShardIterator=iterator, Limit=1000)
            iterator = response["NextShardIterator"]
            records += response["Records"]
            if not response["Records"]:
                return records

    return read


def in_process_stream_loop(handler, resources: LocalResources, max_retries: int) -> StreamLoop:
    """The local stand-in for Lambda's stream trigger over in-process moto, retrying at once."""
    return StreamLoop(
        streams_client=in_process_streams_client(),
        sqs_client=boto3.client("sqs"),
        stream_arn=resources.table_stream_arn,
        dead_letter_queue_url=resources.table_stream_dead_letter_queue_url,
        handler=handler,
        max_retries=max_retries,
        retry_delay_seconds=0,
    )
