"""GET /users/{username} and GET /users/{username}/photos: who can be found, what they show to
whom, newest first, one Query a page."""

import pytest

from chalicelib.photos import store as photo_store
from chalicelib.shared import table_keys
from image_worker import photo_records
from tests.support.api_steps import (
    TINY_RENDITIONS,
    auth,
    made_ready,
    ready_photo,
    upload_requested,
    user_id,
)


def photo_ids(page: dict) -> list[str]:
    return [photo["id"] for photo in page["items"]]


def test_given_someone_who_signed_in_once_then_anyone_finds_their_profile(api, make_token):
    api.http.get("/me", headers=auth(make_token("alice")))

    response = api.http.get("/users/alice")

    assert response.status_code == 200
    profile = response.json_body
    assert profile["username"] == "alice"
    assert profile["id"] == user_id("alice")
    assert profile["photoCount"] == 0
    assert profile["joinedAt"].endswith("Z")


def test_given_a_username_in_other_capitals_then_it_is_the_same_profile(api, make_token):
    api.http.get("/me", headers=auth(make_token("Alice")))

    assert api.http.get("/users/ALICE").json_body["username"] == "Alice"


def test_given_ready_pending_and_failed_photos_then_only_ready_ones_count(api, make_token):
    alice = make_token("alice")
    ready_photo(api, alice)
    ready_photo(api, alice)
    upload_requested(api, alice)
    photo_records.mark_failed(upload_requested(api, alice), "not an image")

    assert api.http.get("/users/alice").json_body["photoCount"] == 2


def test_given_an_unknown_user_then_both_routes_answer_404_with_a_message(api):
    for path in ("/users/nobody", "/users/nobody/photos"):
        response = api.http.get(path)
        assert response.status_code == 404, path
        assert response.json_body["Message"] == "There is no CloudGram user with this name."


@pytest.mark.parametrize("username", ["a" * 129, "two%20words", "tab%09name", "%FF", "%00"])
def test_given_a_name_no_account_can_have_then_400_says_what_a_username_is(api, username):
    response = api.http.get(f"/users/{username}")

    assert response.status_code == 400
    assert "1 to 128 characters" in response.json_body["Message"]


def test_given_a_profile_then_others_see_ready_photos_and_the_owner_sees_all_newest_first(
    api, make_token
):
    alice = make_token("alice")
    first = ready_photo(api, alice)
    pending = upload_requested(api, alice)
    failed = upload_requested(api, alice)
    photo_records.mark_failed(failed, "not an image")
    last = ready_photo(api, alice)

    as_owner = api.http.get("/users/alice/photos", headers=auth(alice)).json_body
    as_bob = api.http.get("/users/alice/photos", headers=auth(make_token("bob"))).json_body
    anonymous = api.http.get("/users/alice/photos").json_body

    assert photo_ids(as_owner) == [last, failed, pending, first]
    assert as_owner["items"][1]["failureReason"] == "not an image"
    assert photo_ids(as_bob) == photo_ids(anonymous) == [last, first]
    assert [photo["likedByMe"] for photo in as_bob["items"]] == [False, False]


@pytest.mark.parametrize(
    "look_alike",
    [
        "karl",  # the same name, taken by a new account once the first was deleted
        "KARL",  # the same letters in other capitals
        "\u212aarl",  # the Kelvin sign, which lower-cases to "k"
    ],
)
def test_given_a_name_that_lowercases_like_the_owners_then_it_sees_no_unpublished_photo(
    api, make_token, look_alike
):
    karl = make_token("karl")
    shared = ready_photo(api, karl)
    upload_requested(api, karl, caption="not for anyone yet")
    impostor = make_token(look_alike, sub=user_id(f"someone-else-{look_alike}"))

    seen = api.http.get("/users/karl/photos", headers=auth(impostor)).json_body

    assert photo_ids(seen) == [shared]


def test_given_more_photos_than_a_page_then_the_pages_hold_each_once_newest_first(api, make_token):
    alice = make_token("alice")
    made = [ready_photo(api, alice) for _ in range(5)]
    upload_requested(api, alice)  # pending: filtered out for others, between pages

    seen, cursor = [], None
    for _ in range(10):
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = api.http.get(f"/users/alice/photos{query}").json_body
        seen += photo_ids(page)
        cursor = page["nextCursor"]
        if cursor is None:
            break

    assert seen == list(reversed(made))


def test_given_a_profile_page_of_20_when_signed_in_then_it_costs_one_query_and_one_batch_get(
    api, make_token, dynamodb_requests, many_photos_allowed
):
    alice = make_token("alice")
    for _ in range(21):
        ready_photo(api, alice)
    dynamodb_requests.clear()

    page = api.http.get("/users/alice/photos?limit=20", headers=auth(make_token("bob")))

    assert len(page.json_body["items"]) == 20
    assert dynamodb_requests == {"Query": 1, "BatchGetItem": 1}


def test_given_a_photo_then_the_owner_index_is_keyed_by_the_lowercased_username(api, make_token):
    photo_id = upload_requested(api, make_token("Alice"))

    stored = photo_store.get_photo(photo_id)

    assert stored["ownerName"] == table_keys.owner_index_partition("Alice") == "alice"


def test_given_a_ready_photo_deleted_then_the_profile_counts_it_no_more(api, make_token):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    ready_photo(api, alice)

    api.http.delete(f"/photos/{photo_id}", headers=auth(alice))

    assert api.http.get("/users/alice").json_body["photoCount"] == 1


def test_given_a_pending_photo_made_ready_twice_then_it_is_counted_once(api, make_token):
    photo_id = upload_requested(api, make_token("alice"))
    made_ready(photo_id)
    keys = {"feed": f"media/{photo_id}/feed.webp"}

    again = photo_records.mark_ready(photo_store.get_photo(photo_id), TINY_RENDITIONS, keys, 1)

    assert again is None
    assert api.http.get("/users/alice").json_body["photoCount"] == 1


def test_given_a_name_with_accents_percent_encoded_in_the_path_then_it_is_found(api, make_token):
    api.http.get("/me", headers=auth(make_token("émile")))

    response = api.http.get("/users/%C3%89mile")

    assert response.status_code == 200
    assert response.json_body["username"] == "émile"
