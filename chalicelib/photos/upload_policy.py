"""The presigned S3 POST a browser uses to upload one photo, or a profile picture
(chalicelib/avatars/), straight to the uploads bucket.

The file never passes through the API. Instead the API signs a POST policy that S3 enforces: this
exact key (the server picks it, never the client), this exact Content-Type, exactly the declared
number of bytes, and an expiry of minutes. The worker re-checks size and type when the file lands.
"""

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from chalicelib.shared import aws_clients
from chalicelib.shared.settings import load_settings

UPLOADS_PREFIX = "uploads/"


class PresignedPost(NamedTuple):
    url: str
    fields: dict  # to post, as they are, before the file
    expires_at: str  # ISO 8601, UTC, to the second


def upload_key(photo_id: str) -> str:
    return f"{UPLOADS_PREFIX}{photo_id}"


def presigned_upload(photo_id: str, content_type: str, size: int) -> PresignedPost:
    return presigned_post(upload_key(photo_id), content_type, size)


def presigned_post(key: str, content_type: str, size: int) -> PresignedPost:
    """A POST of exactly `size` bytes of `content_type` to `key` of the uploads bucket. The key
    must lie under UPLOADS_PREFIX, where the bucket announces new files to the worker."""
    settings = load_settings()
    expires_at = datetime.now(UTC) + timedelta(seconds=settings.upload_expiry_seconds)
    post = aws_clients.s3_client().generate_presigned_post(
        Bucket=settings.uploads_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        # boto3 adds the bucket and exact-key conditions itself.
        Conditions=[
            {"Content-Type": content_type},
            ["content-length-range", size, size],
        ],
        ExpiresIn=settings.upload_expiry_seconds,
    )
    return PresignedPost(
        url=post["url"],
        fields=post["fields"],
        expires_at=expires_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
    )
