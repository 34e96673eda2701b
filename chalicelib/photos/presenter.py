"""A photo as the API contract shows it (docs/data-model.md has the stored item; /api/openapi.json
the answer): only what a client may see, with numbers as JSON numbers and rendition keys as URLs.
"""

from chalicelib.people.presenter import present_looks
from chalicelib.photos.likes import LikeState
from chalicelib.photos.service import NewUpload
from chalicelib.photos.shown import ShownPhoto


def present(shown: ShownPhoto) -> dict:
    """The photo's JSON; `likedByMe` only when there is a signed-in viewer to ask about."""
    item = shown.photo
    photo = {
        "id": item["id"],
        "owner": {
            "id": item["ownerId"],
            "username": item["ownerUsername"],
            **present_looks(shown.owner),
        },
        "caption": item.get("caption", ""),
        # What the photo shows, for the <img>'s alt; empty for photos shared before it existed.
        "altText": item.get("altText", ""),
        "status": item["status"],
        "createdAt": item["createdAt"],
        # DynamoDB returns numbers as Decimal; JSON wants int.
        "likeCount": int(item.get("likeCount", 0)),
        # Comments and replies alike (chalicelib/comments/comment_store.py moves it).
        "commentCount": max(int(item.get("commentCount", 0)), 0),
    }
    if shown.liked_by_me is not None:
        photo["likedByMe"] = shown.liked_by_me
    if item["status"] != "READY":
        # Only the owner is ever shown an unfinished photo (photos.visibility). Whether its file
        # reached CloudGram tells them apart: a PENDING photo without it was interrupted (the
        # page that uploaded it is gone) and a FAILED one could be shared again; with it, the
        # file itself was the trouble, or is being processed.
        photo["uploadArrived"] = "uploadArrivedAt" in item
    for optional_text in ("failureReason", "readyAt", "placeholder"):
        if optional_text in item:
            photo[optional_text] = item[optional_text]
    if "width" in item:
        photo["width"], photo["height"] = int(item["width"]), int(item["height"])
    if "renditions" in item:
        photo["renditions"] = present_renditions(item["renditions"])
    return photo


def present_renditions(renditions: dict) -> dict:
    """A photo's renditions by name, each `{url, width, height}`."""
    return {
        name: {
            # CloudFront serves the media bucket at the site's root, so a key is its URL path.
            "url": f"/{rendition['key']}",
            "width": int(rendition["width"]),
            "height": int(rendition["height"]),
        }
        for name, rendition in renditions.items()
    }


def present_new_upload(new_upload: NewUpload) -> dict:
    """POST /photos: the PENDING photo and the presigned POST its file goes to."""
    post = new_upload.post
    return {
        "photo": present(ShownPhoto(new_upload.photo, liked_by_me=None)),
        "upload": {"url": post.url, "fields": post.fields, "expiresAt": post.expires_at},
    }


def present_like_state(state: LikeState) -> dict:
    return {"likeCount": state.like_count, "likedByMe": state.liked_by_me}
