"""Photos as a viewer is shown them: each with its status as of now (photos.status), its owner's
profile as it is now (what they look like: people.looks) and, for a signed-in viewer, whether
they like it. Every route that answers with photos answers with these, and photos.presenter
turns them into JSON.
"""

from typing import NamedTuple

from chalicelib.people import looks
from chalicelib.photos import status
from chalicelib.shared import batches, table_keys
from chalicelib.shared.users import User


class ShownPhoto(NamedTuple):
    photo: dict  # the stored item, its status as of now
    liked_by_me: bool | None  # None when no one is signed in to ask about
    owner: dict | None = None  # the owner's profile item, read with the page


def shown_photo(item: dict, liked_by_me: bool | None, owner: dict | None = None) -> ShownPhoto:
    return ShownPhoto(status.as_of_now(item), liked_by_me, owner)


def shown_to(viewer: User | None, items: list[dict]) -> list[ShownPhoto]:
    """The photos as `viewer` sees them: their owners' profiles and whether the viewer likes
    each (only READY photos can have likes) come from one BatchGetItem for the whole list. The
    photos of an account being erased are left out (people.looks.is_gone), so a page may come
    out shorter than asked; its position to continue from is the page's own, and still right."""
    if not items:
        return []
    ready_ids = [item["id"] for item in items if item["status"] == "READY"]
    like_keys = (
        [table_keys.like_key(photo_id, viewer.id) for photo_id in ready_ids] if viewer else []
    )
    found = batches.get_items(like_keys + looks.profile_keys(item["ownerId"] for item in items))
    owners = looks.profiles_among(found)
    liked = {table_keys.photo_id_of(item) for item in found if item["SK"] != "PROFILE"}
    return [
        shown_photo(
            item, None if viewer is None else item["id"] in liked, owners.get(item["ownerId"])
        )
        for item in items
        if not looks.is_gone(owners.get(item["ownerId"]))
    ]
