"""Following and home feeds over HTTP on the local stack: the fan-out runs in the stack's stream
loop, as on_table_change runs from the table's stream in AWS, so each check waits for it.
The stack runs with FANOUT_MAX_FOLLOWERS at 3 (tests/support/local_stack.py:TEST_SETTINGS)."""

import pytest

from tests.support.images import phone_photo
from tests.support.waiting import eventually


def home_ids(client, user) -> list[str]:
    response = client.api("GET", "/feed/home?limit=50", user.id_token)
    assert response.status_code == 200, response.text
    return [photo["id"] for photo in response.json()["items"]]


def timeline_photo_ids(table, user_id: str) -> list[str]:
    items = table.query(
        KeyConditionExpression="PK = :timeline",
        ExpressionAttributeValues={":timeline": f"TIMELINE#{user_id}"},
    )["Items"]
    return [item["photoId"] for item in items if "photoId" in item]


def user_id_of(client, user) -> str:
    return client.api("GET", "/me", user.id_token).json()["id"]


def follow(client, follower, followee, method="PUT"):
    return client.api(method, f"/users/{followee.username}/follow", follower.id_token)


def test_given_a_follows_b_when_b_shares_then_it_reaches_a_and_leaves_on_unfollow(client):
    a, b = client.sign_up_and_in(), client.sign_up_and_in()
    assert follow(client, a, b).json() == {"followerCount": 1, "followedByMe": True}

    photo = client.upload_photo(b, phone_photo(64, 48))

    assert eventually(lambda: home_ids(client, a) == [photo["id"]])
    profile = client.api("GET", f"/users/{b.username}", a.id_token).json()
    assert (profile["followerCount"], profile["followedByMe"]) == (1, True)
    followers = client.api("GET", f"/users/{b.username}/followers").json()["items"]
    assert [person["username"] for person in followers] == [a.username]

    assert follow(client, a, b, "DELETE").json() == {"followerCount": 0, "followedByMe": False}
    assert eventually(lambda: home_ids(client, a) == [])


def test_given_a_new_follow_then_the_followees_earlier_photos_are_backfilled(client):
    a, b = client.sign_up_and_in(), client.sign_up_and_in()
    client.api("GET", "/me", a.id_token)
    earlier = client.upload_photo(b, phone_photo(64, 48))

    follow(client, a, b)

    assert eventually(lambda: home_ids(client, a) == [earlier["id"]])


def test_given_a_celebrity_then_followers_see_their_photo_merged_not_fanned_out(client, table):
    star = client.sign_up_and_in()
    fans = [client.sign_up_and_in() for _ in range(4)]  # more than the threshold of 3
    for fan in fans:
        assert follow(client, fan, star).status_code == 200
    first_fan_id = user_id_of(client, fans[0])

    photo = client.upload_photo(star, phone_photo(64, 48))

    assert eventually(lambda: home_ids(client, fans[0]) == [photo["id"]])
    # Once the fan-out has run (the owner's own timeline has the photo), no fan got it.
    star_id = user_id_of(client, star)
    assert eventually(lambda: photo["id"] in timeline_photo_ids(table, star_id))
    assert photo["id"] not in timeline_photo_ids(table, first_fan_id)


def test_given_a_deleted_photo_then_it_leaves_the_followers_home_feeds(client):
    a, b = client.sign_up_and_in(), client.sign_up_and_in()
    follow(client, a, b)
    photo = client.upload_photo(b, phone_photo(64, 48))
    assert eventually(lambda: home_ids(client, a) == [photo["id"]])

    assert client.api("DELETE", f"/photos/{photo['id']}", b.id_token).status_code == 204

    assert home_ids(client, a) == []


def test_given_a_list_of_followers_then_a_signed_in_reader_sees_whom_they_follow(client):
    # Given B followed by A and C, and A following C
    a, b, c = client.sign_up_and_in(), client.sign_up_and_in(), client.sign_up_and_in()
    follow(client, a, b)
    follow(client, c, b)
    follow(client, a, c)

    # When A, then someone signed out, read B's followers
    as_a = client.api("GET", f"/users/{b.username}/followers", a.id_token).json()["items"]
    signed_out = client.api("GET", f"/users/{b.username}/followers").json()["items"]

    # Then A learns that they follow C (and, of course, not themselves); signed out, names only
    assert {person["username"]: person["followedByMe"] for person in as_a} == {
        a.username: False,
        c.username: True,
    }
    assert sorted(person["username"] for person in signed_out) == sorted([a.username, c.username])
    assert all(set(person) == {"id", "username"} for person in signed_out)


def test_given_myself_or_nobody_when_followed_then_400_or_404(client, user):
    myself = client.api("PUT", f"/users/{user.username}/follow", user.id_token)
    nobody = client.api("PUT", "/users/nobody-at-all/follow", user.id_token)

    assert myself.status_code == 400
    assert "cannot follow yourself" in myself.json()["Message"]
    assert nobody.status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/feed/home"), ("PUT", "/users/anyone/follow"), ("DELETE", "/users/anyone/follow")],
)
def test_given_no_token_then_following_and_the_home_feed_are_401(client, method, path):
    assert client.api(method, path).status_code == 401


def test_given_someone_who_only_confirmed_their_account_then_they_can_be_found_and_followed(
    client, user
):
    # Given a friend who has signed up and confirmed, and never called the API
    friend = client.sign_up_and_in_to_cognito()

    # When someone looks them up and follows them
    profile = client.api("GET", f"/users/{friend.username}", user.id_token)
    followed = client.api("PUT", f"/users/{friend.username}/follow", user.id_token)

    # Then the profile was made at confirmation (the Post Confirmation trigger), and counts
    assert profile.status_code == 200, profile.text
    assert profile.json()["username"] == friend.username
    assert followed.json() == {"followerCount": 1, "followedByMe": True}
