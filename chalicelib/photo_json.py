"""A stored photo item as the API contract shows it (DESIGN.md, "API contract"): only what a
client may see, with numbers as JSON numbers and rendition keys as URLs.
"""

from datetime import UTC, datetime, timedelta

from chalicelib import clock

UPLOAD_NEVER_ARRIVED_REASON = (
    "The photo was not uploaded before its upload link expired. Please share it again."
)
PROCESSING_GAVE_UP_REASON = (
    "CloudGram tried several times but could not process this photo. Please share it again."
)
# After the upload link expires, a file that did arrive in time may still be in the worker.
PROCESSING_GRACE = timedelta(minutes=2)
# How long the worker may go on trying a file that arrived: the uploads queue delivers it up to
# 5 times, 6 minutes apart (maxReceiveCount and VisibilityTimeout in infra/template.yaml; a test
# holds them together), and the last try marks the photo FAILED. A photo still PENDING after
# that lost its last try too (it timed out, and the message went to the dead-letter queue).
WORKER_TRIES_PERIOD = 5 * timedelta(minutes=6)


def present(item: dict, liked_by_me: bool | None = None) -> dict:
    """The photo's JSON; `likedByMe` only when there is a signed-in viewer to ask about."""
    photo = {
        "id": item["id"],
        "owner": {"id": item["ownerId"], "username": item["ownerUsername"]},
        "caption": item.get("caption", ""),
        "status": item["status"],
        "createdAt": item["createdAt"],
        # DynamoDB returns numbers as Decimal; JSON wants int.
        "likeCount": int(item.get("likeCount", 0)),
    }
    if liked_by_me is not None:
        photo["likedByMe"] = liked_by_me
    for optional_text in ("failureReason", "readyAt", "placeholder"):
        if optional_text in item:
            photo[optional_text] = item[optional_text]
    never_ready_reason = why_it_will_never_be_ready(item) if item["status"] == "PENDING" else None
    if never_ready_reason is not None:
        # Say so, instead of leaving the owner waiting on a photo that will never be processed.
        photo["status"], photo["failureReason"] = "FAILED", never_ready_reason
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


def why_it_will_never_be_ready(pending: dict) -> str | None:
    """Why a PENDING photo can no longer become READY, or None while it still may.

    Without `uploadArrivedAt` (the worker sets it when the file's event reaches it), the file
    never came, and none can come once the upload link has expired: S3 refuses an expired
    policy. With it, the worker is processing the file or trying it again after a failure, and
    its last try would have marked the photo FAILED by the end of WORKER_TRIES_PERIOD.
    """
    now = datetime.now(UTC)
    arrived_at = pending.get("uploadArrivedAt")
    if arrived_at is None:
        if now > clock.moment(pending["uploadExpiresAt"]) + PROCESSING_GRACE:
            return UPLOAD_NEVER_ARRIVED_REASON
        return None
    if now > clock.moment(arrived_at) + WORKER_TRIES_PERIOD + PROCESSING_GRACE:
        return PROCESSING_GAVE_UP_REASON
    return None
