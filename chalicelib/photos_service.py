"""What the photo routes do: create a pending photo with its upload policy, read one, page the
global feed, change a caption, delete a photo.

Sits between app.py (HTTP) and photo_store/upload_policy (AWS). Who may see a photo is decided in
photo_visibility; only the owner may change or delete it.
"""

from datetime import UTC, datetime, timedelta

from aws_lambda_powertools.metrics import MetricUnit
from chalice import ForbiddenError

from chalicelib import (
    clock,
    likes_service,
    page_cursor,
    photo_json,
    photo_store,
    profiles_service,
    table_keys,
    upload_limits,
    upload_policy,
)
from chalicelib.errors import TRY_AGAIN_MESSAGE, ServiceUnavailableError
from chalicelib.identity import User
from chalicelib.observability import logger, metrics
from chalicelib.photo_visibility import visible_or_404
from chalicelib.request_parsing import NewPhotoRequest, PageRequest
from chalicelib.settings import load_settings

NOT_YOUR_PHOTO_MESSAGE = "Only the person who shared this photo can change or delete it."
# DynamoDB deletes a photo whose upload never arrived this long after it was created.
ABANDONED_PHOTO_LIFETIME = timedelta(days=1)
# A delete races the worker only while the photo turns READY; a couple of tries settle it.
DELETE_ATTEMPTS = 3


def request_upload(user: User, new_photo: NewPhotoRequest) -> dict:
    """Store a PENDING photo and return it with the presigned POST for its upload."""
    upload_limits.take_upload_slot(user)
    # The photo appears on its owner's profile, so the profile must exist first.
    profiles_service.ensure_profile(user)
    # Imported here: only sharing a photo makes ids, and a cold start of any other route
    # need not load the library.
    from ulid import ULID

    photo_id = str(ULID())  # time-sortable, so ids sort by creation time
    logger.append_keys(photo_id=photo_id)
    now = datetime.now(UTC)
    created_at = clock.timestamp(now)
    upload = upload_policy.presigned_upload(photo_id, new_photo.content_type, new_photo.size)
    item = {
        "id": photo_id,
        "ownerId": user.id,
        "ownerUsername": user.username,
        "caption": new_photo.caption,
        "status": "PENDING",
        "contentType": new_photo.content_type,
        "declaredSize": new_photo.size,
        "createdAt": created_at,
        "likeCount": 0,
        "ownerName": table_keys.owner_index_partition(user.username),
        "ownerSort": f"{created_at}#{photo_id}",
        "uploadExpiresAt": upload["expiresAt"],
        "deleteAfter": int((now + ABANDONED_PHOTO_LIFETIME).timestamp()),
    }
    photo_store.put_new_photo(item)
    logger.info("Upload requested", extra={"content_type": new_photo.content_type})
    metrics.add_metric(name="UploadsRequested", unit=MetricUnit.Count, value=1)
    return {"photo": photo_json.present(item), "upload": upload}


def get_photo(photo_id: str, viewer: User | None) -> dict:
    logger.append_keys(photo_id=photo_id)
    item = visible_or_404(photo_store.get_photo(photo_id), viewer)
    return likes_service.present_with_likes([item], viewer)[0]


def feed_page(page: PageRequest, viewer: User | None) -> dict:
    """One page of the global feed, newest first, with the cursor for the next page (or None):
    one Query per feed shard, plus one BatchGetItem for `likedByMe` when signed in."""
    photos = photo_store.newest_ready_photos(load_settings().feed_shards, page.cursor, page.limit)
    has_more = len(photos) > page.limit
    photos = photos[: page.limit]
    next_cursor = page_cursor.encode(photos[-1]["feedSort"]) if has_more else None
    return {"items": likes_service.present_with_likes(photos, viewer), "nextCursor": next_cursor}


def edit_caption(photo_id: str, user: User, caption: str) -> dict:
    logger.append_keys(photo_id=photo_id)
    updated = photo_store.set_caption(photo_id, user.id, caption)
    if updated is None:
        _refuse_change(photo_store.get_photo(photo_id), user)
    logger.info("Caption changed")
    return likes_service.present_with_likes([updated], user)[0]


def delete_photo(photo_id: str, user: User) -> None:
    """Delete the photo at once (it leaves the feed and the profile); its likes and files follow
    a moment later, from the table's stream (photo_cleanup)."""
    logger.append_keys(photo_id=photo_id)
    for _ in range(DELETE_ATTEMPTS):
        photo = photo_store.get_photo(photo_id, consistent=True)
        if photo is None or photo["ownerId"] != user.id:
            _refuse_change(photo, user)
        if photo_store.delete_photo(photo):
            logger.info("Photo deleted", extra={"status": photo["status"]})
            metrics.add_metric(name="PhotosDeleted", unit=MetricUnit.Count, value=1)
            return
    logger.warning("Photo kept changing while being deleted", extra={"attempts": DELETE_ATTEMPTS})
    raise ServiceUnavailableError(TRY_AGAIN_MESSAGE)


def _refuse_change(photo: dict | None, user: User) -> None:
    """Why `user` may not change this photo: 404 if they may not even see it, else 403."""
    visible_or_404(photo, user)
    raise ForbiddenError(NOT_YOUR_PHOTO_MESSAGE)
