"""People as the API contract shows them: the signed-in user (GET /me), a profile, a person in
a list of followers or following, a person found by search or suggested, and the state of a
follow.

What a person chose to look like is read from their profile item (docs/data-model.md):
`displayName` and `bio` (absent when not set), and `avatar`, their picture's renditions as the
worker stores them, `{"small": {key, width, height}, "large": {...}, "placeholder"}` (absent
when they have none: the page draws their letter). A profile page shows the large rendition;
everywhere else a person appears, the small one.
"""

from chalicelib.people.follows import FollowState, Person
from chalicelib.people.profiles import COUNTERS, ShownProfile, count
from chalicelib.people.search import FoundPerson
from chalicelib.shared.users import User


def present_me(user: User) -> dict:
    return {"id": user.id, "username": user.username, "email": user.email}


def present_profile(shown: ShownProfile) -> dict:
    profile = shown.profile
    body = {
        "id": profile["userId"],
        "username": profile["username"],
        "joinedAt": profile["joinedAt"],
        **{counter: count(profile, counter) for counter in COUNTERS},
        **present_looks(profile, avatar_size="large"),
    }
    if profile.get("bio"):
        body["bio"] = profile["bio"]
    if shown.followed_by_me is not None:
        body["followedByMe"] = shown.followed_by_me
    return body


def present_person(person: Person) -> dict:
    body = {"id": person.id, "username": person.username, **present_looks(person.profile)}
    if person.followed_by_me is not None:
        body["followedByMe"] = person.followed_by_me
    return body


def present_looks(profile: dict | None, avatar_size: str = "small") -> dict:
    """`{displayName?, avatar?: {url, width, height, placeholder}}` of a stored profile item:
    what every place that shows this person shows beside their username."""
    looks = {}
    if profile and profile.get("displayName"):
        looks["displayName"] = profile["displayName"]
    avatar = (profile or {}).get("avatar")
    if avatar:
        rendition = avatar[avatar_size]
        looks["avatar"] = {
            # CloudFront serves the media bucket at the site's root, so a key is its URL path.
            "url": f"/{rendition['key']}",
            "width": int(rendition["width"]),
            "height": int(rendition["height"]),
            "placeholder": avatar["placeholder"],
        }
    return looks


def present_follow_state(state: FollowState) -> dict:
    return {"followerCount": state.follower_count, "followedByMe": state.followed_by_me}


def present_found(person: FoundPerson) -> dict:
    """A person in search results or suggestions, with their looks (the small picture)."""
    profile = person.profile
    body = {"id": profile["userId"], "username": profile["username"], **present_looks(profile)}
    if person.followed_by_me is not None:
        body["followedByMe"] = person.followed_by_me
    if person.reason is not None:
        body["reason"] = person.reason
    return body
