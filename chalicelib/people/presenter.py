"""People as the API contract shows them: the signed-in user (GET /me), a profile, a person in
a list of followers or following, and the state of a follow.
"""

from chalicelib.people.follows import FollowState, Person
from chalicelib.people.profiles import COUNTERS, ShownProfile, count
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
    }
    if shown.followed_by_me is not None:
        body["followedByMe"] = shown.followed_by_me
    return body


def present_person(person: Person) -> dict:
    body = {"id": person.id, "username": person.username}
    if person.followed_by_me is not None:
        body["followedByMe"] = person.followed_by_me
    return body


def present_follow_state(state: FollowState) -> dict:
    return {"followerCount": state.follower_count, "followedByMe": state.followed_by_me}
