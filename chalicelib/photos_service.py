"""What the photo routes do: create a pending photo with its upload policy, read one, page the feed.

Sits between app.py (HTTP) and photo_store/upload_policy (AWS). It decides who may see what:
anyone sees READY photos; only the owner sees their PENDING or FAILED ones.
"""

from datetime import UTC, datetime, timedelta

from aws_lambda_powertools.metrics import MetricUnit
from chalice import NotFoundError
from ulid import ULID

from chalicelib import feed_cursor, photo_store, upload_policy
from chalicelib.identity import User
from chalicelib.observability import logger, metrics
from chalicelib.request_parsing import NewPhotoRequest, PageRequest
from chalicelib.settings import load_settings

PHOTO_NOT_FOUND_MESSAGE = "There is no photo with this id, or it is not visible to you."
UPLOAD_NEVER_ARRIVED_REASON = (
    "The photo was not uploaded before its upload link expired. Please share it again."
)
# After the upload link expires, a file that did arrive in time may still be in the worker.
PROCESSING_GRACE = timedelta(minutes=2)
# DynamoDB deletes a photo whose upload never arrived this long after it was created.
ABANDONED_PHOTO_LIFETIME = timedelta(days=1)


def request_upload(user: User, new_photo: NewPhotoRequest) -> dict:
    """Store a PENDING photo and return it with the presigned POST for its upload."""
    photo_id = str(ULID())  # time-sortable, so ids sort by creation time
    logger.append_keys(photo_id=photo_id)
    now = datetime.now(UTC)
    created_at = _timestamp(now)
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
        "ownerSort": f"{created_at}#{photo_id}",
        "uploadExpiresAt": upload["expiresAt"],
        "deleteAfter": int((now + ABANDONED_PHOTO_LIFETIME).timestamp()),
    }
    photo_store.put_new_photo(item)
    logger.info("Upload requested", extra={"content_type": new_photo.content_type})
    metrics.add_metric(name="UploadsRequested", unit=MetricUnit.Count, value=1)
    return {"photo": present(item), "upload": upload}


def get_photo(photo_id: str, viewer: User | None) -> dict:
    logger.append_keys(photo_id=photo_id)
    item = photo_store.get_photo(photo_id) if _looks_like_photo_id(photo_id) else None
    if item is None or not _may_see(item, viewer):
        raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE)
    return present(item)


def feed_page(page: PageRequest) -> dict:
    """One page of the global feed, newest first, with the cursor for the next page (or None)."""
    photos = photo_store.newest_ready_photos(load_settings().feed_shards, page.cursor, page.limit)
    has_more = len(photos) > page.limit
    photos = photos[: page.limit]
    next_cursor = feed_cursor.encode(photos[-1]["feedSort"]) if has_more else None
    return {"items": [present(photo) for photo in photos], "nextCursor": next_cursor}


def present(item: dict) -> dict:
    """A stored photo as the API contract shows it (DESIGN.md), leaving out what is absent."""
    photo = {
        "id": item["id"],
        "owner": {"id": item["ownerId"], "username": item["ownerUsername"]},
        "caption": item.get("caption", ""),
        "status": item["status"],
        "createdAt": item["createdAt"],
        # DynamoDB returns numbers as Decimal; JSON wants int.
        "likeCount": int(item.get("likeCount", 0)),
    }
    for optional_text in ("failureReason", "readyAt", "placeholder"):
        if optional_text in item:
            photo[optional_text] = item[optional_text]
    if item["status"] == "PENDING" and _upload_window_closed(item):
        # No upload can arrive any more (S3 refuses an expired policy): say so, instead of
        # leaving the owner waiting on a photo that will never be processed.
        photo["status"], photo["failureReason"] = "FAILED", UPLOAD_NEVER_ARRIVED_REASON
    if "width" in item:
        photo["width"], photo["height"] = int(item["width"]), int(item["height"])
    if "renditions" in item:
        photo["renditions"] = {
            name: {
                # CloudFront serves the media bucket at the site's root, so a key is its URL path.
                "url": f"/{rendition['key']}",
                "width": int(rendition["width"]),
                "height": int(rendition["height"]),
            }
            for name, rendition in item["renditions"].items()
        }
    return photo


def _timestamp(moment: datetime) -> str:
    """ISO 8601 UTC with milliseconds: fixed width, so the strings sort in time order."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _upload_window_closed(item: dict) -> bool:
    expires_at = datetime.fromisoformat(item["uploadExpiresAt"].replace("Z", "+00:00"))
    return datetime.now(UTC) > expires_at + PROCESSING_GRACE


def _may_see(item: dict, viewer: User | None) -> bool:
    return item["status"] == "READY" or (viewer is not None and viewer.id == item["ownerId"])


def _looks_like_photo_id(photo_id: str) -> bool:
    try:
        ULID.from_str(photo_id)
    except ValueError:
        return False
    return True
