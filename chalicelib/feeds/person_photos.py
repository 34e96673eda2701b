"""GET /users/{username}/photos: one person's photos, newest first, a page at a time.

OwnerIndex holds every photo under its owner from the moment it is created, so a page is one
Query. Others see only READY photos; the owner also sees pending and failed ones.
"""

from chalicelib.people import profiles
from chalicelib.photos import store
from chalicelib.photos.shown import shown_to
from chalicelib.shared import table_keys
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.users import User


def photos_page(username: str, page: PageRequest, viewer: User | None) -> Page:
    """One page of someone's photos: one Query, plus one BatchGetItem for `likedByMe` when the
    viewer is signed in."""
    is_owner = viewer is not None and table_keys.username_key(
        viewer.username
    ) == table_keys.username_key(username)
    photos, continue_below = store.owner_photos(
        username, page.after, page.limit, ready_only=not is_owner
    )
    if not photos and page.after is None:
        # An empty first page: someone with no photos yet, or no one at all?
        profiles.user_id_or_not_found(username)
    return Page(items=shown_to(viewer, photos), continue_after=continue_below)
