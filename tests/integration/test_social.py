"""Profiles, likes, caption edits and deletes over HTTP, with two people, on the local stack: the
same requests the page makes, through the local gateway's real token checks, with the table's
stream cleaning up after deletes in the background."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.images import phone_photo
from tests.support.waiting import eventually

CONCURRENT_LIKES = 50


def likes_stored(table, photo_id: str) -> int:
    return table.query(
        KeyConditionExpression="PK = :photo AND begins_with(SK, :like)",
        ExpressionAttributeValues={":photo": f"PHOTO#{photo_id}", ":like": "LIKE#"},
        Select="COUNT",
    )["Count"]


def test_given_two_people_then_likes_profiles_edits_and_deletes_work_end_to_end(
    client, alice, bob, local_aws
):
    # Given Alice's READY photo
    photo = client.upload_photo(alice, phone_photo(800, 600))
    photo_path = f"/photos/{photo['id']}"

    # When Bob likes it twice, Then it counts once and says he likes it
    for _ in range(2):
        liked = client.api("PUT", f"{photo_path}/like", bob.id_token)
        assert liked.json() == {"likeCount": 1, "likedByMe": True}
    assert client.api("GET", photo_path, bob.id_token).json()["likedByMe"] is True

    # And Alice's profile shows the photo to Bob, and counts it
    profile = client.api("GET", f"/users/{alice.username}", bob.id_token).json()
    assert profile["photoCount"] == 1
    photos = client.api("GET", f"/users/{alice.username}/photos", bob.id_token).json()
    assert [item["id"] for item in photos["items"]] == [photo["id"]]

    # And Bob may neither change nor delete it
    assert client.api("PATCH", photo_path, bob.id_token, json={"caption": "x"}).status_code == 403
    assert client.api("DELETE", photo_path, bob.id_token).status_code == 403

    # When Alice changes the caption, Then everyone sees the new one
    edited = client.api("PATCH", photo_path, alice.id_token, json={"caption": "Evening light"})
    assert edited.status_code == 200
    assert client.api("GET", photo_path).json()["caption"] == "Evening light"

    # When Alice deletes it, Then it is gone from the feed and the profile at once
    assert client.api("DELETE", photo_path, alice.id_token).status_code == 204
    feed = client.api("GET", "/feed?limit=50").json()["items"]
    assert photo["id"] not in [item["id"] for item in feed]
    assert client.api("GET", f"/users/{alice.username}/photos").json()["items"] == []
    assert client.api("GET", f"/users/{alice.username}").json()["photoCount"] == 0

    # And a moment later its media is no longer served
    media_url = client.site_url + photo["renditions"]["feed"]["url"]
    assert eventually(lambda: client.http.get(media_url, timeout=5).status_code == 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PATCH", "/photos/01JCNY0000000000000000000Z"),
        ("DELETE", "/photos/01JCNY0000000000000000000Z"),
        ("PUT", "/photos/01JCNY0000000000000000000Z/like"),
        ("DELETE", "/photos/01JCNY0000000000000000000Z/like"),
    ],
)
def test_given_no_token_when_changing_anything_then_401(client, method, path):
    response = client.api(method, path, json={"caption": "x"} if method == "PATCH" else None)

    assert response.status_code == 401


def test_given_50_people_liking_one_photo_at_once_then_the_count_is_exactly_50(
    client, alice, table
):
    photo = client.upload_photo(alice, phone_photo(64, 48))
    fans = [client.sign_up_and_in() for _ in range(CONCURRENT_LIKES)]

    def like(fan):
        return client.api("PUT", f"/photos/{photo['id']}/like", fan.id_token).status_code

    with ThreadPoolExecutor(max_workers=CONCURRENT_LIKES) as pool:
        statuses = list(pool.map(like, fans))
    with ThreadPoolExecutor(max_workers=CONCURRENT_LIKES) as pool:
        list(pool.map(like, fans))  # every one of them again: changes nothing

    assert statuses == [200] * CONCURRENT_LIKES
    assert client.api("GET", f"/photos/{photo['id']}").json()["likeCount"] == CONCURRENT_LIKES
    assert likes_stored(table, photo["id"]) == CONCURRENT_LIKES


def test_given_a_photo_with_5000_likes_when_deleted_then_the_likes_are_cleaned_up_after(
    client, alice, table
):
    photo = client.upload_photo(alice, phone_photo(64, 48))
    with table.batch_writer() as batch:
        for number in range(5000):
            batch.put_item(
                Item={"PK": f"PHOTO#{photo['id']}", "SK": f"LIKE#fan-{number}", "userId": "x"}
            )

    response = client.api("DELETE", f"/photos/{photo['id']}", alice.id_token)

    assert response.status_code == 204
    assert eventually(lambda: likes_stored(table, photo["id"]) == 0)


def test_given_two_likes_when_the_owner_pages_who_liked_then_newest_first_with_follow_state(
    client, alice, bob
):
    # Given Alice's photo, liked by Bob and then by Carol, and Alice following Carol
    carol = client.sign_up_and_in()
    ids = {
        person.username: client.api("GET", "/me", person.id_token).json()["id"]
        for person in (bob, carol)
    }
    photo = client.upload_photo(alice, phone_photo(32, 24))
    for person in (bob, carol):
        assert client.api("PUT", f"/photos/{photo['id']}/like", person.id_token).ok
    assert client.api("PUT", f"/users/{carol.username}/follow", alice.id_token).ok

    # When Alice pages through who liked it, one person a page
    def every_liker() -> list[dict]:
        people, query = [], "limit=1"
        while True:
            page = client.api("GET", f"/photos/{photo['id']}/likes?{query}", alice.id_token).json()
            people += page["items"]
            if page["nextCursor"] is None:
                return people
            query = f"limit=1&cursor={page['nextCursor']}"

    # Then she sees Carol, whom she follows, then Bob (the index may lag a moment behind)
    expected = [
        {"id": ids[carol.username], "username": carol.username, "followedByMe": True},
        {"id": ids[bob.username], "username": bob.username, "followedByMe": False},
    ]
    assert eventually(lambda: every_liker() == expected), every_liker()
