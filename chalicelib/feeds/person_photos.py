"""GET /users/{username}/photos: one person's photos, newest first, a page at a time.

OwnerIndex holds every photo under its owner's name from the moment it is created, so a page is
one Query. Others see only READY photos; the owner also sees pending and failed ones. Who is the
owner is decided by user id, as everywhere (photos.visibility), never by the name in the address:
two names may look alike, and a name may pass to a new account.
"""

from chalicelib.people import profiles
from chalicelib.photos import store
from chalicelib.photos.shown import shown_to
from chalicelib.photos.visibility import may_see
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.users import User


def photos_page(username: str, page: PageRequest, viewer: User | None) -> Page:
    """One page of someone's photos: one Query, plus one BatchGetItem for `likedByMe` when the
    viewer is signed in.

    The Query reads the owner's photos whatever their status, and what the viewer may not see is
    left out here, by id: so a page can come back short when the owner has pending or failed
    photos among them, while the position still moves on. A filter in the Query would cost the
    same reads (DynamoDB filters after reading) but could only compare names.
    """
    photos, continue_below = store.owner_photos(username, page.after, page.limit, ready_only=False)
    if not photos and page.after is None:
        # An empty first page: someone with no photos yet, or no one at all?
        profiles.user_id_or_not_found(username)
    visible = [photo for photo in photos if may_see(photo, viewer)]
    return Page(items=shown_to(viewer, visible), continue_after=continue_below)
