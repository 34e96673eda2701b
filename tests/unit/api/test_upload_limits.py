"""POST /photos refuses, with a 429 that says when to try again, a person who has too many photos
waiting for their file or has shared too many this hour."""

import json

import pytest

from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared import settings as api_settings
from image_worker import photo_records
from tests.support.api_steps import auth, made_ready, upload_requested, user_id


@pytest.fixture
def limits(api_environment, monkeypatch):
    def set_limits(pending: int, per_hour: int) -> None:
        monkeypatch.setenv("MAX_PENDING_UPLOADS", str(pending))
        monkeypatch.setenv("MAX_PHOTOS_PER_HOUR", str(per_hour))
        api_settings.load_settings.cache_clear()

    yield set_limits
    api_settings.load_settings.cache_clear()


def request_upload(api, token):
    body = json.dumps({"contentType": "image/jpeg", "size": 10})
    return api.http.post("/photos", headers=auth(token), body=body)


def test_given_too_many_photos_waiting_then_429_until_one_settles(
    api, make_token, limits, settle_stream
):
    limits(pending=3, per_hour=100)
    alice = make_token("alice")
    waiting = [upload_requested(api, alice) for _ in range(3)]

    refused = request_upload(api, alice)

    assert refused.status_code == 429
    assert "3 photos still uploading" in refused.json_body["Message"]
    assert 0 < int(refused.headers["Retry-After"]) <= 12 * 60
    made_ready(waiting[0])
    photo_records.mark_failed(waiting[1], "not an image")
    settle_stream()  # the stream frees the slots of photos that stopped waiting
    assert request_upload(api, alice).status_code == 201
    assert request_upload(api, make_token("bob")).status_code == 201  # limits are per person


def test_given_the_hourly_limit_reached_then_429_names_the_time_to_come_back(
    api, make_token, limits
):
    limits(pending=100, per_hour=4)
    alice = make_token("alice")
    for _ in range(4):
        made_ready(upload_requested(api, alice))

    refused = request_upload(api, alice)

    assert refused.status_code == 429
    assert "shared 4 photos this hour" in refused.json_body["Message"]
    assert "UTC" in refused.json_body["Message"]


def test_given_a_slot_taken_again_after_its_window_then_the_first_photo_does_not_free_it(
    api, make_token, limits, settle_stream
):
    limits(pending=1, per_hour=100)
    alice = make_token("alice")
    first = upload_requested(api, alice)
    slot = table_keys.upload_slot_key(user_id("alice"), 0)
    aws_clients.dynamodb_table().update_item(  # the first photo's upload window has passed
        Key=slot,
        UpdateExpression="SET freeAfter = :long_ago",
        ExpressionAttributeValues={":long_ago": "2020-01-01T00:00:00.000Z"},
    )
    second = upload_requested(api, alice)

    made_ready(first)  # its file had arrived in time, and the worker finished late
    settle_stream()

    assert aws_clients.dynamodb_table().get_item(Key=slot)["Item"]["photoId"] == second
    assert request_upload(api, alice).status_code == 429
