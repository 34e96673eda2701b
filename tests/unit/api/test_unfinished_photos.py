"""What a photo's owner is told about a photo that is not READY: whether its file arrived
(`uploadArrived`), so the page can tell an interrupted upload from a file being processed or one
the worker refused; that nobody else is ever shown such a photo; and that withdrawing a PENDING
photo (a cancelled or abandoned upload) leaves nothing behind and frees its upload slot."""

import json

import pytest

from chalicelib.photos import status as photo_status
from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared import settings as api_settings
from image_worker import photo_records
from tests.support.api_steps import auth, made_ready, upload_requested, user_id


def owner_view(api, token, photo_id) -> dict:
    response = api.http.get(f"/photos/{photo_id}", headers=auth(token))
    assert response.status_code == 200, response.json_body
    return response.json_body


def expire_upload_link(photo_id: str) -> None:
    aws_clients.dynamodb_table().update_item(
        Key=table_keys.photo_key(photo_id),
        UpdateExpression="SET uploadExpiresAt = :long_ago",
        ExpressionAttributeValues={":long_ago": "2020-01-01T00:00:00.000Z"},
    )


def test_given_a_pending_photo_then_its_owner_is_told_whether_its_file_arrived(api, make_token):
    # Given two PENDING photos of alice's, the file of one reached the worker
    alice = make_token("alice")
    interrupted = upload_requested(api, alice)
    arriving = upload_requested(api, alice)
    photo_records.note_upload_arrived(arriving)

    # When she looks at them, one by one and on her profile
    one_by_one = {
        photo_id: owner_view(api, alice, photo_id) for photo_id in (interrupted, arriving)
    }
    listed = api.http.get("/users/alice/photos", headers=auth(alice)).json_body["items"]

    # Then both are PENDING, and only the one whose file came says it arrived
    for shown in (one_by_one, {photo["id"]: photo for photo in listed}):
        assert shown[interrupted]["status"] == shown[arriving]["status"] == "PENDING"
        assert shown[interrupted]["uploadArrived"] is False
        assert shown[arriving]["uploadArrived"] is True


def test_given_failed_photos_then_uploadarrived_tells_a_file_that_never_came_from_a_bad_one(
    api, make_token
):
    # Given a photo whose file never came before its link expired, and one the worker refused
    alice = make_token("alice")
    never_came = upload_requested(api, alice)
    expire_upload_link(never_came)
    refused = upload_requested(api, alice)
    photo_records.note_upload_arrived(refused)
    photo_records.mark_failed(refused, "The file is not an image CloudGram can read.")

    # When their owner looks at them
    never_came_shown = owner_view(api, alice, never_came)
    refused_shown = owner_view(api, alice, refused)

    # Then both failed; sharing the file again can only help the one whose file never came
    assert never_came_shown["status"] == refused_shown["status"] == "FAILED"
    assert never_came_shown["failureReason"] == photo_status.UPLOAD_NEVER_ARRIVED_REASON
    assert never_came_shown["uploadArrived"] is False
    assert refused_shown["uploadArrived"] is True


def test_given_a_ready_photo_then_it_says_nothing_about_its_upload(api, make_token):
    alice = make_token("alice")
    photo_id = upload_requested(api, alice)
    made_ready(photo_id)

    shown = owner_view(api, alice, photo_id)

    assert shown["status"] == "READY"
    assert "uploadArrived" not in shown


def test_given_pending_and_failed_photos_then_nobody_but_the_owner_is_ever_shown_them(
    api, make_token
):
    # Given alice's READY, PENDING and FAILED photos
    alice = make_token("alice")
    ready = upload_requested(api, alice)
    made_ready(ready)
    pending = upload_requested(api, alice)
    failed = upload_requested(api, alice)
    photo_records.mark_failed(failed, "The file is not an image CloudGram can read.")

    # When bob and a stranger look at her photos, her profile and the feed
    for headers in (auth(make_token("bob")), {}):
        for unfinished in (pending, failed):
            # Then the unfinished ones do not exist for them
            assert api.http.get(f"/photos/{unfinished}", headers=headers).status_code == 404
        for path in ("/users/alice/photos", "/feed"):
            items = api.http.get(path, headers=headers).json_body["items"]
            # Then only the READY one is listed, and it says nothing of its upload
            assert [photo["id"] for photo in items] == [ready]
            assert "uploadArrived" not in items[0]


@pytest.fixture
def one_upload_slot(api_environment, monkeypatch):
    monkeypatch.setenv("MAX_PENDING_UPLOADS", "1")
    api_settings.load_settings.cache_clear()
    yield
    api_settings.load_settings.cache_clear()


def request_upload(api, token):
    body = json.dumps({"contentType": "image/jpeg", "size": 10})
    return api.http.post("/photos", headers=auth(token), body=body)


def test_given_a_pending_photo_withdrawn_then_nothing_is_left_and_its_upload_slot_is_free(
    api, make_token, one_upload_slot, settle_stream
):
    # Given alice, who may have one photo waiting for its file, with one waiting
    alice = make_token("alice")
    withdrawn = upload_requested(api, alice)
    assert request_upload(api, alice).status_code == 429

    # When her page withdraws it (a cancelled or abandoned upload) and the stream has run
    deleted = api.http.delete(f"/photos/{withdrawn}", headers=auth(alice))
    settle_stream()

    # Then it is gone for her too, her profile lists nothing, and its slot is free again
    assert deleted.status_code == 204
    assert api.http.get(f"/photos/{withdrawn}", headers=auth(alice)).status_code == 404
    assert api.http.get("/users/alice/photos", headers=auth(alice)).json_body["items"] == []
    slot = table_keys.upload_slot_key(user_id("alice"), 0)
    assert "Item" not in aws_clients.dynamodb_table().get_item(Key=slot)
    assert request_upload(api, alice).status_code == 201
