"""The erasure's chain of steps under stress, in one process: a step that dies half-way and is
retried, records replayed out of order, a like racing the erasure, and an account far larger
than a step: every step stays bounded, the chain takes the steps the size says, and counts end
exact with nothing left that names the account."""

import math
from datetime import UTC, datetime

import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

from app import on_table_change
from chalicelib.accounts import erasure_chain, erasure_steps
from chalicelib.photos import like_store
from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared.errors import AccountErasedError
from tests.support.api_steps import STREAM_CONTEXT, auth, ready_photo, user_id
from tests.support.erasure_steps import (
    delete_account,
    fresh_token,
    items_naming,
    photo_counts,
)

MAX_ROUNDS = 200
RETRIES = 5


@pytest.fixture
def tokens(api, make_token):
    tokens = {name: fresh_token(make_token, name) for name in ("alice", "bob")}
    for token in tokens.values():
        assert api.http.get("/me", headers=auth(token)).status_code == 200
    return tokens


@pytest.fixture
def run_stream(table_changes):
    """Runs the stream function over every change until the stream is quiet, as Lambda does:
    a batch that reports failed records is handed over again (from the first failed record
    on), so a step that failed runs again. Returns every event handed over."""

    def run() -> list[dict]:
        handed = []
        for _ in range(MAX_ROUNDS):
            event = table_changes()
            if not event["Records"]:
                return handed
            for _ in range(RETRIES):
                handed.append(event)
                try:
                    failed = on_table_change(event, STREAM_CONTEXT)["batchItemFailures"]
                except BatchProcessingError:
                    continue  # every record failed: the whole batch again
                if not failed:
                    break
                first = [r["dynamodb"]["SequenceNumber"] for r in event["Records"]].index(
                    failed[0]["itemIdentifier"]
                )
                event = {"Records": event["Records"][first:]}
            else:
                raise AssertionError("a batch kept failing")
        raise AssertionError("the table's stream never went quiet")

    return run


@pytest.fixture
def step_writes(monkeypatch):
    """The items each erasure step wrote or deleted, one number a step, in order, with its
    step's name: counted from the API's DynamoDB requests while the step runs."""
    counted: list[tuple[str, int]] = []
    running = erasure_chain.run_step
    client = aws_clients.dynamodb_table().meta.client

    def count(params, model, **_):
        if model.name == "TransactWriteItems":
            counted[-1] = (counted[-1][0], counted[-1][1] + len(params["TransactItems"]))
        elif model.name == "BatchWriteItem":
            requests = sum(len(items) for items in params["RequestItems"].values())
            counted[-1] = (counted[-1][0], counted[-1][1] + requests)
        elif model.name in ("PutItem", "UpdateItem", "DeleteItem"):
            counted[-1] = (counted[-1][0], counted[-1][1] + 1)

    def measured(erasure):
        counted.append((erasure["step"], 0))
        client.meta.events.register("before-parameter-build.dynamodb", count)
        try:
            running(erasure)
        finally:
            client.meta.events.unregister("before-parameter-build.dynamodb", count)

    monkeypatch.setattr(erasure_chain, "run_step", measured)
    return counted


def test_given_a_step_that_dies_half_way_when_it_is_retried_then_counts_end_exact(
    api, tokens, run_stream, monkeypatch, many_photos_allowed
):
    photos = [ready_photo(api, tokens["bob"]) for _ in range(3)]
    for photo in photos:
        assert (
            api.http.put(f"/photos/{photo}/like", headers=auth(tokens["alice"])).status_code == 200
        )
    run_stream()
    erase = like_store.erase_like
    calls = []

    def dies_on_the_second(photo_id, liker_id):
        calls.append(photo_id)
        if len(calls) == 2:
            raise ConnectionError("the Lambda died half-way through the step")
        return erase(photo_id, liker_id)

    monkeypatch.setattr(like_store, "erase_like", dies_on_the_second)

    assert delete_account(api, tokens["alice"]).status_code == 202
    run_stream()

    assert len(calls) > len(photos)  # the step ran again after it died
    assert [photo_counts(photo)["likeCount"] for photo in photos] == [0, 0, 0]
    assert items_naming("alice") == []


def test_given_the_erasures_records_replayed_out_of_order_then_nothing_moves_back(
    api, tokens, run_stream, step_writes
):
    photo = ready_photo(api, tokens["bob"])
    assert api.http.put(f"/photos/{photo}/like", headers=auth(tokens["alice"])).status_code == 200
    assert api.http.put("/users/bob/follow", headers=auth(tokens["alice"])).status_code == 200
    run_stream()
    assert delete_account(api, tokens["alice"]).status_code == 202
    handed = run_stream()
    steps_run = len(step_writes)
    erasure_records = [
        record
        for event in handed
        for record in event["Records"]
        if table_keys.is_erasure(
            {name: value["S"] for name, value in record["dynamodb"]["Keys"].items()}
        )
    ]

    replayed = {"Records": list(reversed(erasure_records))}
    assert on_table_change(replayed, STREAM_CONTEXT) == {"batchItemFailures": []}

    assert len(step_writes) == steps_run  # no step ran again, no second chain started
    assert photo_counts(photo)["likeCount"] == 0
    assert items_naming("alice") == []


def test_given_the_erasure_past_the_likes_when_a_like_with_the_old_token_lands_then_refused(
    api, tokens, run_stream, monkeypatch
):
    photo = ready_photo(api, tokens["bob"])
    reached = []
    running = erasure_chain.run_step

    def like_once_past_the_likes(erasure):
        running(erasure)
        if erasure["step"] == "comments" and not reached:
            reached.append(api.http.put(f"/photos/{photo}/like", headers=auth(tokens["alice"])))

    monkeypatch.setattr(erasure_chain, "run_step", like_once_past_the_likes)
    assert delete_account(api, tokens["alice"]).status_code == 202

    run_stream()

    [late_like] = reached
    assert late_like.status_code == 401
    assert late_like.json_body["Message"] == "This account has been deleted."
    assert photo_counts(photo)["likeCount"] == 0
    assert items_naming("alice") == []


def test_given_an_erasure_under_way_when_a_like_reaches_the_store_then_its_transaction_refuses_it(
    api, tokens
):
    photo = ready_photo(api, tokens["bob"])
    assert delete_account(api, tokens["alice"]).status_code == 202

    with pytest.raises(AccountErasedError):
        like_store.add_like(photo, user_id("alice"), "alice", user_id("bob"), datetime.now(UTC))

    assert photo_counts(photo)["likeCount"] == 0


def test_given_25_likes_given_and_steps_of_10_when_erased_then_three_bounded_like_steps(
    api, tokens, run_stream, step_writes, monkeypatch
):
    # Steps of 10 items instead of 100: the same bound, a tenth of the likes to make.
    monkeypatch.setattr(erasure_steps, "STEP_SIZE", 10)
    given = 25
    # Copies of one of bob's photos, as the worker left it, each liked once by alice.
    table = aws_clients.dynamodb_table()
    model = table.get_item(Key=table_keys.photo_key(ready_photo(api, tokens["bob"])))["Item"]
    photo_ids = [f"01J{number:023d}" for number in range(given)]
    with table.batch_writer() as batch:
        for photo_id in photo_ids:
            batch.put_item(
                Item={
                    **model,
                    **table_keys.photo_key(photo_id),
                    "id": photo_id,
                    "ownerSort": f"{model['createdAt']}#{photo_id}",
                    "likeCount": 1,
                }
            )
            batch.put_item(
                Item={
                    **table_keys.like_key(photo_id, user_id("alice")),
                    "userId": user_id("alice"),
                    "authorId": user_id("alice"),
                    "username": "alice",
                    "photoOwnerId": user_id("bob"),
                    "likedAt": "2026-12-01T00:00:00.000Z",
                }
            )
    run_stream()

    assert delete_account(api, tokens["alice"]).status_code == 202
    run_stream()

    like_steps = [writes for step, writes in step_writes if step == "likes"]
    assert len(like_steps) == math.ceil(given / erasure_steps.STEP_SIZE)
    # A like goes with its count (two items), plus the write that moves the chain on.
    assert max(writes for _, writes in step_writes) <= 2 * erasure_steps.STEP_SIZE + 1
    assert {photo_counts(photo_id)["likeCount"] for photo_id in photo_ids} == {0}
    assert items_naming("alice") == []


def test_given_a_like_the_index_showed_late_when_the_chain_ends_then_it_is_gone_with_its_count(
    api, tokens, run_stream, monkeypatch
):
    photo = ready_photo(api, tokens["bob"])
    running = erasure_chain.run_step
    planted = []

    def like_appears_after_the_likes_step(erasure):
        running(erasure)
        if erasure["step"] == "comments" and not planted:
            # As if AuthorIndex had not shown this like yet when the likes step read it.
            table = aws_clients.dynamodb_table()
            table.put_item(
                Item={
                    **table_keys.like_key(photo, user_id("alice")),
                    "userId": user_id("alice"),
                    "authorId": user_id("alice"),
                    "username": "alice",
                    "photoOwnerId": user_id("bob"),
                    "likedAt": "2026-12-06T00:00:00.000Z",
                }
            )
            table.update_item(
                Key=table_keys.photo_key(photo),
                UpdateExpression="ADD likeCount :one",
                ExpressionAttributeValues={":one": 1},
            )
            planted.append(True)

    monkeypatch.setattr(erasure_chain, "run_step", like_appears_after_the_likes_step)
    assert delete_account(api, tokens["alice"]).status_code == 202

    run_stream()

    assert planted
    assert photo_counts(photo)["likeCount"] == 0
    assert items_naming("alice") == []
