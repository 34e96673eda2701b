"""POST, GET and DELETE of comments and replies: who may do what, the text rules, replies one
level deep, pages oldest first, and the counts (`commentCount` on the photo, `replyCount` on a
comment) moved with every write."""

import json

import pytest

from chalicelib.shared import settings as api_settings
from tests.support.api_steps import auth, ready_photo, upload_requested, user_id
from tests.support.comment_steps import (
    comment,
    comment_count,
    commented,
    comments_page,
    delete,
    replies_page,
    stored_comments,
    stored_count,
)
from tests.support.waiting import well_inside_a_minute

UNKNOWN_ID = "01JCNY8ZQ0V5G1Y0WJ6X7C9B2K"


@pytest.fixture
def photo(api, make_token):
    return ready_photo(api, make_token("alice"))


def test_given_a_ready_photo_when_bob_comments_then_201_with_the_comment_and_the_count_moves(
    api, make_token, photo
):
    response = comment(api, make_token("bob"), photo, "  Lovely <b>light</b>\n")

    assert response.status_code == 201
    body = response.json_body
    assert body == {
        "id": body["id"],
        "photoId": photo,
        "author": {"id": user_id("bob"), "username": "bob"},
        "text": "Lovely <b>light</b>",  # trimmed, and kept as text
        "createdAt": body["createdAt"],
        "replyCount": 0,
    }
    assert comment_count(api, photo) == 1
    listed = comments_page(api, photo).json_body
    assert listed == {"items": [body], "nextCursor": None}


def test_given_a_comment_item_then_it_carries_what_a_later_notification_needs(
    api, make_token, photo
):
    top = commented(api, make_token("bob"), photo)
    commented(api, make_token("carol"), photo, "Agreed", reply_to=top["id"])

    by_author = {item["authorId"]: item for item in stored_comments(photo)}

    assert by_author[user_id("bob")]["photoId"] == photo
    assert by_author[user_id("carol")]["replyTo"] == top["id"]


@pytest.mark.parametrize(
    ("body", "message_part"),
    [
        ({"text": ""}, "empty"),
        ({"text": " \n\t\u3000"}, "empty"),
        ({"text": "x" * 2201}, "at most 2200"),
        ({"text": "broken \ud800 half"}, "broken character"),
        ({"text": 42}, '{"text"'),
        ({}, '{"text"'),
        ({"text": "hi", "html": True}, "Unknown field"),
        ({"text": "hi", "replyTo": "not-an-id"}, "replyTo"),
        ({"text": "hi", "replyTo": 12}, "replyTo"),
    ],
)
def test_given_a_bad_comment_then_400_says_what_to_change(
    api, make_token, photo, body, message_part
):
    response = api.http.post(
        f"/photos/{photo}/comments", headers=auth(make_token("bob")), body=json.dumps(body)
    )

    assert response.status_code == 400
    assert message_part in response.json_body["Message"]
    assert comment_count(api, photo) == 0


@pytest.mark.parametrize(
    "raw_body",
    [b"[" * 5000 + b"]" * 5000, b'{"text": 1' + b"0" * 5000 + b"}", b"\xff\xfe", b"null"],
)
def test_given_a_hostile_body_then_400_never_500(api, make_token, photo, raw_body):
    response = api.http.post(
        f"/photos/{photo}/comments", headers=auth(make_token("bob")), body=raw_body
    )

    assert response.status_code == 400


def test_given_the_longest_comment_and_odd_unicode_then_both_are_kept_as_written(
    api, make_token, photo
):
    longest = commented(api, make_token("bob"), photo, "é" * 2200)
    odd = commented(api, make_token("bob"), photo, "👩🏽‍🚀 \u202e\u0000 مرحبا")

    assert len(longest["text"]) == 2200
    assert odd["text"] == "👩🏽‍🚀 \u202e\u0000 مرحبا"


def test_given_pending_photos_when_commented_then_409_for_the_owner_and_404_for_others(
    api, make_token
):
    pending = upload_requested(api, make_token("alice"))

    mine = comment(api, make_token("alice"), pending)
    theirs = comment(api, make_token("bob"), pending)

    assert mine.status_code == 409
    assert "being processed" in mine.json_body["Message"]
    assert theirs.status_code == 404
    assert comments_page(api, pending).status_code == 404
    assert comments_page(api, pending, token=make_token("alice")).json_body["items"] == []


@pytest.mark.parametrize("photo_id", [UNKNOWN_ID, "nope", "%F0%9F%98%80"])
def test_given_no_such_photo_then_every_comment_route_answers_404(api, make_token, photo_id):
    token = make_token("bob")

    assert comment(api, token, photo_id).status_code == 404
    assert comments_page(api, photo_id).status_code == 404
    assert replies_page(api, photo_id, UNKNOWN_ID).status_code == 404
    assert delete(api, token, photo_id, UNKNOWN_ID).status_code == 404


def test_given_no_token_when_commenting_or_deleting_then_401(api, photo):
    posted = api.http.post(f"/photos/{photo}/comments", body=json.dumps({"text": "hi"}))
    deleted = api.http.delete(f"/photos/{photo}/comments/{UNKNOWN_ID}")

    assert posted.status_code == deleted.status_code == 401


def test_given_a_comment_when_answered_and_a_reply_answered_then_both_replies_are_under_it(
    api, make_token, photo
):
    top = commented(api, make_token("bob"), photo, "First")
    reply = commented(api, make_token("carol"), photo, "Second", reply_to=top["id"])

    answer_to_reply = commented(api, make_token("bob"), photo, "Third", reply_to=reply["id"])

    assert reply["replyTo"] == answer_to_reply["replyTo"] == top["id"]
    assert reply["id"].startswith(f"{top['id']}.")
    listed = comments_page(api, photo).json_body["items"]
    assert [(item["id"], item["replyCount"]) for item in listed] == [(top["id"], 2)]
    replies = replies_page(api, photo, top["id"]).json_body
    assert [item["text"] for item in replies["items"]] == ["Second", "Third"]
    assert replies["nextCursor"] is None
    assert comment_count(api, photo) == 3


def test_given_a_reply_to_nothing_then_404_and_to_another_photos_comment_then_404(
    api, make_token, photo
):
    other_photo = ready_photo(api, make_token("dave"))
    elsewhere = commented(api, make_token("bob"), other_photo)

    unknown = comment(api, make_token("bob"), photo, reply_to=UNKNOWN_ID)
    misplaced = comment(api, make_token("bob"), photo, reply_to=elsewhere["id"])

    assert unknown.status_code == misplaced.status_code == 404
    assert "no comment with this id" in unknown.json_body["Message"]
    assert comment_count(api, photo) == 0


def test_given_comments_and_replies_then_pages_are_oldest_first_and_full(api, make_token, photo):
    texts = [f"comment {number}" for number in range(5)]
    first = None
    for text in texts:
        made = commented(api, make_token("bob"), photo, text)
        first = first or made
        # Replies never take a place on a page of comments.
        commented(api, make_token("carol"), photo, "reply", reply_to=first["id"])

    pages, query = [], "?limit=2"
    while True:
        page = comments_page(api, photo, query).json_body
        pages.append([item["text"] for item in page["items"]])
        if page["nextCursor"] is None:
            break
        query = f"?limit=2&cursor={page['nextCursor']}"

    assert pages == [texts[0:2], texts[2:4], texts[4:5]]
    replies = replies_page(api, photo, first["id"], "?limit=3").json_body
    assert len(replies["items"]) == 3
    rest = replies_page(api, photo, first["id"], f"?cursor={replies['nextCursor']}").json_body
    assert len(rest["items"]) == 2
    assert rest["nextCursor"] is None


@pytest.mark.parametrize(
    "query", ["?cursor=", "?cursor=abc", "?cursor=eyJ2IjoxfQ", "?limit=0", "?limit=51", "?x=1"]
)
def test_given_a_bad_page_request_then_400(api, make_token, photo, query):
    top = commented(api, make_token("bob"), photo)

    assert comments_page(api, photo, query).status_code == 400
    assert replies_page(api, photo, top["id"], query).status_code == 400


def test_given_replies_asked_of_a_reply_or_of_nothing_then_404(api, make_token, photo):
    top = commented(api, make_token("bob"), photo)
    reply = commented(api, make_token("bob"), photo, reply_to=top["id"])

    assert replies_page(api, photo, reply["id"]).status_code == 404
    assert replies_page(api, photo, UNKNOWN_ID).status_code == 404
    assert replies_page(api, photo, "nope").status_code == 404


def test_given_a_comment_then_its_author_and_the_photo_owner_may_delete_it_and_no_one_else(
    api, make_token, photo
):
    first = commented(api, make_token("bob"), photo)
    second = commented(api, make_token("bob"), photo)

    by_stranger = delete(api, make_token("carol"), photo, first["id"])
    by_author = delete(api, make_token("bob"), photo, first["id"])
    by_owner = delete(api, make_token("alice"), photo, second["id"])
    again = delete(api, make_token("bob"), photo, first["id"])

    assert by_stranger.status_code == 403
    assert "Only the person who wrote" in by_stranger.json_body["Message"]
    assert by_author.status_code == by_owner.status_code == 204
    assert again.status_code == 404
    assert comment_count(api, photo) == 0
    assert comments_page(api, photo).json_body["items"] == []


def test_given_a_reply_when_deleted_then_both_counts_go_down_by_one(api, make_token, photo):
    top = commented(api, make_token("bob"), photo)
    reply = commented(api, make_token("carol"), photo, reply_to=top["id"])

    assert delete(api, make_token("carol"), photo, reply["id"]).status_code == 204

    assert comment_count(api, photo) == 1
    assert comments_page(api, photo).json_body["items"][0]["replyCount"] == 0
    assert delete(api, make_token("carol"), photo, reply["id"]).status_code == 404


def test_given_a_comment_with_replies_when_deleted_then_they_go_with_it(
    api, make_token, photo, settle_stream
):
    top = commented(api, make_token("bob"), photo)
    kept = commented(api, make_token("bob"), photo, "kept")
    for _ in range(3):
        commented(api, make_token("carol"), photo, reply_to=top["id"])
    settle_stream()

    assert delete(api, make_token("alice"), photo, top["id"]).status_code == 204

    # At once: counted out, and its replies can neither be read nor answered.
    assert comment_count(api, photo) == 1
    assert replies_page(api, photo, top["id"]).status_code == 404
    assert comment(api, make_token("carol"), photo, reply_to=top["id"]).status_code == 404
    # A moment later, from the stream: the reply items are gone too.
    settle_stream()
    assert [item["text"] for item in stored_comments(photo)] == [kept["text"]]
    assert stored_count(photo) == 1


def test_given_a_photo_with_comments_when_deleted_then_its_comments_are_cleaned_up(
    api, make_token, photo, settle_stream
):
    top = commented(api, make_token("bob"), photo)
    commented(api, make_token("carol"), photo, reply_to=top["id"])
    settle_stream()

    assert api.http.delete(f"/photos/{photo}", headers=auth(make_token("alice"))).status_code == 204
    settle_stream()

    assert stored_comments(photo) == []


def test_given_comments_then_every_photo_in_every_answer_counts_them(api, make_token, photo):
    commented(api, make_token("bob"), photo)
    alice = make_token("alice")

    feed = api.http.get("/feed").json_body["items"]
    profile_photos = api.http.get("/users/alice/photos", headers=auth(alice)).json_body["items"]
    edited = api.http.patch(
        f"/photos/{photo}", headers=auth(alice), body=json.dumps({"caption": "x"})
    ).json_body

    assert feed[0]["commentCount"] == profile_photos[0]["commentCount"] == 1
    assert edited["commentCount"] == 1
    assert comment_count(api, upload_requested(api, alice), alice) == 0


def test_given_a_comments_page_then_it_costs_one_get_one_query_and_one_batch_of_authors(
    api, make_token, photo, dynamodb_requests
):
    for name in ("bob", "carol", "dave", "bob", "erin"):
        commented(api, make_token(name), photo)
    dynamodb_requests.clear()

    assert len(comments_page(api, photo).json_body["items"]) == 5

    # the photo (may the reader see it?), the comments, and their four authors' profiles
    assert dict(dynamodb_requests) == {"GetItem": 1, "Query": 1, "BatchGetItem": 1}


@pytest.fixture
def write_budget(api_environment, monkeypatch):
    monkeypatch.setenv("MAX_WRITES_PER_MINUTE", "2")
    api_settings.load_settings.cache_clear()
    well_inside_a_minute()
    yield 2
    api_settings.load_settings.cache_clear()


def test_given_the_minutes_writes_spent_then_a_comment_or_delete_is_429_and_nothing_changes(
    api, make_token, photo, write_budget
):
    bob = make_token("bob")
    first = commented(api, bob, photo)
    commented(api, bob, photo)

    refused = comment(api, bob, photo)
    refused_delete = delete(api, bob, photo, first["id"])

    assert refused.status_code == refused_delete.status_code == 429
    assert "likes, follows and comments" in refused.json_body["Message"]
    assert "Retry-After" in refused.headers
    assert comment_count(api, photo) == 2
    assert commented(api, make_token("carol"), photo)  # the budget is per account
