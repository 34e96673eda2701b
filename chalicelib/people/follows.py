"""What the follow routes do: follow and unfollow someone, and list followers and following.

Sits between the edge and people.follow_store. Following is idempotent (a second follow changes
nothing), yourself is refused, nobody follows more than MAX_FOLLOWING accounts (Instagram's
limit, 7,500), following and unfollowing spend the account's writes for the minute, and the
answer carries the followee's new follower count. What a
follow does to home feeds happens afterwards, from the table's stream (feeds.fanout).
"""

from datetime import UTC, datetime
from typing import NamedTuple

from chalicelib.people import follow_store, looks, profile_store
from chalicelib.people.profiles import (
    USER_NOT_FOUND_MESSAGE,
    count,
    ensure_profile,
    user_id_or_not_found,
)
from chalicelib.shared import account_writes, batches, table_keys
from chalicelib.shared.errors import ConflictError, InvalidInputError, NotFoundError
from chalicelib.shared.observability import logger
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.settings import load_settings
from chalicelib.shared.users import User

FOLLOW_YOURSELF_MESSAGE = "You cannot follow yourself; choose someone else's profile."


class FollowState(NamedTuple):
    follower_count: int
    followed_by_me: bool


class Person(NamedTuple):
    """Someone in a list of people (followers, following, who liked a photo)."""

    id: str
    username: str
    followed_by_me: bool | None  # None when no one is signed in to ask about
    profile: dict | None = None  # their profile item, read with the page (people.looks)


def follow(username: str, user: User) -> FollowState:
    ensure_profile(user)  # the follow counts on both profiles
    followee = _other_profile(username, user)
    now = datetime.now(UTC)
    max_following = load_settings().max_following
    try:
        follow_store.add_follow(_person(user), _person_of(followee), now, max_following)
    except follow_store.FollowRefusedError as refused:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE) from refused
    except follow_store.FollowingCapReachedError as refused:
        raise ConflictError(
            f"You follow {max_following:,} accounts, the most anyone may follow on CloudGram. "
            "Unfollow someone first."
        ) from refused
    except account_writes.BudgetSpentError as refused:
        raise account_writes.limit_reached(now) from refused
    logger.info("Followed", extra={"followee": followee["username"]})
    return _follow_state(followee["userId"], followed_by_me=True)


def unfollow(username: str, user: User) -> FollowState:
    followee = _other_profile(username, user)
    now = datetime.now(UTC)
    try:
        follow_store.remove_follow(user.id, followee["userId"], now)
    except follow_store.FollowRefusedError as refused:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE) from refused
    except account_writes.BudgetSpentError as refused:
        raise account_writes.limit_reached(now) from refused
    return _follow_state(followee["userId"], followed_by_me=False)


def people_page(username: str, direction: str, page: PageRequest, viewer: User | None) -> Page:
    """A page of the people `username` follows ("following") or who follow them
    ("followers"), in a stable order (by user id, which is also the page's position). A
    signed-in viewer also learns, for each, whether they follow that person; with the people's
    profiles, one BatchGetItem for the whole page, not one request per person."""
    user_id = user_id_or_not_found(username)
    prefix, side = {
        "following": (table_keys.FOLLOWS_PREFIX, "followee"),
        "followers": (table_keys.FOLLOWER_PREFIX, "follower"),
    }[direction]
    edges, continue_after = follow_store.edges_page(user_id, prefix, page.after, page.limit)
    people = [(edge[f"{side}Id"], edge[f"{side}Username"]) for edge in edges]
    ids = [person_id for person_id, _ in people]
    # The viewer's follows of the page's people and their profiles, in one BatchGetItem.
    follow_keys = follow_store.follow_keys(viewer.id, ids) if viewer is not None else []
    found = batches.get_items(follow_keys + looks.profile_keys(ids)) if people else []
    followed = None if viewer is None else follow_store.followees_among(found, viewer.id)
    profiles = looks.profiles_among(found)
    return Page(
        items=[
            Person(
                person_id,
                name,
                None if followed is None else person_id in followed,
                profiles.get(person_id),
            )
            for person_id, name in people
            if not looks.is_gone(profiles.get(person_id))
        ],
        continue_after=continue_after,
    )


def _other_profile(username: str, user: User) -> dict:
    """The profile of the person named, who must be someone else: decided by id, not by name, since
    two names may look alike."""
    user_id = profile_store.user_id_for(username)
    if user_id == user.id:
        raise InvalidInputError(FOLLOW_YOURSELF_MESSAGE)
    profile = profile_store.get_profile(user_id) if user_id else None
    if profile is None or looks.is_gone(profile):
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    return profile


def _follow_state(followee_id: str, followed_by_me: bool) -> FollowState:
    # A consistent read: the count must include the change this request has just made.
    profile = profile_store.get_profile(followee_id, consistent=True) or {}
    return FollowState(count(profile, "followerCount"), followed_by_me)


def _person(user: User) -> dict:
    return {"id": user.id, "username": user.username}


def _person_of(profile: dict) -> dict:
    return {"id": profile["userId"], "username": profile["username"]}
