"""What the profile routes do: a person's public profile (with follower counts) and their photos,
page by page.

Sits between app.py and profile_store/photo_store. A profile is created the first time the API
meets a signed-in person (their first GET /me or upload), so everyone who has used the page can
be found by name. Others see only READY photos; the owner also sees pending and failed ones.
"""

from chalice import ConflictError, NotFoundError

from chalicelib import clock, likes_service, page_cursor, photo_store, profile_store, table_keys
from chalicelib.identity import User
from chalicelib.request_parsing import PageRequest

USER_NOT_FOUND_MESSAGE = "There is no CloudGram user with this name."
USERNAME_TAKEN_MESSAGE = (
    "Another account already uses this username with different capitals, so this one cannot "
    "have a profile. Sign up again with another username."
)


def ensure_profile(user: User) -> None:
    """Make sure the signed-in person has a profile (one GetItem when they do)."""
    if profile_store.get_profile(user.id) is not None:
        return
    try:
        profile_store.create_profile(user.id, user.username, clock.timestamp())
    except profile_store.UsernameTakenError as taken:
        raise ConflictError(USERNAME_TAKEN_MESSAGE) from taken


def get_profile(username: str, viewer: User | None) -> dict:
    """The profile with its counts; for a signed-in viewer also whether they follow it. Two
    requests: the username's claim, then the profile and the viewer's follow edge together."""
    user_id = profile_store.user_id_for(username)
    if user_id is None:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    profile, followed_by_viewer = profile_store.profile_seen_by(
        user_id, viewer.id if viewer else None
    )
    if profile is None:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    shown = {
        "id": profile["userId"],
        "username": profile["username"],
        "joinedAt": profile["joinedAt"],
        # Counts are never shown below zero, whatever a retried write may have done.
        **{
            counter: max(int(profile.get(counter, 0)), 0)
            for counter in ("photoCount", "followerCount", "followingCount")
        },
    }
    if viewer is not None:
        shown["followedByMe"] = followed_by_viewer
    return shown


def profile_photos(username: str, page: PageRequest, viewer: User | None) -> dict:
    """One page of someone's photos, newest first: one Query, plus one BatchGetItem for
    `likedByMe` when the viewer is signed in."""
    is_owner = viewer is not None and table_keys.username_key(
        viewer.username
    ) == table_keys.username_key(username)
    photos, continue_below = photo_store.owner_photos(
        username, page.cursor, page.limit, ready_only=not is_owner
    )
    if not photos and page.cursor is None and profile_store.user_id_for(username) is None:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    return {
        "items": likes_service.present_with_likes(photos, viewer),
        "nextCursor": page_cursor.encode(continue_below) if continue_below else None,
    }
