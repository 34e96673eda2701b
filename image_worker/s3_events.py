"""Reads S3 ObjectCreated notifications out of an SQS message body.

S3 puts one JSON document in each SQS message: either `{"Event": "s3:TestEvent", ...}`, sent once
when the notification is configured, or `{"Records": [...]}`. Object keys arrive URL-encoded
(`uploads/a+b.jpg`), so they must be unquoted before use.
"""

import json
from dataclasses import dataclass
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.data_classes import S3Event

UPLOADS_PREFIX = "uploads/"


@dataclass(frozen=True)
class UploadedObject:
    bucket: str
    key: str
    size: int

    @property
    def photo_id(self) -> str | None:
        """The photo this upload belongs to: the API names every upload `uploads/<photo id>`."""
        if not self.key.startswith(UPLOADS_PREFIX):
            return None
        return self.key.removeprefix(UPLOADS_PREFIX) or None


def uploaded_objects(message_body: str) -> list[UploadedObject]:
    """The objects an SQS message announces; empty for S3's test event. Raises on a malformed body,
    so that the message is retried and, if it never parses, ends in the dead-letter queue."""
    document = json.loads(message_body)
    if document.get("Event") == "s3:TestEvent":
        return []
    return [
        UploadedObject(
            bucket=record.s3.bucket.name,
            key=unquote_plus(record.s3.get_object.key),
            size=record.s3.get_object.size,
        )
        for record in S3Event(document).records
    ]
