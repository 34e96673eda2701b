"""PUT and DELETE /photos/{id}/like, and likedByMe: idempotent, counted in one transaction, READY
photos only, and one BatchGetItem per page however many photos it shows."""

import pytest

from chalicelib.photos import store as photo_store
from tests.support.api_steps import auth, ready_photo, upload_requested


def like(api, token, photo_id, method="PUT"):
    return getattr(api.http, method.lower())(f"/photos/{photo_id}/like", headers=auth(token))


def test_given_a_ready_photo_when_liked_twice_then_it_counts_once(api, make_token):
    photo_id = ready_photo(api, make_token("alice"))
    bob = make_token("bob")

    first = like(api, bob, photo_id)
    second = like(api, bob, photo_id)

    assert first.status_code == second.status_code == 200
    assert first.json_body == second.json_body == {"likeCount": 1, "likedByMe": True}
    assert int(photo_store.get_photo(photo_id)["likeCount"]) == 1


def test_given_two_likes_when_one_is_taken_back_twice_then_the_count_is_one(api, make_token):
    photo_id = ready_photo(api, make_token("alice"))
    like(api, make_token("bob"), photo_id)
    like(api, make_token("carol"), photo_id)

    first = like(api, make_token("bob"), photo_id, method="DELETE")
    second = like(api, make_token("bob"), photo_id, method="DELETE")

    assert first.json_body == second.json_body == {"likeCount": 1, "likedByMe": False}


def test_given_a_photo_never_liked_when_unliked_then_nothing_changes(api, make_token):
    photo_id = ready_photo(api, make_token("alice"))

    response = like(api, make_token("bob"), photo_id, method="DELETE")

    assert response.json_body == {"likeCount": 0, "likedByMe": False}


def test_given_my_own_pending_photo_when_i_like_it_then_409_says_to_wait(api, make_token):
    alice = make_token("alice")
    photo_id = upload_requested(api, alice)

    response = like(api, alice, photo_id)

    assert response.status_code == 409
    assert "once it is ready" in response.json_body["Message"]
    assert int(photo_store.get_photo(photo_id)["likeCount"]) == 0


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_given_someone_elses_pending_photo_when_liked_or_unliked_then_404_as_if_absent(
    api, make_token, method
):
    photo_id = upload_requested(api, make_token("alice"))

    response = like(api, make_token("bob"), photo_id, method=method)

    assert response.status_code == 404


@pytest.mark.parametrize("photo_id", ["01JCNY0000000000000000000Z", "not-an-id", "x" * 3000])
@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_given_an_unknown_or_malformed_photo_when_liked_then_404(api, make_token, method, photo_id):
    response = like(api, make_token("bob"), photo_id, method=method)

    assert response.status_code == 404
    assert "no photo" in response.json_body["Message"]


def test_given_a_feed_page_when_signed_in_then_each_photo_says_whether_i_like_it(api, make_token):
    alice = make_token("alice")
    liked, not_liked = ready_photo(api, alice), ready_photo(api, alice)
    like(api, make_token("bob"), liked)

    as_bob = api.http.get("/feed", headers=auth(make_token("bob"))).json_body["items"]
    anonymous = api.http.get("/feed").json_body["items"]

    assert {photo["id"]: photo["likedByMe"] for photo in as_bob} == {
        liked: True,
        not_liked: False,
    }
    assert all("likedByMe" not in photo for photo in anonymous)
    assert {photo["id"]: photo["likeCount"] for photo in anonymous} == {liked: 1, not_liked: 0}


def test_given_a_feed_page_of_20_when_signed_in_then_it_costs_one_query_and_one_batch_get(
    api, make_token, dynamodb_requests, many_photos_allowed
):
    alice = make_token("alice")
    for _ in range(21):
        ready_photo(api, alice)
    bob = make_token("bob")
    dynamodb_requests.clear()

    page = api.http.get("/feed?limit=20", headers=auth(bob)).json_body

    assert len(page["items"]) == 20
    # FEED_SHARDS is 1 here: shards + 1 requests.
    assert dynamodb_requests == {"Query": 1, "BatchGetItem": 1}


def test_given_a_single_photo_when_signed_in_then_it_says_whether_i_like_it(api, make_token):
    photo_id = ready_photo(api, make_token("alice"))
    like(api, make_token("bob"), photo_id)

    photo = api.http.get(f"/photos/{photo_id}", headers=auth(make_token("bob"))).json_body

    assert photo["likedByMe"] is True
    assert photo["likeCount"] == 1
