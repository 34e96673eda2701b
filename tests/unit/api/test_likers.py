"""GET /photos/{id}/likes: who liked a photo, newest like first, each with followedByMe for a
signed-in viewer; one Query and one BatchGetItem a page; as visible as the photo itself; and a
4xx, never a 500, for anything a client may send."""

import time
import uuid

import pytest

from chalicelib.edge import page_cursor
from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth, ready_photo, upload_requested, user_id


def likers(api, photo_id, token=None, **query):
    query_string = "&".join(f"{name}={value}" for name, value in query.items())
    headers = auth(token) if token else {}
    return api.http.get(f"/photos/{photo_id}/likes?{query_string}", headers=headers)


def like(api, token, photo_id):
    response = api.http.put(f"/photos/{photo_id}/like", headers=auth(token))
    assert response.status_code == 200, response.body


def follow(api, token, username):
    response = api.http.put(f"/users/{username}/follow", headers=auth(token))
    assert response.status_code == 200, response.body


def every_page(api, photo_id, token=None, limit=3) -> list[list[dict]]:
    pages, cursor = [], None
    while True:
        query = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        response = likers(api, photo_id, token, **query)
        assert response.status_code == 200, response.body
        pages.append(response.json_body["items"])
        cursor = response.json_body["nextCursor"]
        if cursor is None:
            return pages


@pytest.fixture
def likes_at(api_environment):
    """Writes likes straight to the table, as add_like writes them, at the times given (so a
    test can make likes in the same millisecond); returns the likers' ids, in the order given."""

    def add(photo_id: str, times: list[str]) -> list[str]:
        liker_ids = [str(uuid.uuid4()) for _ in times]
        with aws_clients.dynamodb_table().batch_writer() as batch:
            for number, (liker_id, liked_at) in enumerate(zip(liker_ids, times, strict=True)):
                batch.put_item(
                    Item={
                        **table_keys.like_key(photo_id, liker_id),
                        "userId": liker_id,
                        "username": f"fan{number}",
                        "likedAt": liked_at,
                    }
                )
        return liker_ids

    return add


def test_given_three_likes_when_listed_then_newest_like_first_with_names(api, make_token):
    photo_id = ready_photo(api, make_token("alice"))
    for name in ("bob", "carol", "dave"):
        like(api, make_token(name), photo_id)
        time.sleep(0.002)  # likedAt has milliseconds: each like its own

    response = likers(api, photo_id)

    assert response.status_code == 200
    assert response.json_body == {
        "items": [
            {"id": user_id("dave"), "username": "dave"},
            {"id": user_id("carol"), "username": "carol"},
            {"id": user_id("bob"), "username": "bob"},
        ],
        "nextCursor": None,
    }


def test_given_likes_some_in_one_millisecond_when_paged_then_none_repeats_or_goes_missing(
    api, make_token, likes_at
):
    photo_id = ready_photo(api, make_token("alice"))
    times = ["2026-12-01T10:00:00.000Z"] * 4 + ["2026-12-01T10:00:00.001Z"] * 3
    times += ["2026-12-02T08:00:00.000Z", "2026-12-03T08:00:00.000Z"]
    liker_ids = likes_at(photo_id, times)

    pages = every_page(api, photo_id, limit=2)

    listed = [person["id"] for page in pages for person in page]
    assert sorted(listed) == sorted(liker_ids)
    assert len(listed) == len(set(listed)) == 9
    assert [len(page) for page in pages] == [2, 2, 2, 2, 1]
    liked_at = dict(zip(liker_ids, times, strict=True))
    assert [liked_at[person] for person in listed] == sorted(times, reverse=True)


def test_given_a_liked_photo_when_i_list_then_followed_by_me_tells_whom_i_follow(api, make_token):
    alice, bob, carol = make_token("alice"), make_token("bob"), make_token("carol")
    photo_id = ready_photo(api, alice)
    for token in (bob, carol, alice):
        api.http.get("/me", headers=auth(token))  # profiles, so they can be followed
        like(api, token, photo_id)
        time.sleep(0.002)
    follow(api, alice, "carol")

    seen_by_alice = likers(api, photo_id, alice).json_body["items"]
    seen_signed_out = likers(api, photo_id).json_body["items"]

    assert seen_by_alice == [
        {"id": user_id("alice"), "username": "alice", "followedByMe": False},
        {"id": user_id("carol"), "username": "carol", "followedByMe": True},
        {"id": user_id("bob"), "username": "bob", "followedByMe": False},
    ]
    assert all("followedByMe" not in person for person in seen_signed_out)


@pytest.mark.parametrize("signed_in", [True, False])
def test_given_many_likes_when_paged_then_each_page_is_one_query_and_one_batch_get(
    api, make_token, likes_at, dynamodb_requests, signed_in
):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    likes_at(photo_id, [f"2026-12-01T10:00:{second:02}.000Z" for second in range(25)])
    token = alice if signed_in else None
    dynamodb_requests.clear()

    pages = every_page(api, photo_id, token, limit=10)

    assert len(pages) == 3
    assert dynamodb_requests == {"Query": 3, "BatchGetItem": 3}


def test_given_a_photo_without_likes_when_listed_then_an_empty_page(api, make_token):
    photo_id = ready_photo(api, make_token("alice"))

    assert likers(api, photo_id).json_body == {"items": [], "nextCursor": None}


def test_given_my_own_pending_photo_when_i_list_its_likers_then_none_yet(api, make_token):
    alice = make_token("alice")
    photo_id = upload_requested(api, alice)

    response = likers(api, photo_id, alice)

    assert response.status_code == 200
    assert response.json_body["items"] == []


@pytest.mark.parametrize("caller", [None, "bob"])
def test_given_someone_elses_pending_photo_when_likers_asked_then_404_as_if_absent(
    api, make_token, caller
):
    photo_id = upload_requested(api, make_token("alice"))

    response = likers(api, photo_id, make_token(caller) if caller else None)

    assert response.status_code == 404
    assert "no photo with this id" in response.json_body["Message"]


def test_given_a_deleted_photo_whose_likes_remain_when_listed_then_404(api, make_token):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)
    like(api, make_token("bob"), photo_id)
    # Deleted; the stream's clean-up of its likes has not run yet.
    assert api.http.delete(f"/photos/{photo_id}", headers=auth(alice)).status_code == 204

    assert likers(api, photo_id, alice).status_code == 404
    assert likers(api, photo_id).status_code == 404


@pytest.mark.parametrize(
    "odd_id", ["nope", "01JCNY8ZQ0V5G1Y0WJ6X7C9B2K", "%00", "x" * 2000, "%F0%9F%93%B7"]
)
def test_given_an_odd_or_unknown_photo_id_when_listed_then_404(api, odd_id):
    assert likers(api, odd_id).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected_message"),
    [
        ({"limit": "0"}, "limit must be a whole number"),
        ({"limit": "51"}, "limit must be a whole number"),
        ({"limit": "9" * 400}, "limit must be a whole number"),
        ({"cursor": "not-a-cursor"}, "cursor is not valid"),
        ({"cursor": "%3D%3D"}, "cursor is not valid"),
        (
            {"cursor": page_cursor.encode("2026-12-01T10:00:00.000Z#01JCNY8ZQ0V5G1Y0WJ6X7C9B2K")},
            "cursor is not valid",
        ),
        ({"cursor": page_cursor.encode(str(uuid.uuid4()))}, "cursor is not valid"),
        ({"order": "oldest"}, "Unknown query parameter"),
    ],
)
def test_given_a_bad_page_request_when_listed_then_400_says_what_to_send(
    api, make_token, query, expected_message
):
    photo_id = ready_photo(api, make_token("alice"))

    response = likers(api, photo_id, **query)

    assert response.status_code == 400
    assert expected_message in response.json_body["Message"]


def test_given_a_cursor_of_a_like_since_taken_back_when_paged_then_it_continues_below_it(
    api, make_token, likes_at
):
    photo_id = ready_photo(api, make_token("alice"))
    times = [f"2026-12-01T10:00:0{second}.000Z" for second in range(5)]
    liker_ids = likes_at(photo_id, times)
    first = likers(api, photo_id, limit=2).json_body
    aws_clients.dynamodb_table().delete_item(Key=table_keys.like_key(photo_id, liker_ids[3]))

    rest = likers(api, photo_id, limit=5, cursor=first["nextCursor"]).json_body

    assert [person["id"] for person in first["items"]] == [liker_ids[4], liker_ids[3]]
    assert [person["id"] for person in rest["items"]] == [liker_ids[2], liker_ids[1], liker_ids[0]]
