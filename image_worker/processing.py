"""What the worker does with one uploaded file: check it, build renditions, store them, mark the
photo READY; or mark it FAILED with a reason. Either way the upload itself is then deleted: it may
carry the person's location and is never served to anyone.

Errors split in two. A problem with the *file* (wrong size or type, not an image, too many pixels)
is final: the photo is FAILED and the message is done. A problem with *us* (an AWS call failing)
raises, so SQS delivers the message again and, after the last try, to the dead-letter queue.
"""

import time
from datetime import datetime

from aws_lambda_powertools.metrics import MetricUnit, single_metric
from botocore.exceptions import ClientError

from image_worker import aws_clients, photo_records
from image_worker.imaging import ImageRejected, RenditionSet, build_renditions
from image_worker.observability import logger, metrics
from image_worker.s3_events import UploadedObject
from image_worker.settings import load_settings

IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"
UPLOAD_MISSING_REASON = "The upload could not be found. Please try uploading the photo again."
PROCESSING_ERROR_REASON = "Something went wrong while processing this photo. Please try again."


def process_upload(upload: UploadedObject) -> None:
    """Process an uploaded photo (a profile picture's upload goes to image_worker.avatars)."""
    photo_id = upload.photo_id
    if photo_id is None:
        logger.warning("Ignoring an object outside uploads/", extra={"key": upload.key})
        return
    logger.append_keys(photo_id=photo_id)
    photo = photo_records.note_upload_arrived(photo_id)
    if photo is None:
        logger.warning("No photo for this upload; deleting the orphan upload")
        delete_upload(upload)
        return
    if photo["status"] != "PENDING":
        # The same upload again (a duplicate event, or the form posted twice): the photo is
        # settled, and the file, which may carry its location, must not stay behind.
        logger.info("Upload for a processed photo; deleting it", extra={"status": photo["status"]})
        delete_upload(upload)
        return
    started = time.perf_counter()
    try:
        data = read_checked_upload(upload, photo)
        rendition_set = build_renditions(data, max_pixels=load_settings().max_pixels)
    except ImageRejected as rejected:
        fail_photo(photo_id, rejected.reason, metric_reason=rejected.__class__.__name__)
        delete_upload(upload)
        return
    _publish(photo, rendition_set, started)
    delete_upload(upload)


def fail_photo(photo_id: str, reason: str, metric_reason: str) -> None:
    if photo_records.mark_failed(photo_id, reason):
        logger.info("Photo failed", extra={"reason": reason})
        with single_metric(
            name="PhotosFailed", unit=MetricUnit.Count, value=1, namespace=metrics.namespace
        ) as metric:
            metric.add_dimension(name="Reason", value=metric_reason)


class UploadProblem(ImageRejected):
    """The stored object is not what the API agreed to (size, type) or is gone."""


def read_checked_upload(upload: UploadedObject, photo: dict) -> bytes:
    """The upload's bytes, after checking them against what the API's policy allowed: the
    `declaredSize` and `contentType` of `photo` (a photo item, or a profile's `avatarUpload`).

    S3 enforces the POST policy, but the worker does not trust that alone: HeadObject tells the
    real size and Content-Type before a single byte is downloaded.
    """
    s3 = aws_clients.s3_client()
    try:
        head = s3.head_object(Bucket=upload.bucket, Key=upload.key)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
            raise UploadProblem(UPLOAD_MISSING_REASON) from error
        raise
    declared_size = int(photo["declaredSize"])
    if head["ContentLength"] != declared_size or declared_size > load_settings().max_upload_bytes:
        raise UploadProblem(
            f"The uploaded file has {head['ContentLength']} bytes, not the {declared_size} "
            "bytes that were announced. Please upload it again."
        )
    if head.get("ContentType") != photo["contentType"]:
        raise UploadProblem(
            f"The uploaded file's type ({head.get('ContentType')}) is not the announced type "
            f"({photo['contentType']}). Please upload it again."
        )
    return s3.get_object(Bucket=upload.bucket, Key=upload.key)["Body"].read()


def _publish(photo: dict, rendition_set: RenditionSet, started: float) -> None:
    settings = load_settings()
    photo_id = photo["id"]
    keys = {}
    for rendition in rendition_set.renditions:
        # Keys never change for a photo, so browsers and CloudFront may cache them for ever.
        keys[rendition.name] = f"media/{photo_id}/{rendition.name}.webp"
        aws_clients.s3_client().put_object(
            Bucket=settings.media_bucket,
            Key=keys[rendition.name],
            Body=rendition.body,
            ContentType=rendition.content_type,
            CacheControl=IMMUTABLE_CACHE_CONTROL,
        )
    ready_at = photo_records.mark_ready(photo, rendition_set, keys, settings.feed_shards)
    if ready_at is None:
        _forget_renditions_of_deleted_photo(photo_id, list(keys.values()))
        return
    logger.info("Photo ready", extra={"width": rendition_set.width, "height": rendition_set.height})
    metrics.add_metric(name="PhotosReady", unit=MetricUnit.Count, value=1)
    processing_ms = (time.perf_counter() - started) * 1000
    metrics.add_metric(name="ProcessingTime", unit=MetricUnit.Milliseconds, value=processing_ms)
    metrics.add_metric(
        name="UploadToReadyTime",
        unit=MetricUnit.Milliseconds,
        value=_milliseconds_between(photo["createdAt"], ready_at),
    )


def _forget_renditions_of_deleted_photo(photo_id: str, rendition_keys: list[str]) -> None:
    """The photo stopped being PENDING while it was processed. If it was deleted meanwhile, its
    clean-up has already run and missed the renditions written since, so they go now. (If it is
    READY, another delivery of the same upload got there first, with the very same keys.)"""
    if photo_records.get_photo(photo_id) is not None:
        logger.info("Photo stopped being PENDING while it was processed; nothing marked")
        return
    logger.info("Photo deleted while it was processed; deleting its renditions")
    aws_clients.s3_client().delete_objects(
        Bucket=load_settings().media_bucket,
        Delete={"Objects": [{"Key": key} for key in rendition_keys], "Quiet": True},
    )


def delete_upload(upload: UploadedObject) -> None:
    aws_clients.s3_client().delete_object(Bucket=upload.bucket, Key=upload.key)


def _milliseconds_between(earlier: str, later: str) -> float:
    return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds() * 1000
