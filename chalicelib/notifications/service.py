"""What the notification routes do: read a page of one's inbox with the unread count, and mark
everything read.

Sits between the edge and notifications.inbox_store. A page costs four requests whatever its
size: the last-read mark (GetItem), the page (Query), the photos its notifications show with
their actors' profiles (BatchGetItem) and the unread count (a Query that reads at most 100
notifications). A notification of a photo that is gone or no longer READY is left out: the
stream is removing it.
"""

from typing import NamedTuple

from chalicelib.notifications import inbox_store
from chalicelib.people import looks
from chalicelib.shared import batches, table_keys
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.users import User


class ShownNotification(NamedTuple):
    item: dict  # the stored notification
    photo: dict | None  # the photo it is about, as stored, if any
    unread: bool
    actor: dict | None = None  # the actor's profile as it is now (people.looks)


class Inbox(NamedTuple):
    page: Page  # of ShownNotification, newest first
    unread_count: int  # exact up to 99; 100 stands for "more than 99"


def inbox_page(user: User, wanted: PageRequest) -> Inbox:
    mark = inbox_store.last_read(user.id)
    items, continue_after = inbox_store.notifications_page(user.id, wanted.after, wanted.limit)
    photos, actors = _photos_and_actors(items)
    shown = [
        ShownNotification(
            item, photos.get(item.get("photoId")), item["SK"] > mark, actors.get(item["actorId"])
        )
        for item in items
        if _still_shown(item, photos) and not looks.is_gone(actors.get(item["actorId"]))
    ]
    return Inbox(Page(shown, continue_after), inbox_store.unread_count(user.id, mark))


def mark_all_read(user: User) -> int:
    """Everything in the inbox is read now; the unread count that leaves (0)."""
    inbox_store.mark_read(user.id)
    return 0


def _photos_and_actors(items: list[dict]) -> tuple[dict[str, dict], dict[str, dict]]:
    """The photos the page's notifications show and their actors' profiles, by id, in one
    BatchGetItem."""
    photo_ids = dict.fromkeys(item["photoId"] for item in items if "photoId" in item)
    keys = [table_keys.photo_key(photo_id) for photo_id in photo_ids]
    found = batches.get_items(keys + looks.profile_keys(item["actorId"] for item in items))
    photos = {item["id"]: item for item in found if table_keys.is_photo(item)}
    return photos, looks.profiles_among(found)


def _still_shown(item: dict, photos: dict[str, dict]) -> bool:
    if "photoId" not in item:
        return True
    photo = photos.get(item["photoId"])
    return photo is not None and photo.get("status") == "READY"
