""" "Download your data": POST /me/export, GET /me/exports, GET /me/exports/{id}, the stream
reaction that queues an export, and the export function that writes the archive
(chalicelib/accounts/)."""

import json
import re
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import boto3
import pytest

from chalicelib.accounts import export_archive, export_job, export_store, exports
from chalicelib.shared import aws_clients, clock
from chalicelib.shared.users import User
from tests.support.api_steps import auth, ready_photo, user_id
from tests.support.comment_steps import commented
from tests.support.erasure_steps import delete_account, fresh_token
from tests.support.export_steps import (
    ARCHIVE_TEXT_FILES,
    archive_of,
    exports_queue_messages,
    json_in,
    request_export,
    run_export_function,
)
from tests.support.fake_aws import REGION

ULID = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")
FULL_RENDITION = b"RIFF-full-size-webp-of-the-photo"


def alice() -> User:
    return User(id=user_id("alice"), username="alice", email="alice@example.com")


def finished(user: User) -> None:
    """Mark the person's export in progress as FAILED, so that another one may start."""
    state = export_store.export_state(user.id)
    export = export_store.get_export(user.id, state["pendingExportId"])
    assert export_store.mark_failed(export, "made to fail by the test")


def with_full_rendition(photo_id: str) -> None:
    """Give a READY photo a `full` rendition, larger than its `feed`, as the worker makes."""
    from chalicelib.shared import table_keys

    key = f"media/{photo_id}/full.webp"
    boto3.client("s3", region_name=REGION).put_object(
        Bucket="cloudgram-media", Key=key, Body=FULL_RENDITION
    )
    aws_clients.dynamodb_table().update_item(
        Key=table_keys.photo_key(photo_id),
        UpdateExpression="SET renditions.#full = :full",
        ExpressionAttributeNames={"#full": "full"},
        ExpressionAttributeValues={":full": {"key": key, "width": 2048, "height": 1536}},
    )


# --- Asking for an export -----------------------------------------------------------------------


def test_given_a_signed_in_person_when_they_ask_for_an_export_then_it_is_accepted_pending(
    api, make_token
):
    token = make_token("alice")

    response = request_export(api, token)

    assert response.status_code == 202
    body = response.json_body
    assert ULID.match(body["id"])
    assert body["status"] == "PENDING"
    assert clock.moment(body["requestedAt"]) <= datetime.now(UTC)
    assert set(body) == {"id", "status", "requestedAt"}
    shown = api.http.get(f"/me/exports/{body['id']}", headers=auth(token)).json_body
    assert shown == body
    listed = api.http.get("/me/exports", headers=auth(token)).json_body
    assert listed == {"items": [body]}


def test_given_an_export_in_progress_when_they_click_again_then_they_get_the_same_one(
    api, make_token
):
    token = make_token("alice")

    first = request_export(api, token).json_body
    second = request_export(api, token)

    assert second.status_code == 202
    assert second.json_body == first
    assert len(api.http.get("/me/exports", headers=auth(token)).json_body["items"]) == 1


def test_given_many_clicks_at_once_when_they_arrive_together_then_one_export_starts(
    api_environment,
):
    started: list[str] = []

    def click() -> None:
        started.append(exports.request_export(alice()).id)

    clicks = [threading.Thread(target=click) for _ in range(6)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()

    assert len(started) == 6
    assert len(set(started)) == 1
    assert len(export_store.newest_exports(alice().id)) == 1


def test_given_a_state_changed_since_it_was_read_when_starting_then_nothing_is_written(
    api_environment,
):
    exports.request_export(alice())  # the state is now at version 1
    late = {"id": "01JF0000000000000000000000", "userId": alice().id, "status": "PENDING"}

    written = export_store.start_export(late, [], state_version=0, expires=0)

    assert written is False
    assert export_store.get_export(alice().id, late["id"]) is None


def test_given_three_exports_today_when_asking_for_a_fourth_then_429_with_retry_after(
    api, make_token
):
    token = make_token("alice")
    for _ in range(3):
        assert request_export(api, token).status_code == 202
        finished(alice())

    refused = request_export(api, token)

    assert refused.status_code == 429
    assert refused.json_body["Code"] == "TooManyRequestsError"
    assert "3 exports of your data a day" in refused.json_body["Message"]
    retry_after = int(refused.headers["Retry-After"])
    assert 24 * 3600 - 60 <= retry_after <= 24 * 3600


def test_given_three_exports_a_day_ago_when_asking_again_then_a_new_one_starts(api_environment):
    yesterday = datetime.now(UTC) - timedelta(hours=24, minutes=1)
    for minutes in range(3):
        exports.request_export(alice(), now=yesterday + timedelta(minutes=minutes))
        finished(alice())

    export = exports.request_export(alice())

    assert export.status == "PENDING"


def test_given_an_export_pending_for_hours_then_it_shows_failed_and_a_new_one_may_start(
    api_environment,
):
    long_ago = datetime.now(UTC) - exports.GIVE_UP_AFTER - timedelta(minutes=1)
    stuck = exports.request_export(alice(), now=long_ago)

    shown = exports.get_export(alice(), stuck.id)
    fresh = exports.request_export(alice())

    assert shown.status == "FAILED"
    assert shown.failure_reason == exports.TOOK_TOO_LONG
    assert fresh.id != stuck.id and fresh.status == "PENDING"


# --- Reading exports: only one's own ------------------------------------------------------------


def test_given_someone_elses_export_when_read_then_404_as_for_no_export(api, make_token):
    export_id = request_export(api, make_token("alice")).json_body["id"]

    response = api.http.get(f"/me/exports/{export_id}", headers=auth(make_token("mallory")))

    assert response.status_code == 404
    assert response.json_body["Message"] == "No such export"
    listed = api.http.get("/me/exports", headers=auth(make_token("mallory"))).json_body
    assert listed == {"items": []}


@pytest.mark.parametrize(
    "export_id",
    [
        "nope",
        "01jf0000000000000000000000",  # lower case is not how ULIDs are written here
        "81JF0000000000000000000000",  # beyond a ULID's 48 bits of time
        "01JF00000000000000000000000",  # 27 characters
        "01JF000000000000000000000%00",
        "..%2F..%2Fphotos",
        "%F0%9F%93%B8",
    ],
)
def test_given_a_malformed_export_id_when_read_then_404(api, make_token, export_id):
    response = api.http.get(f"/me/exports/{export_id}", headers=auth(make_token("alice")))

    assert response.status_code == 404
    assert response.json_body["Message"] == "No such export"


def test_given_no_token_when_asking_for_exports_then_401(api):
    for method, path in (("POST", "/me/export"), ("GET", "/me/exports")):
        assert api.http.request(method, path).status_code == 401


def test_given_any_body_when_asking_for_an_export_then_it_is_ignored(api, make_token):
    response = api.http.post("/me/export", headers=auth(make_token("alice")), body=b"\xff{[")

    assert response.status_code == 202


# --- From the request to the archive ------------------------------------------------------------


def test_given_a_new_export_when_the_stream_runs_then_one_message_names_it(
    api, make_token, settle_stream, api_environment
):
    export_id = request_export(api, make_token("alice")).json_body["id"]

    settle_stream()

    messages = exports_queue_messages(api_environment)
    assert [json.loads(message["Body"]) for message in messages] == [
        {"userId": user_id("alice"), "exportId": export_id}
    ]


def test_given_a_replayed_message_when_the_job_runs_twice_then_the_archive_is_written_once(
    api, make_token, settle_stream, api_environment
):
    token = make_token("alice")
    export_id = request_export(api, token).json_body["id"]
    settle_stream()
    message = exports_queue_messages(api_environment)[0]

    run_export_function(api_environment, [message])
    ready = api.http.get(f"/me/exports/{export_id}", headers=auth(token)).json_body
    run_export_function(api_environment, [message])

    again = api.http.get(f"/me/exports/{export_id}", headers=auth(token)).json_body
    assert ready["status"] == "READY"
    assert again["readyAt"] == ready["readyAt"]
    assert again["sizeBytes"] == ready["sizeBytes"]


def test_given_a_person_with_photos_words_likes_and_follows_then_the_archive_holds_them_all(
    api, make_token, settle_stream, api_environment, many_photos_allowed, tmp_path
):
    alice_token, bob_token = make_token("alice"), make_token("bob")
    for token in (alice_token, bob_token):
        api.http.get("/me", headers=auth(token))
    own_photo = ready_photo(api, alice_token, caption="Fjord at dawn ☀")
    with_full_rendition(own_photo)
    bobs_photo = ready_photo(api, bob_token, caption="Bob's cat")
    api.http.put(f"/photos/{bobs_photo}/like", headers=auth(alice_token))
    comment = commented(api, alice_token, bobs_photo, text="Such a cat! 🐈")
    reply = commented(api, alice_token, bobs_photo, text="And again", reply_to=comment["id"])
    api.http.put("/users/bob/follow", headers=auth(alice_token))
    api.http.put("/users/alice/follow", headers=auth(bob_token))
    export_id = request_export(api, alice_token).json_body["id"]
    settle_stream()

    run_export_function(api_environment, exports_queue_messages(api_environment))

    export = api.http.get(f"/me/exports/{export_id}", headers=auth(alice_token)).json_body
    assert export["status"] == "READY"
    key = f"exports/{user_id('alice')}/{export_id}.zip"
    archive = archive_of(api_environment, key)
    assert archive.testzip() is None
    assert sorted(archive.namelist()) == sorted([*ARCHIVE_TEXT_FILES, f"photos/{own_photo}.webp"])
    assert archive.read(f"photos/{own_photo}.webp") == FULL_RENDITION
    profile = json_in(archive, "profile.json")
    assert profile["username"] == "alice"
    assert profile["email"] == "alice@example.com"
    assert profile["photoCount"] == 1 and profile["followingCount"] == 1
    [photo] = json_in(archive, "photos.json")
    assert photo["id"] == own_photo and photo["caption"] == "Fjord at dawn ☀"
    assert photo["renditions"] == ["feed", "full"]
    assert photo["file"] == f"photos/{own_photo}.webp"
    comments = json_in(archive, "comments.json")
    assert [(entry["text"], entry["photoId"]) for entry in comments] == [
        ("Such a cat! 🐈", bobs_photo),
        ("And again", bobs_photo),
    ]
    assert comments[1]["replyTo"] == comment["id"] and comments[1]["id"] == reply["id"]
    assert [like["photoId"] for like in json_in(archive, "likes.json")] == [bobs_photo]
    assert [person["username"] for person in json_in(archive, "following.json")] == ["bob"]
    assert [person["username"] for person in json_in(archive, "followers.json")] == ["bob"]
    # UTF-8 as written, indented, keys sorted.
    raw = archive.read("comments.json").decode("utf-8")
    assert "🐈" in raw and raw.startswith('[\n  {\n    "createdAt"')
    saved = tmp_path / "archive.zip"
    saved.write_bytes(
        boto3.client("s3", region_name=REGION)
        .get_object(Bucket=api_environment.names.exports_bucket, Key=key)["Body"]
        .read()
    )
    checked = subprocess.run(["unzip", "-t", str(saved)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_given_a_ready_export_then_its_link_downloads_it_under_a_plain_name_for_a_day_at_most(
    api, make_token, settle_stream, api_environment
):
    token = make_token("alice")
    export_id = request_export(api, token).json_body["id"]
    settle_stream()
    run_export_function(api_environment, exports_queue_messages(api_environment))

    export = api.http.get(f"/me/exports/{export_id}", headers=auth(token)).json_body

    query = parse_qs(urlparse(export["url"]).query)
    assert int(query["X-Amz-Expires"][0]) == 24 * 3600
    day = export["readyAt"][:10]
    assert query["response-content-disposition"] == [
        f'attachment; filename="cloudgram-alice-{day}.zip"'
    ]
    assert clock.moment(export["expiresAt"]) == clock.moment(export["readyAt"]) + timedelta(days=7)
    assert set(export) == {
        "id",
        "status",
        "requestedAt",
        "readyAt",
        "url",
        "expiresAt",
        "sizeBytes",
    }


def test_given_an_export_near_its_end_then_its_link_dies_with_it(
    api, make_token, settle_stream, api_environment
):
    export_id = request_export(api, make_token("alice")).json_body["id"]
    settle_stream()
    run_export_function(api_environment, exports_queue_messages(api_environment))
    ready_at = clock.moment(export_store.get_export(alice().id, export_id)["readyAt"])

    late = exports.get_export(alice(), export_id, now=ready_at + timedelta(days=6, hours=22))

    lifetime = int(parse_qs(urlparse(late.url).query)["X-Amz-Expires"][0])
    assert lifetime <= 2 * 3600
    with pytest.raises(exports.NotFoundError):
        exports.get_export(alice(), export_id, now=ready_at + timedelta(days=7))
    assert exports.recent_exports(alice(), now=ready_at + timedelta(days=7)) == []


def test_given_a_username_with_odd_characters_then_the_file_name_stays_plain():
    name = exports.archive_file_name('Zoë "x"\r\n;', "2026-12-06T10:00:00.000Z")

    assert name == "cloudgram-Zo___x____-2026-12-06.zip"


# --- When writing fails -------------------------------------------------------------------------


def test_given_a_failure_before_the_last_try_then_it_is_raised_and_nothing_is_left_half_written(
    api, make_token, settle_stream, api_environment
):
    token = make_token("alice")
    export_id = request_export(api, token).json_body["id"]
    ready_photo(api, token)
    settle_stream()

    def broken_get_object(**_):
        raise RuntimeError("the media bucket is out of reach")

    s3 = aws_clients.s3_client()
    s3.meta.events.register("before-call.s3.GetObject", broken_get_object)

    with pytest.raises(RuntimeError):
        export_job.write_export(user_id("alice"), export_id, attempt=1)

    export = api.http.get(f"/me/exports/{export_id}", headers=auth(token)).json_body
    assert export["status"] == "PENDING"
    s3.meta.events.unregister("before-call.s3.GetObject", broken_get_object)
    uploads = s3.list_multipart_uploads(Bucket=api_environment.names.exports_bucket)
    assert uploads.get("Uploads", []) == []


def test_given_a_failure_on_the_last_try_then_the_export_is_failed_with_a_reason(
    api, make_token, api_environment, monkeypatch
):
    token = make_token("alice")
    export_id = request_export(api, token).json_body["id"]

    def failing_archive(*_, **__):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_archive, "write_archive", failing_archive)

    status = export_job.write_export(
        user_id("alice"), export_id, attempt=export_job.EXPORT_ATTEMPTS
    )

    assert status == "FAILED"
    export = api.http.get(f"/me/exports/{export_id}", headers=auth(token)).json_body
    assert export == {
        "id": export_id,
        "status": "FAILED",
        "requestedAt": export["requestedAt"],
        "failureReason": export_job.FAILED_REASON,
    }
    # A failed export no longer holds the way: a new one may start.
    assert request_export(api, token).json_body["id"] != export_id


def test_given_the_third_delivery_of_a_message_then_the_job_knows_it_is_the_last_try(
    api, make_token, api_environment, monkeypatch
):
    export_id = request_export(api, make_token("alice")).json_body["id"]
    tries: list[int] = []
    monkeypatch.setattr(
        export_job, "write_export", lambda user, export, attempt: tries.append(attempt)
    )
    record = {
        "body": json.dumps({"userId": user_id("alice"), "exportId": export_id}),
        "attributes": {"ApproximateReceiveCount": "3"},
    }

    export_job.handle_message(record)

    assert tries == [3]


def test_given_a_message_of_the_exports_queue_then_its_trace_is_named_after_the_function():
    from chalicelib.edge.middleware import _subsegment_name

    assert _subsegment_name({"Records": [{"eventSource": "aws:sqs"}]}) == "write_export"
    assert _subsegment_name({"Records": [{"eventSource": "aws:dynamodb"}]}) == "on_table_change"


# --- An export and an erasure -------------------------------------------------------------------


def test_given_an_account_being_erased_when_its_old_token_asks_for_an_export_then_401(
    api, make_token
):
    # Given alice, who has just deleted her account
    assert delete_account(api, fresh_token(make_token, "alice")).status_code == 202

    # When her old token asks for an export, then it is refused and nothing is started
    response = request_export(api, make_token("alice"))

    assert response.status_code == 401
    assert "deleted" in response.json_body["Message"]
    assert export_store.export_state(user_id("alice"))["recentStarts"] == []


def test_given_an_erasure_that_starts_while_an_archive_is_written_then_the_archive_is_removed(
    api, make_token, settle_stream, api_environment, monkeypatch
):
    # Given an export on its way, and alice deleting her account while its archive is written
    token = make_token("alice")
    export_id = request_export(api, token).json_body["id"]
    settle_stream()
    [message] = exports_queue_messages(api_environment)
    write_archive = export_job._write_archive

    def erased_meanwhile(export, profile):
        size = write_archive(export, profile)
        assert delete_account(api, fresh_token(make_token, "alice")).status_code == 202
        return size

    monkeypatch.setattr(export_job, "_write_archive", erased_meanwhile)

    # When the export function finishes
    run_export_function(api_environment, [message])

    # Then no archive is left behind and no link is ever given
    s3 = boto3.client("s3", region_name=REGION)
    listed = s3.list_objects_v2(Bucket=api_environment.names.exports_bucket, Prefix="exports/")
    assert listed.get("KeyCount", 0) == 0
    assert export_store.get_export(user_id("alice"), export_id)["status"] == "PENDING"
