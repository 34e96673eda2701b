"""What the notification routes do: read a page of one's inbox with the unread count, and mark
everything read.

Sits between the edge and notifications.inbox_store. A page costs four requests whatever its
size: the last-read mark (GetItem), the page (Query), the photos its notifications show
(BatchGetItem) and the unread count (a Query that reads at most 100 notifications). A
notification of a photo that is gone or no longer READY is left out: the stream is removing it.
"""

from typing import NamedTuple

from chalicelib.notifications import inbox_store
from chalicelib.photos import store as photo_store
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.users import User


class ShownNotification(NamedTuple):
    item: dict  # the stored notification
    photo: dict | None  # the photo it is about, as stored, if any
    unread: bool


class Inbox(NamedTuple):
    page: Page  # of ShownNotification, newest first
    unread_count: int  # exact up to 99; 100 stands for "more than 99"


def inbox_page(user: User, wanted: PageRequest) -> Inbox:
    mark = inbox_store.last_read(user.id)
    items, continue_after = inbox_store.notifications_page(user.id, wanted.after, wanted.limit)
    photo_ids = {item["photoId"] for item in items if "photoId" in item}
    photos = photo_store.get_photos(photo_ids) if photo_ids else {}
    shown = [
        ShownNotification(item, photos.get(item.get("photoId")), unread=item["SK"] > mark)
        for item in items
        if _still_shown(item, photos)
    ]
    return Inbox(Page(shown, continue_after), inbox_store.unread_count(user.id, mark))


def mark_all_read(user: User) -> int:
    """Everything in the inbox is read now; the unread count that leaves (0)."""
    inbox_store.mark_read(user.id)
    return 0


def _still_shown(item: dict, photos: dict[str, dict]) -> bool:
    if "photoId" not in item:
        return True
    photo = photos.get(item["photoId"])
    return photo is not None and photo.get("status") == "READY"
