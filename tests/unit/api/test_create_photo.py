"""POST /photos: a PENDING photo and a presigned POST that S3 will hold the browser to."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.photos import store as photo_store
from tests.support.api_steps import auth

JPEG_REQUEST = {"contentType": "image/jpeg", "size": 123_456, "caption": "Sunset"}


def create(api, token, body):
    raw = body if isinstance(body, str) else json.dumps(body)
    return api.http.post("/photos", headers=auth(token), body=raw)


def decoded_policy(upload: dict) -> dict:
    return json.loads(base64.b64decode(upload["fields"]["policy"]))


def test_given_a_signed_in_user_when_they_request_an_upload_then_a_pending_photo_is_stored(
    api, make_token
):
    response = create(api, make_token("alice"), JPEG_REQUEST)

    assert response.status_code == 201
    photo = response.json_body["photo"]
    assert photo["status"] == "PENDING"
    assert photo["owner"]["username"] == "alice"
    assert photo["caption"] == "Sunset"
    stored = photo_store.get_photo(photo["id"])
    assert stored["status"] == "PENDING"
    assert stored["contentType"] == "image/jpeg"
    assert int(stored["declaredSize"]) == 123_456
    assert "feedShard" not in stored  # only READY photos enter the feed index


def test_given_an_upload_request_then_the_policy_pins_key_type_size_and_a_short_expiry(
    api, make_token, local_resources
):
    response = create(api, make_token(), JPEG_REQUEST)

    photo_id = response.json_body["photo"]["id"]
    upload = response.json_body["upload"]
    policy = decoded_policy(upload)
    conditions = policy["conditions"]
    assert {"key": f"uploads/{photo_id}"} in conditions
    assert {"bucket": local_resources.names.uploads_bucket} in conditions
    assert {"Content-Type": "image/jpeg"} in conditions
    assert ["content-length-range", 123_456, 123_456] in conditions
    assert upload["fields"]["key"] == f"uploads/{photo_id}"
    assert upload["fields"]["Content-Type"] == "image/jpeg"
    # SigV4, not the SigV2 that boto3 would pick by default.
    assert upload["fields"]["x-amz-algorithm"] == "AWS4-HMAC-SHA256"
    assert "x-amz-signature" in upload["fields"]
    expiration = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert expiration - datetime.now(UTC) <= timedelta(minutes=10)
    assert local_resources.names.uploads_bucket in upload["url"]


def test_given_a_caption_is_left_out_then_it_is_stored_empty(api, make_token):
    response = create(api, make_token(), {"contentType": "image/png", "size": 10})

    assert response.status_code == 201
    assert response.json_body["photo"]["caption"] == ""
    assert response.json_body["photo"]["altText"] == ""


def test_given_alt_text_then_the_photo_carries_it_from_the_start(api, make_token):
    described = "Two kids on a pier at dusk, one pointing at a ferry"

    response = create(
        api, make_token(), {"contentType": "image/png", "size": 10, "altText": described}
    )

    assert response.status_code == 201
    assert response.json_body["photo"]["altText"] == described


@pytest.mark.parametrize(
    ("body", "message_part"),
    [
        ("{not json", "JSON object"),
        ("", "JSON object"),
        ("[1, 2]", "JSON object"),
        ({"contentType": "text/html", "size": 10}, "contentType must be one of"),
        ({"contentType": 5, "size": 10}, "contentType must be one of"),
        ({"size": 10}, "contentType must be one of"),
        ({"contentType": "image/jpeg"}, "size must be"),
        ({"contentType": "image/jpeg", "size": "10"}, "size must be"),
        ({"contentType": "image/jpeg", "size": True}, "size must be"),
        ({"contentType": "image/jpeg", "size": 0}, "size must be"),
        ({"contentType": "image/jpeg", "size": 1.5}, "size must be"),
        ({"contentType": "image/jpeg", "size": 30 * 1024 * 1024}, "largest photo"),
        ({"contentType": "image/jpeg", "size": 10, "caption": 7}, "caption must be text"),
        ({"contentType": "image/jpeg", "size": 10, "caption": "x" * 2201}, "at most 2200"),
        ({"contentType": "image/jpeg", "size": 10, "altText": ["a"]}, "altText must be text"),
        ({"contentType": "image/jpeg", "size": 10, "altText": "x" * 1001}, "at most 1000"),
        ({"contentType": "image/jpeg", "size": 10, "owner": "bob"}, "Unknown field(s): owner"),
    ],
)
def test_given_a_bad_request_body_then_400_with_a_message_a_person_can_act_on(
    api, make_token, body, message_part
):
    response = create(api, make_token(), body)

    assert response.status_code == 400
    assert response.json_body["Code"] == "BadRequestError"
    assert message_part in response.json_body["Message"]
