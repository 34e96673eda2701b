"""PATCH and DELETE /photos/{id}: the owner changes the caption or takes the photo down; anyone
else is refused, 403 if they can see the photo and 404 if they cannot."""

import json

import pytest

from chalicelib.photos import store as photo_store
from tests.support.api_steps import auth, ready_photo, upload_requested


def edit(api, token, photo_id, body):
    raw = body if isinstance(body, str) else json.dumps(body)
    return api.http.patch(f"/photos/{photo_id}", headers=auth(token), body=raw)


def test_given_my_photo_when_i_change_its_caption_then_it_is_stored_as_text(api, make_token):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice, caption="old")

    response = edit(api, alice, photo_id, {"caption": "<b>new</b> ✨"})

    assert response.status_code == 200
    assert response.json_body["caption"] == "<b>new</b> ✨"
    assert response.json_body["likedByMe"] is False
    assert photo_store.get_photo(photo_id)["caption"] == "<b>new</b> ✨"


def test_given_my_pending_photo_when_i_change_its_caption_then_it_changes(api, make_token):
    alice = make_token("alice")
    photo_id = upload_requested(api, alice)

    assert edit(api, alice, photo_id, {"caption": ""}).json_body["caption"] == ""


def test_given_my_photo_when_i_describe_it_then_the_alt_text_changes_and_the_caption_stays(
    api, make_token
):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice, caption="Sunday")

    described = edit(api, alice, photo_id, {"altText": "A red kite over a grey sea"})
    both = edit(api, alice, photo_id, {"caption": "Monday", "altText": ""})

    assert described.status_code == both.status_code == 200
    assert (described.json_body["caption"], described.json_body["altText"]) == (
        "Sunday",
        "A red kite over a grey sea",
    )
    assert (both.json_body["caption"], both.json_body["altText"]) == ("Monday", "")


def test_given_someone_elses_ready_photo_when_i_edit_or_delete_it_then_403(api, make_token):
    photo_id = ready_photo(api, make_token("alice"), caption="mine")
    bob = make_token("bob")

    edited = edit(api, bob, photo_id, {"caption": "hacked"})
    deleted = api.http.delete(f"/photos/{photo_id}", headers=auth(bob))

    assert edited.status_code == deleted.status_code == 403
    assert "Only the person who shared this photo" in edited.json_body["Message"]
    assert photo_store.get_photo(photo_id)["caption"] == "mine"


def test_given_someone_elses_pending_photo_when_i_edit_or_delete_it_then_404(api, make_token):
    photo_id = upload_requested(api, make_token("alice"))
    bob = make_token("bob")

    assert edit(api, bob, photo_id, {"caption": "x"}).status_code == 404
    assert api.http.delete(f"/photos/{photo_id}", headers=auth(bob)).status_code == 404
    assert photo_store.get_photo(photo_id) is not None


@pytest.mark.parametrize(
    ("body", "expected_message"),
    [
        ({}, "Send what changes"),
        ({"caption": 5}, "caption must be text"),
        ({"caption": "x" * 2201}, "at most 2200"),
        ({"altText": None}, "altText must be text"),
        ({"altText": "x" * 1001}, "at most 1000"),
        ({"altText": "\ud83d broken"}, "altText holds a broken character"),
        ({"caption": "x", "status": "READY"}, "Unknown field(s): status"),
        ("not json", "must be a JSON object"),
        ("[]", "must be a JSON object"),
    ],
)
def test_given_a_bad_caption_edit_then_400_says_what_to_change(
    api, make_token, body, expected_message
):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice, caption="kept")

    response = edit(api, alice, photo_id, body)

    assert response.status_code == 400
    assert expected_message in response.json_body["Message"]
    assert photo_store.get_photo(photo_id)["caption"] == "kept"


def test_given_my_photo_when_i_delete_it_then_204_and_it_leaves_feed_profile_and_page(
    api, make_token
):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    kept = ready_photo(api, alice)

    response = api.http.delete(f"/photos/{photo_id}", headers=auth(alice))

    assert response.status_code == 204
    assert response.body == b""
    feed = [photo["id"] for photo in api.http.get("/feed").json_body["items"]]
    profile = [photo["id"] for photo in api.http.get("/users/alice/photos").json_body["items"]]
    assert feed == profile == [kept]
    assert api.http.get(f"/photos/{photo_id}", headers=auth(alice)).status_code == 404


def test_given_a_photo_deleted_when_deleted_or_edited_again_then_404(api, make_token):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    api.http.delete(f"/photos/{photo_id}", headers=auth(alice))

    assert api.http.delete(f"/photos/{photo_id}", headers=auth(alice)).status_code == 404
    assert edit(api, alice, photo_id, {"caption": "x"}).status_code == 404


def test_given_my_pending_photo_when_i_delete_it_then_it_is_gone_and_was_never_counted(
    api, make_token
):
    alice = make_token("alice")
    photo_id = upload_requested(api, alice)

    assert api.http.delete(f"/photos/{photo_id}", headers=auth(alice)).status_code == 204

    assert photo_store.get_photo(photo_id) is None
    assert api.http.get("/users/alice").json_body["photoCount"] == 0


def test_given_a_photo_with_5000_likes_when_deleted_then_the_request_stays_small(
    api, make_token, dynamodb_requests, many_likes
):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    many_likes(photo_id, 5000)
    dynamodb_requests.clear()

    response = api.http.delete(f"/photos/{photo_id}", headers=auth(alice))

    assert response.status_code == 204
    # One read and one transaction, whatever the likes: they are removed from the stream.
    assert dynamodb_requests == {"GetItem": 1, "TransactWriteItems": 1}
