"""What the photo routes do: create a pending photo with its upload policy, read one, change a
caption or alt text, delete a photo.

Sits between the edge (app.py's routes) and photos.store/upload_policy (AWS). Who may see a
photo is decided in photos.visibility; only the owner may change or delete it. Every answer is
a domain value (a ShownPhoto, a NewUpload) or a domain error; the edge makes them HTTP.
"""

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from aws_lambda_powertools.metrics import MetricUnit

from chalicelib.people import profiles
from chalicelib.photos import store, upload_limits, upload_policy
from chalicelib.photos.shown import ShownPhoto, shown_to
from chalicelib.photos.visibility import PHOTO_NOT_FOUND_MESSAGE, visible_or_not_found
from chalicelib.shared import clock, table_keys
from chalicelib.shared.errors import NotFoundError, NotYoursError, TryAgainLaterError
from chalicelib.shared.observability import logger, metrics
from chalicelib.shared.users import User

NOT_YOUR_PHOTO_MESSAGE = "Only the person who shared this photo can change or delete it."
# DynamoDB deletes a photo whose upload never arrived this long after it was created.
ABANDONED_PHOTO_LIFETIME = timedelta(days=1)
# A delete races the worker only while the photo turns READY; a couple of tries settle it.
DELETE_ATTEMPTS = 3


class NewPhotoRequest(NamedTuple):
    content_type: str
    size: int
    caption: str
    alt_text: str = ""  # what the photo shows, for people who cannot see it


class PhotoEdit(NamedTuple):
    """What PATCH /photos/{id} changes: None leaves a text as it is."""

    caption: str | None = None
    alt_text: str | None = None


class NewUpload(NamedTuple):
    photo: dict  # the stored item, PENDING until the worker has processed the file
    post: upload_policy.PresignedPost  # where and how the browser uploads the file


def request_upload(user: User, new_photo: NewPhotoRequest) -> NewUpload:
    """Store a PENDING photo, within the person's upload limits, and return it with the
    presigned POST for its upload."""
    # The photo appears on its owner's profile, so the profile must exist first.
    profiles.ensure_profile(user)
    # Imported here: only sharing a photo makes ids, and a cold start of any other route
    # need not load the library.
    from ulid import ULID

    photo_id = str(ULID())  # time-sortable, so ids sort by creation time
    logger.append_keys(photo_id=photo_id)
    now = datetime.now(UTC)
    created_at = clock.timestamp(now)
    post = upload_policy.presigned_upload(photo_id, new_photo.content_type, new_photo.size)
    item = {
        "id": photo_id,
        "ownerId": user.id,
        "ownerUsername": user.username,
        "caption": new_photo.caption,
        "altText": new_photo.alt_text,
        "status": "PENDING",
        "contentType": new_photo.content_type,
        "declaredSize": new_photo.size,
        "createdAt": created_at,
        "likeCount": 0,
        "ownerName": table_keys.owner_index_partition(user.username),
        "ownerSort": f"{created_at}#{photo_id}",
        "uploadExpiresAt": post.expires_at,
        "deleteAfter": int((now + ABANDONED_PHOTO_LIFETIME).timestamp()),
    }
    item = upload_limits.store_within_limits(user, item, now)
    logger.info("Upload requested", extra={"content_type": new_photo.content_type})
    metrics.add_metric(name="UploadsRequested", unit=MetricUnit.Count, value=1)
    return NewUpload(photo=item, post=post)


def get_photo(photo_id: str, viewer: User | None) -> ShownPhoto:
    logger.append_keys(photo_id=photo_id)
    item = visible_or_not_found(store.get_photo(photo_id), viewer)
    shown = shown_to(viewer, [item])
    if not shown:  # its owner's account is being erased
        raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE)
    return shown[0]


def edit_photo(photo_id: str, user: User, change: PhotoEdit) -> ShownPhoto:
    """Change the caption, the alt text or both (the owner only)."""
    logger.append_keys(photo_id=photo_id)
    texts = {"caption": change.caption, "altText": change.alt_text}
    updated = store.set_texts(
        photo_id, user.id, {name: text for name, text in texts.items() if text is not None}
    )
    if updated is None:
        _refuse_change(store.get_photo(photo_id), user)
    logger.info(
        "Photo edited", extra={"changed": sorted(name for name in texts if texts[name] is not None)}
    )
    return shown_to(user, [updated])[0]


def delete_photo(photo_id: str, user: User) -> None:
    """Delete the photo at once (it leaves the feed and the profile); its likes and files follow
    a moment later, from the table's stream (photos.cleanup)."""
    logger.append_keys(photo_id=photo_id)
    for _ in range(DELETE_ATTEMPTS):
        photo = store.get_photo(photo_id, consistent=True)
        if photo is None or photo["ownerId"] != user.id:
            _refuse_change(photo, user)
        if store.delete_photo(photo):
            logger.info("Photo deleted", extra={"status": photo["status"]})
            metrics.add_metric(name="PhotosDeleted", unit=MetricUnit.Count, value=1)
            return
    logger.warning("Photo kept changing while being deleted", extra={"attempts": DELETE_ATTEMPTS})
    raise TryAgainLaterError()


def _refuse_change(photo: dict | None, user: User) -> None:
    """Why `user` may not change this photo: not found if they may not even see it, else not
    theirs."""
    visible_or_not_found(photo, user)
    raise NotYoursError(NOT_YOUR_PHOTO_MESSAGE)
