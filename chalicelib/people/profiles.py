"""What the profile routes do: make sure a signed-in person has a profile, and read someone's
profile with its counts.

Sits between the edge and people.profile_store. A profile is created the first time the API
meets a signed-in person (their first GET /me, upload or follow), so everyone who has used the
page can be found by name.
"""

from typing import NamedTuple

from chalicelib.people import looks, profile_store
from chalicelib.shared import clock
from chalicelib.shared.errors import AccountErasedError, ConflictError, NotFoundError
from chalicelib.shared.users import User

USER_NOT_FOUND_MESSAGE = "There is no CloudGram user with this name."
USERNAME_TAKEN_MESSAGE = (
    "Another account already uses this username with different capitals, so this one cannot "
    "have a profile. Sign up again with another username."
)
COUNTERS = ("photoCount", "followerCount", "followingCount")


class ShownProfile(NamedTuple):
    profile: dict  # the stored profile item
    followed_by_me: bool | None  # None when no one is signed in to ask about


def ensure_profile(user: User) -> dict:
    """Make sure the signed-in person has a profile (one GetItem when they do); return it."""
    profile = profile_store.get_profile(user.id)
    if looks.is_gone(profile):
        raise AccountErasedError()
    if profile is not None:
        return profile
    try:
        return profile_store.create_profile(user.id, user.username, clock.timestamp())
    except profile_store.UsernameTakenError as taken:
        raise ConflictError(USERNAME_TAKEN_MESSAGE) from taken


def get_profile(username: str, viewer: User | None) -> ShownProfile:
    """The profile with its counts; for a signed-in viewer also whether they follow it. Two
    requests: the username's claim, then the profile and the viewer's follow edge together."""
    user_id = user_id_or_not_found(username)
    profile, followed_by_viewer = profile_store.profile_seen_by(
        user_id, viewer.id if viewer else None
    )
    if profile is None or looks.is_gone(profile):
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    return ShownProfile(profile, followed_by_viewer if viewer is not None else None)


def user_id_or_not_found(username: str) -> str:
    """The id of the person with this username, or NotFoundError."""
    user_id = profile_store.user_id_for(username)
    if user_id is None:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    return user_id


def count(profile: dict, counter: str) -> int:
    """One of the profile's counts, never below zero, whatever a retried write may have done."""
    return max(int(profile.get(counter, 0)), 0)
