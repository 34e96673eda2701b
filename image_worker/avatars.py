"""What the worker does with one uploaded profile picture: check it against the upload the
person asked for, make its renditions with the photos' pipeline and guards (two centre squares,
`imaging.AVATAR`), store them and make them the profile's avatar; or note why the file was
refused, leaving the avatar as it was. Either way the upload is then deleted.

Only the newest upload may become the avatar (image_worker/avatar_records.py). An upload that
is no longer pending when its file arrives is deleted unread; one replaced while it was being
processed has its renditions deleted again. The avatar it replaces loses its files afterwards,
from the table's stream (chalicelib/avatars/cleanup.py).

As in image_worker.processing, a problem with the file is final and a problem with AWS raises,
so that SQS delivers the message again.
"""

from aws_lambda_powertools.metrics import MetricUnit, single_metric

from image_worker import avatar_records, aws_clients
from image_worker.imaging import AVATAR, ImageRejected, RenditionSet, build_renditions
from image_worker.observability import logger, metrics
from image_worker.processing import IMMUTABLE_CACHE_CONTROL, delete_upload, read_checked_upload
from image_worker.s3_events import AvatarUpload, UploadedObject
from image_worker.settings import load_settings

PROCESSING_ERROR_REASON = (
    "Something went wrong while processing this picture. Please choose it again."
)


def process_avatar_upload(upload: UploadedObject, avatar: AvatarUpload) -> None:
    logger.append_keys(user_id=avatar.user_id, upload_id=avatar.upload_id)
    pending = avatar_records.pending_upload(avatar.user_id, avatar.upload_id)
    if pending is None:
        # A newer picture was asked for, or the avatar deleted, or this one is settled already.
        logger.info("Avatar upload no longer pending; deleting it")
        delete_upload(upload)
        return
    try:
        data = read_checked_upload(upload, pending)
        rendition_set = build_renditions(data, max_pixels=load_settings().max_pixels, kind=AVATAR)
    except ImageRejected as rejected:
        fail_avatar(avatar, rejected.reason, metric_reason=rejected.__class__.__name__)
        delete_upload(upload)
        return
    _publish(avatar, rendition_set)
    delete_upload(upload)


def fail_avatar(avatar: AvatarUpload, reason: str, metric_reason: str) -> None:
    if avatar_records.mark_failed(avatar.user_id, avatar.upload_id, reason):
        logger.info("Avatar refused", extra={"reason": reason})
        with single_metric(
            name="AvatarsFailed", unit=MetricUnit.Count, value=1, namespace=metrics.namespace
        ) as metric:
            metric.add_dimension(name="Reason", value=metric_reason)


def rendition_key(avatar: AvatarUpload, rendition_name: str) -> str:
    """`media/avatars/<user id>/<upload id>/<name>.webp`: a new upload, a new URL, so the
    year-long cache of the old picture is never in the way of the new one."""
    return f"media/avatars/{avatar.user_id}/{avatar.upload_id}/{rendition_name}.webp"


def _publish(avatar: AvatarUpload, rendition_set: RenditionSet) -> None:
    settings = load_settings()
    s3 = aws_clients.s3_client()
    keys = {}
    for rendition in rendition_set.renditions:
        keys[rendition.name] = rendition_key(avatar, rendition.name)
        s3.put_object(
            Bucket=settings.media_bucket,
            Key=keys[rendition.name],
            Body=rendition.body,
            ContentType=rendition.content_type,
            CacheControl=IMMUTABLE_CACHE_CONTROL,
        )
    if avatar_records.set_avatar(avatar.user_id, avatar.upload_id, rendition_set, keys):
        logger.info("Avatar ready")
        metrics.add_metric(name="AvatarsReady", unit=MetricUnit.Count, value=1)
        return
    # Replaced or removed while it was processed: no profile will ever show these files.
    logger.info("Avatar upload replaced while it was processed; deleting its renditions")
    s3.delete_objects(
        Bucket=settings.media_bucket,
        Delete={"Objects": [{"Key": key} for key in keys.values()], "Quiet": True},
    )
