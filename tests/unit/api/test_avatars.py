"""POST /me/avatar and DELETE /me/avatar: the presigned POST of a profile picture, its rules and
limit, the upload's state as its owner alone is shown it, going back to the letter, and the
table-stream reaction that removes a replaced or deleted picture's files."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from app import on_table_change
from chalicelib.avatars import avatar_store
from chalicelib.avatars import presenter as avatar_presenter
from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared.settings import AVATAR_MAX_BYTES, AVATAR_UPLOADS_PER_HOUR
from image_worker import avatar_records
from tests.support.api_steps import STREAM_CONTEXT, auth, user_id
from tests.support.avatar_steps import avatar_made, keys_in, stored_profile

JPEG = {"contentType": "image/jpeg", "size": 123_456}


def ask_for_upload(api, token: str, body: dict | str = JPEG):
    raw = body if isinstance(body, str) else json.dumps(body)
    return api.http.post("/me/avatar", headers=auth(token), body=raw)


def test_given_a_signed_in_person_then_the_post_pins_its_own_key_type_and_size(
    api, make_token, local_resources
):
    response = ask_for_upload(api, make_token("alice"))

    assert response.status_code == 201
    assert set(response.json_body) == {"upload"}
    upload = response.json_body["upload"]
    assert set(upload) == {"url", "fields", "expiresAt"}
    pending = stored_profile(user_id("alice"))["avatarUpload"]
    key = f"uploads/avatars/{user_id('alice')}/{pending['uploadId']}"
    conditions = json.loads(base64.b64decode(upload["fields"]["policy"]))["conditions"]
    assert {"key": key} in conditions and upload["fields"]["key"] == key
    assert {"Content-Type": "image/jpeg"} in conditions
    assert ["content-length-range", 123_456, 123_456] in conditions
    assert local_resources.names.uploads_bucket in upload["url"]
    assert (pending["contentType"], int(pending["declaredSize"])) == ("image/jpeg", 123_456)
    assert pending["expiresAt"] == upload["expiresAt"]


def test_given_a_second_upload_asked_for_then_it_replaces_the_pending_one(api, make_token):
    alice = make_token("alice")
    ask_for_upload(api, alice)
    first = stored_profile(user_id("alice"))["avatarUpload"]["uploadId"]

    ask_for_upload(api, alice)

    assert stored_profile(user_id("alice"))["avatarUpload"]["uploadId"] != first


@pytest.mark.parametrize(
    ("body", "message_part"),
    [
        ({"contentType": "text/html", "size": 10}, "contentType must be one of"),
        ({"contentType": "image/png", "size": 0}, "size must be"),
        ({"contentType": "image/png", "size": True}, "size must be"),
        ({"contentType": "image/png", "size": AVATAR_MAX_BYTES + 1}, "largest profile picture"),
        ({**JPEG, "caption": "hi"}, "Unknown field(s): caption"),
        ("[1]", "must be a JSON object"),
        ("{", "must be a JSON object"),
    ],
)
def test_given_bad_input_then_400_says_what_to_change(api, make_token, body, message_part):
    response = ask_for_upload(api, make_token("alice"), body)

    assert response.status_code == 400
    assert message_part in response.json_body["Message"]


def test_given_no_token_then_neither_route_runs(api):
    assert api.http.post("/me/avatar", body=json.dumps(JPEG)).status_code == 401
    assert api.http.delete("/me/avatar").status_code == 401


def test_given_the_hours_avatar_uploads_used_then_429_says_when_to_come_back(api, make_token):
    alice = make_token("alice")
    for _ in range(AVATAR_UPLOADS_PER_HOUR):
        assert ask_for_upload(api, alice).status_code == 201

    refused = ask_for_upload(api, alice)

    assert refused.status_code == 429
    assert "profile pictures this hour" in refused.json_body["Message"]
    assert 0 < int(refused.headers["Retry-After"]) <= 3600


def test_given_an_upload_on_its_way_then_only_its_owner_sees_it_pending(api, make_token):
    alice, bob = make_token("alice"), make_token("bob")
    ask_for_upload(api, alice)
    api.http.get("/me", headers=auth(bob))
    upload_id = stored_profile(user_id("alice"))["avatarUpload"]["uploadId"]

    own = api.http.get("/users/alice", headers=auth(alice)).json_body
    seen_by_bob = api.http.get("/users/alice", headers=auth(bob)).json_body
    seen_by_anyone = api.http.get("/users/alice").json_body

    assert own["avatarUpload"] == {"id": upload_id, "status": "PENDING"}
    assert "avatarUpload" not in seen_by_bob and "avatarUpload" not in seen_by_anyone
    assert "avatar" not in own


def test_given_a_refused_file_then_its_owner_reads_why(api, make_token):
    alice = make_token("alice")
    ask_for_upload(api, alice)
    upload_id = stored_profile(user_id("alice"))["avatarUpload"]["uploadId"]
    avatar_records.mark_failed(user_id("alice"), upload_id, "This file is not an image.")

    own = api.http.get("/users/alice", headers=auth(alice)).json_body

    assert own["avatarUpload"] == {
        "id": upload_id,
        "status": "FAILED",
        "failureReason": "This file is not an image.",
    }


def test_given_a_link_that_expired_long_ago_then_the_upload_shows_as_failed(api, make_token):
    alice = make_token("alice")
    ask_for_upload(api, alice)
    long_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    aws_clients.dynamodb_table().update_item(
        Key=table_keys.profile_key(user_id("alice")),
        UpdateExpression="SET avatarUpload.expiresAt = :then",
        ExpressionAttributeValues={":then": long_ago},
    )

    state = api.http.get("/users/alice", headers=auth(alice)).json_body["avatarUpload"]

    assert state["status"] == "FAILED"
    assert state["failureReason"] == avatar_presenter.NEVER_ARRIVED_REASON


def test_given_an_avatar_then_the_profile_shows_the_large_one(api, make_token):
    alice = make_token("alice")
    avatar = avatar_made(api, alice, user_id("alice"))

    shown = api.http.get("/users/alice").json_body["avatar"]
    own = api.http.get("/users/alice", headers=auth(alice)).json_body

    assert shown == {
        "url": f"/{avatar['large']['key']}",
        "width": 320,
        "height": 320,
        "placeholder": "data:image/webp;base64,AAAA",
    }
    assert "avatarUpload" not in own


def test_given_an_avatar_deleted_then_the_letter_is_back_and_a_second_delete_is_harmless(
    api, make_token
):
    alice = make_token("alice")
    avatar_made(api, alice, user_id("alice"))
    api.http.post("/me/avatar", headers=auth(alice), body=json.dumps(JPEG))

    first = api.http.delete("/me/avatar", headers=auth(alice))
    second = api.http.delete("/me/avatar", headers=auth(alice))

    assert (first.status_code, second.status_code) == (204, 204)
    profile = stored_profile(user_id("alice"))
    assert not {"avatar", "avatarUpload", "avatarFailure"} & set(profile)
    assert "avatar" not in api.http.get("/users/alice").json_body


def test_given_no_profile_yet_when_deleting_the_avatar_then_204_and_no_item_is_made(
    api, make_token
):
    response = api.http.delete("/me/avatar", headers=auth(make_token("newcomer")))

    assert response.status_code == 204
    item = aws_clients.dynamodb_table().get_item(Key=table_keys.profile_key(user_id("newcomer")))
    assert "Item" not in item


def test_given_an_avatar_replaced_then_the_stream_deletes_the_old_files_even_twice(
    api, make_token, table_changes
):
    alice = make_token("alice")
    old = avatar_made(api, alice, user_id("alice"))
    table_changes()
    new = avatar_made(api, alice, user_id("alice"))
    replaced = table_changes()

    assert on_table_change(replaced, STREAM_CONTEXT) == {"batchItemFailures": []}
    assert on_table_change(replaced, STREAM_CONTEXT) == {"batchItemFailures": []}

    assert keys_in("cloudgram-media", f"media/avatars/{user_id('alice')}/") == sorted(
        [new["large"]["key"], new["small"]["key"]]
    )
    assert old["uploadId"] != new["uploadId"]


def test_given_an_avatar_deleted_then_the_stream_deletes_its_files(api, make_token, table_changes):
    alice = make_token("alice")
    avatar_made(api, alice, user_id("alice"))
    table_changes()
    api.http.delete("/me/avatar", headers=auth(alice))

    assert on_table_change(table_changes(), STREAM_CONTEXT) == {"batchItemFailures": []}

    assert keys_in("cloudgram-media", "media/avatars/") == []


def test_given_other_profile_changes_then_the_avatar_files_stay(api, make_token, table_changes):
    alice, bob = make_token("alice"), make_token("bob")
    avatar = avatar_made(api, alice, user_id("alice"))
    table_changes()
    api.http.put("/users/alice/follow", headers=auth(bob))  # alice's followerCount moves
    ask_for_upload(api, alice)  # a new upload asked for; the avatar is still the old one

    assert on_table_change(table_changes(), STREAM_CONTEXT) == {"batchItemFailures": []}

    assert keys_in("cloudgram-media", "media/avatars/") == sorted(
        [avatar["large"]["key"], avatar["small"]["key"]]
    )


def test_given_the_profile_deleted_between_its_check_and_the_write_then_503_not_500(
    api, make_token, monkeypatch
):
    def profile_gone(user_id, *_):
        raise avatar_store.NoProfileError(user_id)

    monkeypatch.setattr(avatar_store, "set_pending_upload", profile_gone)

    response = ask_for_upload(api, make_token("alice"))

    assert response.status_code == 503
    assert set(response.json_body) == {"Code", "Message"}
