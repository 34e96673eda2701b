"""POST /photos refuses, with a 429 that says when to try again, a person who has too many photos
waiting for their file or has shared too many this hour."""

import json

import pytest

from chalicelib.shared import settings as api_settings
from image_worker import photo_records
from tests.support.api_steps import auth, made_ready, upload_requested


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


def test_given_too_many_photos_waiting_then_429_until_one_settles(api, make_token, limits):
    limits(pending=3, per_hour=100)
    alice = make_token("alice")
    waiting = [upload_requested(api, alice) for _ in range(3)]

    refused = request_upload(api, alice)

    assert refused.status_code == 429
    assert "3 photos still uploading" in refused.json_body["Message"]
    made_ready(waiting[0])
    photo_records.mark_failed(waiting[1], "not an image")
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
