"""Reads S3 ObjectCreated notifications out of an SQS message body.

S3 puts one JSON document in each SQS message: either `{"Event": "s3:TestEvent", ...}`, sent once
when the notification is configured, or `{"Records": [...]}`. Object keys arrive URL-encoded
(`uploads/a+b.jpg`), so they must be unquoted before use.
"""

import json
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.data_classes import S3Event

UPLOADS_PREFIX = "uploads/"
# A profile picture's upload: `uploads/avatars/<user id>/<upload id>` (chalicelib/avatars/files.py).
AVATAR_UPLOADS_PREFIX = f"{UPLOADS_PREFIX}avatars/"


class AvatarUpload(NamedTuple):
    user_id: str
    upload_id: str


@dataclass(frozen=True)
class UploadedObject:
    bucket: str
    key: str
    size: int

    @property
    def photo_id(self) -> str | None:
        """The photo this upload belongs to: the API names every photo's upload
        `uploads/<photo id>` (a photo id never holds a `/`)."""
        if not self.key.startswith(UPLOADS_PREFIX):
            return None
        name = self.key.removeprefix(UPLOADS_PREFIX)
        return name if name and "/" not in name else None

    @property
    def avatar(self) -> AvatarUpload | None:
        """The profile picture this upload may become, if it is one."""
        if not self.key.startswith(AVATAR_UPLOADS_PREFIX):
            return None
        user_id, _, upload_id = self.key.removeprefix(AVATAR_UPLOADS_PREFIX).partition("/")
        if not user_id or not upload_id or "/" in upload_id:
            return None
        return AvatarUpload(user_id, upload_id)


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
