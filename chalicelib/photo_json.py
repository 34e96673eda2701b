"""A stored photo item as the API contract shows it (DESIGN.md, "API contract"): only what a
client may see, with numbers as JSON numbers and rendition keys as URLs.
"""

from datetime import UTC, datetime, timedelta

UPLOAD_NEVER_ARRIVED_REASON = (
    "The photo was not uploaded before its upload link expired. Please share it again."
)
# After the upload link expires, a file that did arrive in time may still be in the worker.
PROCESSING_GRACE = timedelta(minutes=2)


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
    if item["status"] == "PENDING" and upload_window_closed(item):
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


def upload_window_closed(item: dict) -> bool:
    expires_at = datetime.fromisoformat(item["uploadExpiresAt"].replace("Z", "+00:00"))
    return datetime.now(UTC) > expires_at + PROCESSING_GRACE
