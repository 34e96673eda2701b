"""Every place that shows a person shows them as they look now: a display name or picture set
after a photo, a like, a comment or a follow shows on it at the next read (people.looks), and a
page costs the same requests however many people it shows."""

import json

import pytest

from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth, ready_photo, user_id
from tests.support.comment_steps import commented

ANAS_AVATAR = {
    "uploadId": "01M95ZSKFTZ0KGMZPS5H7K400K",
    "small": {
        "key": "avatars/ana/01M95ZSKFTZ0KGMZPS5H7K400K/small.webp",
        "width": 96,
        "height": 96,
    },
    "large": {
        "key": "avatars/ana/01M95ZSKFTZ0KGMZPS5H7K400K/large.webp",
        "width": 320,
        "height": 320,
    },
    "placeholder": "data:image/webp;base64,UklGRg==",
}
SMALL = {
    "url": "/avatars/ana/01M95ZSKFTZ0KGMZPS5H7K400K/small.webp",
    "width": 96,
    "height": 96,
    "placeholder": "data:image/webp;base64,UklGRg==",
}
ANA_NOW = {"id": user_id("ana"), "username": "ana", "displayName": "Ána Lima", "avatar": SMALL}


def ana_changes_how_she_looks() -> None:
    """What PATCH /me/profile and the avatar's worker leave on her profile item."""
    aws_clients.dynamodb_table().update_item(
        Key=table_keys.profile_key(user_id("ana")),
        UpdateExpression="SET displayName = :name, avatar = :avatar",
        ExpressionAttributeValues={":name": "Ána Lima", ":avatar": ANAS_AVATAR},
    )


def get(api, path, token=None):
    response = api.http.get(path, headers=auth(token) if token else {})
    assert response.status_code == 200, response.body
    return response.json_body


@pytest.fixture
def ana(api, make_token):
    token = make_token("ana")
    api.http.get("/me", headers=auth(token))
    return token


def test_given_a_photo_shared_before_ana_changed_then_every_list_shows_her_as_she_is_now(
    api, make_token, ana, settle_stream
):
    # Given Ana's photo, shared before she chose a name and a picture, and Ben who follows her
    photo = ready_photo(api, ana)
    ben = make_token("ben")
    api.http.put("/users/ana/follow", headers=auth(ben))
    settle_stream()

    # When she sets them
    ana_changes_how_she_looks()

    # Then every card and page that shows her shows them, signed in or not
    assert get(api, "/feed")["items"][0]["owner"] == ANA_NOW
    assert get(api, "/feed/home", ben)["items"][0]["owner"] == ANA_NOW
    assert get(api, f"/photos/{photo}", ben)["owner"] == ANA_NOW
    assert get(api, "/users/ana/photos")["items"][0]["owner"] == ANA_NOW
    assert get(api, "/users/ben/following", ben)["items"] == [ANA_NOW | {"followedByMe": True}]
    profile = get(api, "/users/ana")
    assert profile["displayName"] == "Ána Lima"
    assert profile["avatar"]["url"].endswith("/large.webp")


def test_given_ana_likes_comments_and_follows_then_she_shows_as_she_is_now_there_too(
    api, make_token, ana, settle_stream
):
    # Given Ben's photo, which Ana liked and commented on, and Ana following Ben
    ben = make_token("ben")
    photo = ready_photo(api, ben)
    api.http.put(f"/photos/{photo}/like", headers=auth(ana))
    said = commented(api, ana, photo, "Lovely")
    api.http.put("/users/ben/follow", headers=auth(ana))
    settle_stream()

    # When she changes how she looks
    ana_changes_how_she_looks()

    # Then who liked, the comments, Ben's followers and Ben's notifications show her so
    assert get(api, f"/photos/{photo}/likes")["items"] == [ANA_NOW]
    assert get(api, f"/photos/{photo}/comments")["items"][0]["author"] == ANA_NOW
    assert get(api, "/users/ben/followers")["items"] == [ANA_NOW]
    actors = [item["actor"] for item in get(api, "/notifications", ben)["items"]]
    assert actors == [ANA_NOW] * 3
    # and her own new reply says so at once
    reply = api.http.post(
        f"/photos/{photo}/comments",
        headers=auth(ana),
        body=json.dumps({"text": "Again", "replyTo": said["id"]}),
    )
    assert reply.json_body["author"] == ANA_NOW


def test_given_someone_who_never_chose_then_only_the_name_shows(api, ana):
    photo = ready_photo(api, ana)

    owner = get(api, f"/photos/{photo}")["owner"]

    assert owner == {"id": user_id("ana"), "username": "ana"}


def test_given_a_page_of_fifty_followers_signed_in_then_one_batch_for_all(
    api, make_token, ana, dynamodb_requests
):
    # Given fifty people following Ana (fifty follows to ask about, fifty profiles to read)
    for number in range(50):
        api.http.put("/users/ana/follow", headers=auth(make_token(f"fan{number:02}")))
    dynamodb_requests.clear()

    page = get(api, "/users/ana/followers?limit=50", make_token("fan00"))

    # Then the reader's fifty follows and the fifty profiles are 100 keys: one BatchGetItem
    assert len(page["items"]) == 50
    assert dynamodb_requests["BatchGetItem"] == 1


def test_given_more_than_a_hundred_keys_then_they_go_in_batches_of_a_hundred(
    api_environment, dynamodb_requests
):
    from chalicelib.shared import batches

    keys = [table_keys.profile_key(f"nobody-{number}") for number in range(150)]

    assert batches.get_items(keys) == []
    assert dynamodb_requests["BatchGetItem"] == 2
