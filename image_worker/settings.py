"""The worker's settings, read once from environment variables set on the Lambda function."""

import functools
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class WorkerSettings:
    region: str
    table_name: str
    uploads_bucket: str
    media_bucket: str
    max_upload_bytes: int
    max_pixels: int
    feed_shards: int
    # The queue's redrive maxReceiveCount: on the last attempt a failing photo is marked FAILED
    # before its message goes to the dead-letter queue, so no photo stays PENDING for ever.
    max_receive_count: int


@functools.cache
def load_settings() -> WorkerSettings:
    return WorkerSettings(
        region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        table_name=os.environ["TABLE_NAME"],
        uploads_bucket=os.environ["UPLOADS_BUCKET"],
        media_bucket=os.environ["MEDIA_BUCKET"],
        max_upload_bytes=int(os.environ.get("MAX_UPLOAD_BYTES", str(25 * 1024 * 1024))),
        max_pixels=int(os.environ.get("MAX_PIXELS", "50000000")),
        feed_shards=int(os.environ.get("FEED_SHARDS", "1")),
        max_receive_count=int(os.environ.get("MAX_RECEIVE_COUNT", "5")),
    )
