"""What the follow routes do: follow and unfollow someone, and list followers and following.

Sits between app.py and follow_store. Following is idempotent (a second follow changes
nothing), yourself is refused, and the answer carries the followee's new follower count. What a
follow does to home feeds happens afterwards, from the table's stream (timeline_fanout).
"""

from chalice import BadRequestError, NotFoundError

from chalicelib import clock, follow_store, page_cursor, profile_store, table_keys
from chalicelib.identity import User
from chalicelib.observability import logger
from chalicelib.profiles_service import USER_NOT_FOUND_MESSAGE, ensure_profile
from chalicelib.request_parsing import PageRequest

FOLLOW_YOURSELF_MESSAGE = "You cannot follow yourself; choose someone else's profile."


def follow(username: str, user: User) -> dict:
    followee = _other_profile(username, user)
    ensure_profile(user)  # the follow counts on both profiles
    try:
        follow_store.add_follow(_person(user), _person_of(followee), clock.timestamp())
    except follow_store.FollowRefusedError as refused:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE) from refused
    logger.info("Followed", extra={"followee": followee["username"]})
    return _follow_state(followee["userId"], followed_by_me=True)


def unfollow(username: str, user: User) -> dict:
    followee = _other_profile(username, user)
    try:
        follow_store.remove_follow(user.id, followee["userId"])
    except follow_store.FollowRefusedError as refused:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE) from refused
    return _follow_state(followee["userId"], followed_by_me=False)


def people_page(username: str, direction: str, page: PageRequest, viewer: User | None) -> dict:
    """A page of the people `username` follows ("following") or who follow them
    ("followers"), each `{id, username}`, in a stable order. A signed-in viewer also learns, for
    each, whether they follow that person (`followedByMe`): one BatchGetItem for the whole page,
    not one request per person."""
    user_id = profile_store.user_id_for(username)
    if user_id is None:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    prefix, side = {
        "following": (table_keys.FOLLOWS_PREFIX, "followee"),
        "followers": (table_keys.FOLLOWER_PREFIX, "follower"),
    }[direction]
    edges, continue_after = follow_store.edges_page(user_id, prefix, page.cursor, page.limit)
    people = [{"id": edge[f"{side}Id"], "username": edge[f"{side}Username"]} for edge in edges]
    if viewer is not None and people:
        followed = follow_store.followed_among(viewer.id, [person["id"] for person in people])
        for person in people:
            person["followedByMe"] = person["id"] in followed
    return {
        "items": people,
        "nextCursor": page_cursor.encode(continue_after) if continue_after else None,
    }


def _other_profile(username: str, user: User) -> dict:
    if table_keys.username_key(username) == table_keys.username_key(user.username):
        raise BadRequestError(FOLLOW_YOURSELF_MESSAGE)
    user_id = profile_store.user_id_for(username)
    profile = profile_store.get_profile(user_id) if user_id else None
    if profile is None:
        raise NotFoundError(USER_NOT_FOUND_MESSAGE)
    return profile


def _follow_state(followee_id: str, followed_by_me: bool) -> dict:
    # A consistent read: the count must include the change this request has just made.
    profile = profile_store.get_profile(followee_id, consistent=True) or {}
    return {
        "followerCount": max(int(profile.get("followerCount", 0)), 0),
        "followedByMe": followed_by_me,
    }


def _person(user: User) -> dict:
    return {"id": user.id, "username": user.username}


def _person_of(profile: dict) -> dict:
    return {"id": profile["userId"], "username": profile["username"]}
