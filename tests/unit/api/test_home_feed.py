"""GET /feed/home and the fan-out that writes it: your photos and those of the people you follow,
newest first, a page in one Query of your timeline; celebrities (FANOUT_MAX_FOLLOWERS at 3 here)
merged in at read time; follows, unfollows and deletes reflected; the stream handled twice
changing nothing."""

import json
from datetime import datetime

from boto3.dynamodb.conditions import Key

from app import on_table_change
from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import STREAM_CONTEXT, auth, ready_photo, user_id


def people(api, make_token, *usernames) -> dict:
    tokens = {name: make_token(name) for name in usernames}
    for token in tokens.values():
        api.http.get("/me", headers=auth(token))
    return tokens


def follows(api, tokens, follower, followee) -> None:
    response = api.http.put(f"/users/{followee}/follow", headers=auth(tokens[follower]))
    assert response.status_code == 200, response.body


def home(api, token, query="") -> dict:
    response = api.http.get(f"/feed/home{query}", headers=auth(token))
    assert response.status_code == 200, response.body
    return response.json_body


def home_ids(api, token) -> list[str]:
    ids, cursor = [], None
    for _ in range(20):
        page = home(api, token, "?limit=2" + (f"&cursor={cursor}" if cursor else ""))
        ids += [photo["id"] for photo in page["items"]]
        cursor = page["nextCursor"]
        if cursor is None:
            return ids
    raise AssertionError("the home feed never ended")


def timeline_sort_keys(username: str) -> list[str]:
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.timeline_partition(user_id(username)))
    )
    return [item["SK"] for item in response["Items"]]


def test_given_i_follow_bob_then_his_new_photos_and_mine_are_in_my_home_feed_newest_first(
    api, make_token, settle_stream
):
    tokens = people(api, make_token, "alice", "bob", "carol")
    follows(api, tokens, "alice", "bob")
    settle_stream()

    mine = ready_photo(api, tokens["alice"])
    bobs = ready_photo(api, tokens["bob"])
    carols = ready_photo(api, tokens["carol"])  # not followed
    settle_stream()

    page = home(api, tokens["alice"])
    assert [photo["id"] for photo in page["items"]] == [bobs, mine]
    assert page["items"][0]["likedByMe"] is False
    assert carols not in home_ids(api, tokens["alice"])
    assert home_ids(api, tokens["bob"]) == [bobs]


def test_given_a_home_feed_page_then_it_is_one_query_and_one_batch_get(
    api, make_token, settle_stream, dynamodb_requests
):
    tokens = people(api, make_token, "alice", *[f"friend{n}" for n in range(3)])
    for number in range(3):
        follows(api, tokens, "alice", f"friend{number}")
        for _ in range(8):
            ready_photo(api, tokens[f"friend{number}"])
    settle_stream()
    dynamodb_requests.clear()

    page = home(api, tokens["alice"], "?limit=20")

    assert len(page["items"]) == 20
    assert dynamodb_requests == {"Query": 1, "BatchGetItem": 1}


def test_given_i_follow_someone_then_their_latest_photos_are_backfilled(
    api, make_token, settle_stream
):
    tokens = people(api, make_token, "alice", "bob")
    earlier = [ready_photo(api, tokens["bob"]) for _ in range(3)]
    settle_stream()

    follows(api, tokens, "alice", "bob")
    settle_stream()

    assert home_ids(api, tokens["alice"]) == list(reversed(earlier))


def test_given_i_unfollow_then_their_photos_leave_my_home_feed(api, make_token, settle_stream):
    tokens = people(api, make_token, "alice", "bob")
    follows(api, tokens, "alice", "bob")
    ready_photo(api, tokens["bob"])
    mine = ready_photo(api, tokens["alice"])
    settle_stream()

    api.http.delete("/users/bob/follow", headers=auth(tokens["alice"]))
    settle_stream()

    assert home_ids(api, tokens["alice"]) == [mine]
    assert len(timeline_sort_keys("alice")) == 1


def test_given_an_unfollow_then_its_clean_up_reads_the_followees_photos_not_my_timeline(
    api, make_token, settle_stream
):
    tokens = people(api, make_token, "alice", "bob", "carol")
    follows(api, tokens, "alice", "bob")
    follows(api, tokens, "alice", "carol")
    bobs = ready_photo(api, tokens["bob"])
    carols = [ready_photo(api, tokens["carol"]) for _ in range(3)]
    settle_stream()
    queries = []  # each Query as sent: its key condition's values are in the request

    def note_query(params, **_):
        queries.append(json.dumps(params, default=str))

    events = aws_clients.dynamodb_table().meta.client.meta.events
    events.register("before-call.dynamodb.Query", note_query)
    try:
        api.http.delete("/users/bob/follow", headers=auth(tokens["alice"]))
        settle_stream()
    finally:
        events.unregister("before-call.dynamodb.Query", note_query)

    assert bobs not in home_ids(api, tokens["alice"])
    assert sorted(home_ids(api, tokens["alice"])) == sorted(carols)
    timeline = table_keys.timeline_partition(user_id("alice"))
    assert queries and not any(timeline in query for query in queries), queries


def test_given_a_deleted_photo_then_it_leaves_every_timeline(api, make_token, settle_stream):
    tokens = people(api, make_token, "alice", "bob", "carol")
    follows(api, tokens, "alice", "bob")
    follows(api, tokens, "carol", "bob")
    photo_id = ready_photo(api, tokens["bob"])
    settle_stream()
    assert all(len(timeline_sort_keys(name)) == 1 for name in ("alice", "bob", "carol"))

    api.http.delete(f"/photos/{photo_id}", headers=auth(tokens["bob"]))
    settle_stream()

    assert [timeline_sort_keys(name) for name in ("alice", "bob", "carol")] == [[], [], []]
    assert home_ids(api, tokens["alice"]) == []


def test_given_the_same_stream_records_twice_then_the_timelines_are_the_same(
    api, make_token, table_changes
):
    tokens = people(api, make_token, "alice", "bob")
    follows(api, tokens, "alice", "bob")
    ready_photo(api, tokens["bob"])
    changes = table_changes()

    on_table_change(changes, STREAM_CONTEXT)
    once = timeline_sort_keys("alice"), timeline_sort_keys("bob")
    on_table_change(changes, STREAM_CONTEXT)

    assert (timeline_sort_keys("alice"), timeline_sort_keys("bob")) == once
    assert len(once[0]) == len(once[1]) == 1


def test_given_timeline_entries_then_they_expire_a_month_after_the_photo_was_shared(
    api, make_token, settle_stream
):
    tokens = people(api, make_token, "alice")
    ready_photo(api, tokens["alice"])
    settle_stream()

    (entry,) = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.timeline_partition(user_id("alice")))
    )["Items"]

    created = entry["SK"].split("#")[0]
    shared = datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp()
    assert 29 * 86400 < int(entry["deleteAfter"]) - shared <= 30 * 86400


def test_given_a_celebrity_then_their_photo_is_not_fanned_out_but_merged_when_read(
    api, make_token, settle_stream, celebrity_threshold, dynamodb_requests
):
    fans = ["alice", "dave", "erin", "frank"]  # four followers: more than the threshold of 3
    tokens = people(api, make_token, "star", *fans)
    for fan in fans:
        follows(api, tokens, fan, "star")
    settle_stream()

    photo_id = ready_photo(api, tokens["star"])
    settle_stream()

    assert timeline_sort_keys("alice") == [
        table_keys.celebrity_mark_key(user_id("alice"), "star")["SK"]
    ]
    assert len(timeline_sort_keys("star")) == 1  # the owner's own timeline still has it
    dynamodb_requests.clear()
    page = home(api, tokens["alice"])
    assert [photo["id"] for photo in page["items"]] == [photo_id]
    # One Query of the timeline, one of the celebrity's photos, one BatchGetItem.
    assert dynamodb_requests == {"Query": 2, "BatchGetItem": 1}


def test_given_a_follower_of_a_celebrity_and_of_others_then_pages_merge_in_order_once_each(
    api, make_token, settle_stream, celebrity_threshold
):
    fans = ["alice", "dave", "erin", "frank"]
    tokens = people(api, make_token, "star", "bob", *fans)
    for fan in fans:
        follows(api, tokens, fan, "star")
    follows(api, tokens, "alice", "bob")
    settle_stream()
    shared = []
    for number in range(9):
        owner = ("star", "bob", "alice")[number % 3]
        shared.append(ready_photo(api, tokens[owner]))
    settle_stream()

    assert home_ids(api, tokens["alice"]) == list(reversed(shared))


def test_given_an_account_that_becomes_a_celebrity_then_its_followers_get_its_mark(
    api, make_token, settle_stream, celebrity_threshold
):
    fans = ["alice", "dave", "erin"]
    tokens = people(api, make_token, "star", "frank", *fans)
    for fan in fans:
        follows(api, tokens, fan, "star")
    before = ready_photo(api, tokens["star"])  # three followers: still fanned out
    settle_stream()

    follows(api, tokens, "frank", "star")  # the fourth: star is a celebrity now
    settle_stream()
    after = ready_photo(api, tokens["star"])
    settle_stream()

    mark = table_keys.celebrity_mark_key(user_id("alice"), "star")["SK"]
    assert mark in timeline_sort_keys("alice")
    assert home_ids(api, tokens["alice"]) == [after, before]
    assert home_ids(api, tokens["frank"]) == [after, before]
