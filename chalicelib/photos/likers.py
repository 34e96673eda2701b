"""Who liked a photo: a page of its likers, newest like first, each with whether the viewer
follows them.

Sits between the edge and photos.like_store / people.follow_store. A page costs one Query and one
BatchGetItem, however many people it lists: the Query reads the likes from LikesIndex (each like
item carries its liker's id and username), and the BatchGetItem reads the photo itself (who may
see it, photos.visibility) together with the viewer's follow edges to the page's likers and the
likers' profiles (their display names and pictures as they are now: people.looks). A photo
someone may not see answers as if it did not exist, as GET /photos/{id} does.
"""

from chalicelib.people import follow_store, looks
from chalicelib.people.follows import Person
from chalicelib.photos import like_store
from chalicelib.photos.visibility import visible_or_not_found
from chalicelib.shared import batches, table_keys
from chalicelib.shared.observability import logger
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.users import User


def likers_page(photo_id: str, page: PageRequest, viewer: User | None) -> Page:
    """A page of the people who like the photo, newest like first; `Person.followed_by_me` is
    None when no one is signed in (and False for the viewer themselves)."""
    logger.append_keys(photo_id=photo_id)
    likes, continue_after = like_store.likes_page(photo_id, page.after, page.limit)
    # Nobody follows themselves: the viewer's own like needs no look-up.
    others = [
        like["userId"] for like in likes if viewer is not None and like["userId"] != viewer.id
    ]
    follow_keys = follow_store.follow_keys(viewer.id, others) if others else []
    profile_keys = looks.profile_keys(like["userId"] for like in likes)
    found = batches.get_items([table_keys.photo_key(photo_id), *follow_keys, *profile_keys])
    photo = next((item for item in found if table_keys.is_photo(item)), None)
    visible_or_not_found(photo, viewer)
    followed = None if viewer is None else follow_store.followees_among(found, viewer.id)
    profiles = looks.profiles_among(found)
    return Page(
        items=[
            Person(
                like["userId"],
                like["username"],
                None if followed is None else like["userId"] in followed,
                profiles.get(like["userId"]),
            )
            for like in likes
            if not looks.is_gone(profiles.get(like["userId"]))
        ],
        continue_after=continue_after,
    )
