"""Notifications, end to end in one process: a like, comment, reply, follow or @name goes through
the real table stream into the inbox of whoever it tells (notifications.reaction), undoing it
takes the notification away, a record delivered twice changes nothing, and the routes page the
inbox with an unread count that stays cheap."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from app import on_table_change
from chalicelib.notifications import deeds
from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import STREAM_CONTEXT, auth, ready_photo, user_id
from tests.support.comment_steps import commented, delete
from tests.support.notification_steps import inbox, mark_read, stored_notifications, told


@pytest.fixture
def people(api, make_token):
    """alice, bob and carol, each with a profile (so their @names are accounts)."""
    tokens = {name: make_token(name) for name in ("alice", "bob", "carol")}
    for token in tokens.values():
        assert api.http.get("/me", headers=auth(token)).status_code == 200
    return tokens


def like(api, token, photo_id, method="PUT"):
    response = api.http.request(method, f"/photos/{photo_id}/like", headers=auth(token))
    assert response.status_code == 200, response.body


def follow(api, token, username, method="PUT"):
    response = api.http.request(method, f"/users/{username}/follow", headers=auth(token))
    assert response.status_code == 200, response.body


def test_given_bob_likes_alices_photo_when_the_stream_has_run_then_alice_is_told_once(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"])
    like(api, people["bob"], photo)
    settle_stream()

    body = inbox(api, people["alice"])

    assert body["unreadCount"] == 1
    assert body["nextCursor"] is None
    [item] = body["items"]
    assert item == {
        "id": item["id"],
        "kind": "like",
        "actor": {"id": user_id("bob"), "username": "bob"},
        "photo": {
            "id": photo,
            "renditions": {"feed": {"url": f"/media/{photo}/feed.webp", "width": 30, "height": 40}},
        },
        "createdAt": item["createdAt"],
        "unread": True,
    }
    assert inbox(api, people["bob"])["items"] == []  # nobody else is told


def test_given_the_same_stream_records_delivered_twice_then_one_notification(
    api, people, table_changes
):
    photo = ready_photo(api, people["alice"])
    table_changes()  # the photo's own changes are not this test's business
    like(api, people["bob"], photo)
    records = table_changes()

    for _ in range(2):
        assert on_table_change(records, STREAM_CONTEXT) == {"batchItemFailures": []}

    assert told(api, people["alice"]) == [("like", "bob", photo, None)]
    assert inbox(api, people["alice"])["unreadCount"] == 1


def test_given_like_unlike_like_then_one_notification_and_unlike_takes_it_away(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"])
    like(api, people["bob"], photo)
    settle_stream()
    like(api, people["bob"], photo, "DELETE")
    settle_stream()
    assert told(api, people["alice"]) == []

    like(api, people["bob"], photo)
    like(api, people["bob"], photo)  # a second press changes nothing
    settle_stream()

    assert told(api, people["alice"]) == [("like", "bob", photo, None)]
    assert len(stored_notifications(user_id("alice"))) == 1


def test_given_alice_likes_her_own_photo_then_nobody_is_told(api, people, settle_stream):
    photo = ready_photo(api, people["alice"], caption="Me, by @alice")
    like(api, people["alice"], photo)
    commented(api, people["alice"], photo, "First! @alice")
    settle_stream()

    assert told(api, people["alice"]) == []


def test_given_comments_and_replies_then_the_photo_owner_and_the_answered_author_are_told(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"])
    bobs = commented(api, people["bob"], photo, "Lovely light")
    carols_reply = commented(api, people["carol"], photo, "Agreed!", reply_to=bobs["id"])
    alices_reply = commented(api, people["alice"], photo, "Thanks", reply_to=bobs["id"])
    settle_stream()

    assert told(api, people["alice"]) == [("comment", "bob", photo, bobs["id"])]
    assert told(api, people["bob"]) == [
        ("reply", "alice", photo, alices_reply["id"]),
        ("reply", "carol", photo, carols_reply["id"]),
    ]
    assert inbox(api, people["bob"])["items"][1]["comment"] == {
        "id": carols_reply["id"],
        "text": "Agreed!",
    }


def test_given_a_long_comment_then_its_notification_quotes_the_start(api, people, settle_stream):
    photo = ready_photo(api, people["alice"])
    commented(api, people["bob"], photo, "a" * 2200)
    settle_stream()

    [item] = inbox(api, people["alice"])["items"]

    assert item["comment"]["text"] == "a" * (deeds.QUOTED_CHARACTERS - 1) + "…"


def test_given_a_comment_deleted_then_its_notification_and_its_replies_notifications_go(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"])
    bobs = commented(api, people["bob"], photo, "Nice, @carol look")
    commented(api, people["carol"], photo, "Yes!", reply_to=bobs["id"])
    settle_stream()
    assert len(told(api, people["carol"])) == 1  # the mention
    assert len(told(api, people["bob"])) == 1  # carol's reply

    assert delete(api, people["alice"], photo, bobs["id"]).status_code == 204
    settle_stream()

    assert [told(api, people[name]) for name in ("alice", "bob", "carol")] == [[], [], []]


def test_given_a_follow_then_the_followed_is_told_and_an_unfollow_takes_it_away(
    api, people, settle_stream
):
    follow(api, people["bob"], "alice")
    settle_stream()
    assert told(api, people["alice"]) == [("follow", "bob", None, None)]
    assert told(api, people["bob"]) == []

    follow(api, people["bob"], "alice", "DELETE")
    settle_stream()

    assert told(api, people["alice"]) == []


def test_given_names_in_a_caption_then_those_accounts_are_told_once_the_photo_is_ready(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"], caption="With @Bob and @carol. And @nobody, @alice")
    settle_stream()

    assert told(api, people["bob"]) == [("mention", "alice", photo, None)]
    assert told(api, people["carol"]) == [("mention", "alice", photo, None)]
    assert told(api, people["alice"]) == []


def test_given_a_caption_edited_then_names_added_are_told_and_names_dropped_untold(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"], caption="With @bob")
    settle_stream()

    edited = api.http.patch(
        f"/photos/{photo}", headers=auth(people["alice"]), body=json.dumps({"caption": "@carol"})
    )
    assert edited.status_code == 200
    settle_stream()

    assert told(api, people["bob"]) == []
    assert told(api, people["carol"]) == [("mention", "alice", photo, None)]


def test_given_a_comment_naming_the_owner_then_she_is_told_once_as_a_comment(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"])
    bobs = commented(api, people["bob"], photo, "@alice @carol look at this")
    settle_stream()

    assert told(api, people["alice"]) == [("comment", "bob", photo, bobs["id"])]
    assert told(api, people["carol"]) == [("mention", "bob", photo, bobs["id"])]


def test_given_more_than_ten_names_in_a_text_then_only_the_first_ten_are_told():
    text = " ".join(f"@person{number}" for number in range(12)) + " @person0 again"

    assert deeds.mentioned_names(text) == [f"person{number}" for number in range(10)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Thanks @Bob.", ["bob"]),
        ("mail me@example.com", []),
        ("@@bob", []),
        ("(@carol) and @dave_99-x", ["carol", "dave_99-x"]),
        ("@Ána", []),  # no sign-up name starts so
        ("@" + "a" * 40, []),  # longer than any name: nobody
        ("@" + "a" * 30 + ". Hi", ["a" * 30]),
    ],
)
def test_given_a_text_then_its_names_are_read_as_the_sign_up_rule_makes_them(text, names):
    assert deeds.mentioned_names(text) == names


def test_given_a_photo_deleted_then_every_notification_about_it_goes(api, people, settle_stream):
    photo = ready_photo(api, people["alice"], caption="for @carol")
    like(api, people["bob"], photo)
    bobs = commented(api, people["bob"], photo, "Wow")
    commented(api, people["alice"], photo, "Thanks @bob", reply_to=bobs["id"])
    settle_stream()
    assert len(told(api, people["bob"])) == 1  # alice's reply (she named him too: one)

    assert api.http.delete(f"/photos/{photo}", headers=auth(people["alice"])).status_code == 204
    settle_stream()

    assert [stored_notifications(user_id(name)) for name in ("alice", "bob", "carol")] == [
        [],
        [],
        [],
    ]


def test_given_notifications_when_marked_read_then_none_unread_until_a_new_one(
    api, people, settle_stream
):
    photo = ready_photo(api, people["alice"])
    like(api, people["bob"], photo)
    follow(api, people["carol"], "alice")
    settle_stream()
    assert inbox(api, people["alice"])["unreadCount"] == 2

    answer = mark_read(api, people["alice"])
    assert answer.status_code == 200
    assert answer.json_body == {"unreadCount": 0}
    body = inbox(api, people["alice"])
    assert body["unreadCount"] == 0
    assert [item["unread"] for item in body["items"]] == [False, False]

    commented(api, people["carol"], photo, "Hello")
    settle_stream()

    body = inbox(api, people["alice"])
    assert body["unreadCount"] == 1
    assert [item["unread"] for item in body["items"]] == [True, False, False]


def test_given_an_empty_inbox_when_marked_read_then_nothing_is_unread(api, people):
    assert mark_read(api, people["alice"]).json_body == {"unreadCount": 0}
    assert inbox(api, people["alice"]) == {"items": [], "nextCursor": None, "unreadCount": 0}


def stored_follow_notes(recipient: str, count: int) -> None:
    """`count` follow notifications in the recipient's inbox, a second apart, as the stream
    writes them."""
    start = datetime(2026, 12, 1, tzinfo=UTC)
    with aws_clients.dynamodb_table().batch_writer() as batch:
        for number in range(count):
            edge = {
                "SK": f"FOLLOWS#{user_id(recipient)}",
                "followerId": f"fan-{number:03}",
                "followerUsername": f"fan{number:03}",
                "followeeId": user_id(recipient),
                "followedAt": (start + timedelta(seconds=number)).isoformat()[:19] + ".000Z",
            }
            [note] = deeds.notifications_of(edge, lambda names: {})
            batch.put_item(Item=note.item)


def test_given_150_unread_then_the_count_says_more_than_99_and_pages_walk_them_all(
    api, people, dynamodb_requests
):
    stored_follow_notes("alice", 150)
    dynamodb_requests.clear()

    first = inbox(api, people["alice"], "?limit=50")

    assert first["unreadCount"] == 100  # "99+": the count reads no more than that
    # the mark, the page, the count, and the followers' profiles (follows show no photo)
    assert dynamodb_requests == {"GetItem": 1, "Query": 2, "BatchGetItem": 1}
    seen = [item["actor"]["username"] for item in first["items"]]
    cursor = first["nextCursor"]
    while cursor:
        page = inbox(api, people["alice"], f"?limit=50&cursor={cursor}")
        seen += [item["actor"]["username"] for item in page["items"]]
        cursor = page["nextCursor"]
    assert seen == [f"fan{number:03}" for number in reversed(range(150))]


def test_given_a_notification_then_it_expires_ninety_days_after_its_deed(
    api, people, settle_stream
):
    follow(api, people["bob"], "alice")
    settle_stream()

    [note] = stored_notifications(user_id("alice"))

    followed_at = datetime.fromisoformat(note["createdAt"].replace("Z", "+00:00"))
    assert int(note["deleteAfter"]) == int((followed_at + timedelta(days=90)).timestamp())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?cursor=", "cursor is not valid"),
        ("?cursor=eyJ2IjoxLCJhZnRlciI6IngifQ", "cursor is not valid"),
        ("?limit=0", "limit must be a whole number from 1 to 50"),
        ("?since=yesterday", "Unknown query parameter(s): since"),
    ],
)
def test_given_a_bad_page_request_then_400_says_what_to_change(api, people, query, message):
    response = api.http.get(f"/notifications{query}", headers=auth(people["alice"]))

    assert response.status_code == 400
    assert message in response.json_body["Message"]


def test_given_no_token_then_the_inbox_is_not_answered(api):
    assert api.http.get("/notifications").status_code == 401
    assert api.http.post("/notifications/read").status_code == 401


def test_given_bare_likes_and_comments_when_their_photo_is_deleted_then_the_stream_goes_on(
    api, people, settle_stream
):
    # Given a photo with a like and a comment holding next to nothing (made by hand, or by code
    # from before notifications): the stream must not stall on them
    photo = ready_photo(api, people["alice"])
    table = aws_clients.dynamodb_table()
    table.put_item(Item={**table_keys.like_key(photo, "fan-1"), "userId": "fan-1"})
    table.put_item(Item={**table_keys.comment_key(photo, "01M95ZSKFTZ0KGMZPS5H7K400K")})
    settle_stream()

    # When the photo is deleted, and its likes and comments with it
    assert api.http.delete(f"/photos/{photo}", headers=auth(people["alice"])).status_code == 204

    # Then every record is handled (settle_stream fails on a failed batch) and nothing is left
    assert settle_stream() > 0
    assert stored_notifications(user_id("alice")) == []


def test_given_a_like_from_before_notifications_when_removed_then_nothing_fails(
    api, people, settle_stream
):
    # Given a like stored without whom it tells (as likes were before notifications)
    photo = ready_photo(api, people["alice"])
    aws_clients.dynamodb_table().put_item(
        Item={
            **table_keys.like_key(photo, user_id("bob")),
            "userId": user_id("bob"),
            "username": "bob",
            "likedAt": "2026-12-01T00:00:00.000Z",
        }
    )
    settle_stream()

    like(api, people["bob"], photo, "DELETE")

    assert settle_stream() > 0
    assert told(api, people["alice"]) == []
