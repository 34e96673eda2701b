"""What the like routes do, and `likedByMe` on every photo a signed-in person is shown.

Sits between app.py and like_store. Only READY photos can be liked; a photo someone may not see
answers as if it did not exist (404), exactly as GET /photos/{id} does.
"""

from chalice import ConflictError, NotFoundError

from chalicelib import clock, like_store, photo_json, photo_store
from chalicelib.identity import User
from chalicelib.observability import logger
from chalicelib.photo_visibility import PHOTO_NOT_FOUND_MESSAGE, visible_or_404

NOT_READY_MESSAGE = "This photo is still being processed; it can be liked once it is ready."


def like(photo_id: str, user: User) -> dict:
    logger.append_keys(photo_id=photo_id)
    try:
        like_store.add_like(photo_id, user.id, user.username, clock.timestamp())
    except like_store.LikeRefusedError as refused:
        _raise_why_not_likeable(photo_id, user, refused)
    return _like_state(photo_id, user, liked_by_me=True)


def unlike(photo_id: str, user: User) -> dict:
    logger.append_keys(photo_id=photo_id)
    try:
        like_store.remove_like(photo_id, user.id)
    except like_store.LikeRefusedError as refused:
        raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE) from refused
    return _like_state(photo_id, user, liked_by_me=False)


def present_with_likes(items: list[dict], viewer: User | None) -> list[dict]:
    """Photos as JSON; for a signed-in viewer each says whether they like it, from one
    BatchGetItem for the whole list (only READY photos can have likes)."""
    if viewer is None:
        return [photo_json.present(item) for item in items]
    ready_ids = [item["id"] for item in items if item["status"] == "READY"]
    liked = like_store.liked_photo_ids(ready_ids, viewer.id) if ready_ids else set()
    return [photo_json.present(item, liked_by_me=item["id"] in liked) for item in items]


def _like_state(photo_id: str, user: User, liked_by_me: bool) -> dict:
    # A consistent read: the count must include the change this request has just made.
    photo = visible_or_404(photo_store.get_photo(photo_id, consistent=True), user)
    return {"likeCount": int(photo.get("likeCount", 0)), "likedByMe": liked_by_me}


def _raise_why_not_likeable(photo_id: str, user: User, refused: Exception) -> None:
    photo = photo_store.get_photo(photo_id)
    if photo is not None and photo["ownerId"] == user.id:
        raise ConflictError(NOT_READY_MESSAGE) from refused
    raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE) from refused
