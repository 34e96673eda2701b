"""A photo's objects in S3: its renditions under `media/<id>/` in the media bucket (written by
the worker) and its upload, `uploads/<id>` in the uploads bucket (deleted by the worker once
processed, but still there if the photo is deleted first)."""

from chalicelib.photos import upload_policy
from chalicelib.shared import aws_clients
from chalicelib.shared.settings import load_settings

MEDIA_PREFIX = "media/"


def rendition_prefix(photo_id: str) -> str:
    return f"{MEDIA_PREFIX}{photo_id}/"


def rendition_url_pattern(photo_id: str) -> str:
    """The URL path of every rendition of the photo, as CloudFront serves them."""
    return f"/{rendition_prefix(photo_id)}*"


def delete_photo_files(photo_id: str) -> int:
    """Delete the photo's renditions and its upload; returns how many renditions there were."""
    settings = load_settings()
    s3 = aws_clients.s3_client()
    listing = s3.list_objects_v2(Bucket=settings.media_bucket, Prefix=rendition_prefix(photo_id))
    renditions = [{"Key": item["Key"]} for item in listing.get("Contents", [])]
    if renditions:
        s3.delete_objects(
            Bucket=settings.media_bucket, Delete={"Objects": renditions, "Quiet": True}
        )
    s3.delete_object(Bucket=settings.uploads_bucket, Key=upload_policy.upload_key(photo_id))
    return len(renditions)
