"""Photos as a viewer is shown them: each with its status as of now (photos.status) and, for a
signed-in viewer, whether they like it. Every route that answers with photos answers with these,
and photos.presenter turns them into JSON.
"""

from typing import NamedTuple

from chalicelib.photos import like_store, status
from chalicelib.shared.users import User


class ShownPhoto(NamedTuple):
    photo: dict  # the stored item, its status as of now
    liked_by_me: bool | None  # None when no one is signed in to ask about


def shown_photo(item: dict, liked_by_me: bool | None) -> ShownPhoto:
    return ShownPhoto(status.as_of_now(item), liked_by_me)


def shown_to(viewer: User | None, items: list[dict]) -> list[ShownPhoto]:
    """The photos as `viewer` sees them; whether they like each comes from one BatchGetItem for
    the whole list (only READY photos can have likes)."""
    if viewer is None:
        return [shown_photo(item, None) for item in items]
    ready_ids = [item["id"] for item in items if item["status"] == "READY"]
    liked = like_store.liked_photo_ids(ready_ids, viewer.id) if ready_ids else set()
    return [shown_photo(item, item["id"] in liked) for item in items]
