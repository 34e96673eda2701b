"""What the like routes do: like a photo, take the like back, and answer with the new count.

Sits between the edge and photos.like_store. Only READY photos can be liked; a photo someone
may not see answers as if it did not exist (not found), exactly as GET /photos/{id} does.
Whether a viewer likes each photo of a page is photos.shown's business.
"""

from datetime import UTC, datetime
from typing import NamedTuple

from chalicelib.photos import like_store, store
from chalicelib.photos.visibility import PHOTO_NOT_FOUND_MESSAGE, visible_or_not_found
from chalicelib.shared import account_writes
from chalicelib.shared.errors import ConflictError, NotFoundError
from chalicelib.shared.observability import logger
from chalicelib.shared.users import User

NOT_READY_MESSAGE = "This photo is still being processed; it can be liked once it is ready."


class LikeState(NamedTuple):
    like_count: int
    liked_by_me: bool


def like(photo_id: str, user: User) -> LikeState:
    logger.append_keys(photo_id=photo_id)
    now = datetime.now(UTC)
    # The like carries whom it tells (the photo's owner), so that its notification can be found
    # and removed from the like alone, even after the photo is gone (notifications.deeds).
    owner_id = visible_or_not_found(store.get_photo(photo_id), user)["ownerId"]
    try:
        like_store.add_like(photo_id, user.id, user.username, owner_id, now)
    except like_store.LikeRefusedError as refused:
        _raise_why_not_likeable(photo_id, user, refused)
    except account_writes.BudgetSpentError as refused:
        raise account_writes.limit_reached(now) from refused
    return _like_state(photo_id, user, liked_by_me=True)


def unlike(photo_id: str, user: User) -> LikeState:
    logger.append_keys(photo_id=photo_id)
    now = datetime.now(UTC)
    try:
        like_store.remove_like(photo_id, user.id, now)
    except like_store.LikeRefusedError as refused:
        raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE) from refused
    except account_writes.BudgetSpentError as refused:
        raise account_writes.limit_reached(now) from refused
    return _like_state(photo_id, user, liked_by_me=False)


def _like_state(photo_id: str, user: User, liked_by_me: bool) -> LikeState:
    # A consistent read: the count must include the change this request has just made.
    photo = visible_or_not_found(store.get_photo(photo_id, consistent=True), user)
    return LikeState(like_count=int(photo.get("likeCount", 0)), liked_by_me=liked_by_me)


def _raise_why_not_likeable(photo_id: str, user: User, refused: Exception) -> None:
    photo = store.get_photo(photo_id)
    if photo is not None and photo["ownerId"] == user.id:
        raise ConflictError(NOT_READY_MESSAGE) from refused
    raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE) from refused
