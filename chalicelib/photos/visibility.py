"""Who may see a photo: anyone sees a READY photo; only its owner sees it while it is PENDING or
after it FAILED. A photo someone may not see answers exactly as a photo that does not exist
(not found, with the same message), so its id reveals nothing."""

from chalicelib.shared.errors import NotFoundError
from chalicelib.shared.users import User

PHOTO_NOT_FOUND_MESSAGE = "There is no photo with this id, or it is not visible to you."


def may_see(item: dict | None, viewer: User | None) -> bool:
    if item is None:
        return False
    return item["status"] == "READY" or (viewer is not None and viewer.id == item["ownerId"])


def visible_or_not_found(item: dict | None, viewer: User | None) -> dict:
    """The item, if the viewer may see it; otherwise NotFoundError, as if it did not exist."""
    if not may_see(item, viewer):
        raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE)
    return item
