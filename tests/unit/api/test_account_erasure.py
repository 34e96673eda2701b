"""Deleting one's account (DELETE /me), in one process: only just after signing in again, twice
is once, the sign-in is gone at once, the person disappears from every list at once, nothing
they write lands afterwards, and the table's stream then removes everything that names them,
leaving everyone else's counts exact."""

import time

import boto3
import pytest

from infra.deploy.site import FRONTEND_DIR
from infra.local.site_page import LocalSitePage
from tests.support.api_steps import auth, ready_photo, user_id
from tests.support.avatar_steps import avatar_made, keys_in
from tests.support.comment_steps import commented, comments_page, replies_page
from tests.support.erasure_steps import (
    cognito_user_exists,
    delete_account,
    fresh_token,
    items_naming,
    lived_a_little,
    photo_counts,
    profile_counts,
)
from tests.support.notification_steps import told

SIGN_IN_AGAIN = (
    "To delete your account, sign in again: enter your password and try within 5 minutes."
)


@pytest.fixture
def published_site_page(api_environment):
    """The site's page in the site bucket, as the local stack publishes it (for /p/<id>)."""
    site_page = LocalSitePage(boto3.client("s3"), api_environment.names.site_bucket, FRONTEND_DIR)
    assert site_page.publish_if_changed()


@pytest.fixture
def tokens(make_token):
    return {name: fresh_token(make_token, name) for name in ("alice", "bob", "carol")}


@pytest.mark.parametrize(
    "auth_time",
    [
        str(int(time.time()) - 6 * 60),
        None,
        "yesterday",
        "",
        "１２３",
        str(int(time.time()) + 3600),
        "9" * 40,
    ],
    ids=["6-minutes-old", "missing", "garbage", "empty", "not-ascii", "future", "huge"],
)
def test_given_no_recent_sign_in_when_deleting_then_403_asks_to_sign_in_again(
    api, make_token, auth_time
):
    token = make_token("alice", auth_time=auth_time)

    response = delete_account(api, token)

    assert response.status_code == 403
    assert response.json_body == {"Code": "ForbiddenError", "Message": SIGN_IN_AGAIN}
    assert api.http.get("/me", headers=auth(token)).status_code == 200


def test_given_a_number_auth_time_of_a_moment_ago_when_deleting_then_202(api, make_token):
    response = delete_account(api, make_token("alice", auth_time=int(time.time()) - 60))

    assert response.status_code == 202
    assert response.json_body["status"] == "ERASING"
    assert response.json_body["message"]


def test_given_a_user_in_the_pool_when_deleting_twice_then_both_202_and_the_user_is_gone(
    api, make_token, api_environment
):
    cognito = boto3.client("cognito-idp")
    pool = api_environment.user_pool_id
    cognito.admin_create_user(UserPoolId=pool, Username="alice")
    token = fresh_token(make_token, "alice")

    first, second = delete_account(api, token), delete_account(api, token)

    assert (first.status_code, second.status_code) == (202, 202)
    assert not cognito_user_exists(pool, "alice")


def test_given_cognito_is_unavailable_when_deleting_then_503_and_the_erasure_still_starts(
    api, tokens, monkeypatch
):
    from botocore.exceptions import ClientError

    from chalicelib.shared import aws_clients

    def unavailable(**_):
        raise ClientError({"Error": {"Code": "ServiceUnavailable"}}, "AdminDeleteUser")

    monkeypatch.setattr(aws_clients.cognito_client(), "admin_delete_user", unavailable)
    assert api.http.get("/me", headers=auth(tokens["alice"])).status_code == 200

    response = delete_account(api, tokens["alice"])

    assert response.status_code == 503
    assert api.http.get("/users/alice").status_code == 404


def test_given_alice_deleted_her_account_when_the_clean_up_has_not_run_then_no_list_shows_her(
    api, tokens, many_photos_allowed, published_site_page
):
    made = lived_a_little(api, tokens)
    bob, alices_photo, bobs_photo = tokens["bob"], made["alices_photo"], made["bobs_photo"]

    assert delete_account(api, tokens["alice"]).status_code == 202

    assert api.http.get("/users/alice").status_code == 404
    assert api.http.get("/users/alice/photos").json_body["items"] == []
    assert api.http.get(f"/photos/{alices_photo}").status_code == 404
    assert api.http.get(f"/p/{alices_photo}").status_code == 404
    assert [p["id"] for p in api.http.get("/feed").json_body["items"]] == [bobs_photo]
    home = api.http.get("/feed/home", headers=auth(bob)).json_body["items"]
    assert alices_photo not in [photo["id"] for photo in home]
    likers = api.http.get(f"/photos/{bobs_photo}/likes").json_body["items"]
    assert likers == []
    comments = comments_page(api, bobs_photo).json_body["items"]
    assert [comment["id"] for comment in comments] == [made["bobs_own_comment"]]
    replies = replies_page(api, bobs_photo, made["bobs_own_comment"]).json_body["items"]
    assert replies == []
    assert api.http.get("/users/bob/followers").json_body["items"] == []
    assert api.http.get("/users/carol/following").json_body["items"] == []
    assert api.http.get("/users?prefix=ali").json_body["items"] == []
    suggested = api.http.get("/users/suggestions", headers=auth(tokens["carol"])).json_body
    assert "alice" not in [person["username"] for person in suggested["items"]]
    assert "alice" not in [actor for _, actor, _, _ in told(api, bob)]


def test_given_alice_deleted_her_account_when_bob_follows_her_then_404_like_an_unknown_user(
    api, tokens
):
    assert api.http.get("/me", headers=auth(tokens["bob"])).status_code == 200
    assert api.http.get("/me", headers=auth(tokens["alice"])).status_code == 200
    assert delete_account(api, tokens["alice"]).status_code == 202

    response = api.http.put("/users/alice/follow", headers=auth(tokens["bob"]))

    assert response.status_code == 404
    assert profile_counts("bob")["followingCount"] == 0


def test_given_alice_deleted_her_account_when_her_old_token_writes_then_401_and_nothing_lands(
    api, tokens
):
    bob = tokens["bob"]
    assert api.http.get("/me", headers=auth(bob)).status_code == 200
    bobs_photo = ready_photo(api, bob)
    alice = tokens["alice"]
    assert api.http.get("/me", headers=auth(alice)).status_code == 200
    assert delete_account(api, alice).status_code == 202

    attempts = [
        api.http.put(f"/photos/{bobs_photo}/like", headers=auth(alice)),
        api.http.delete(f"/photos/{bobs_photo}/like", headers=auth(alice)),
        api.http.post(
            f"/photos/{bobs_photo}/comments", headers=auth(alice), body='{"text": "late"}'
        ),
        api.http.put("/users/bob/follow", headers=auth(alice)),
        api.http.delete("/users/bob/follow", headers=auth(alice)),
        api.http.post(
            "/photos",
            headers=auth(alice),
            body='{"contentType": "image/jpeg", "size": 10, "caption": ""}',
        ),
        api.http.patch("/me/profile", headers=auth(alice), body='{"displayName": "Late"}'),
        api.http.post(
            "/me/avatar", headers=auth(alice), body='{"contentType": "image/jpeg", "size": 10}'
        ),
        api.http.delete("/me/avatar", headers=auth(alice)),
        api.http.get("/me", headers=auth(alice)),
    ]

    assert [response.status_code for response in attempts] == [401] * len(attempts)
    assert {response.json_body["Message"] for response in attempts} == {
        "This account has been deleted."
    }
    assert photo_counts(bobs_photo) == {"likeCount": 0, "commentCount": 0}
    assert profile_counts("bob")["followerCount"] == 0


def test_given_a_full_life_when_the_stream_has_run_then_nothing_names_alice_and_counts_are_exact(
    api, tokens, settle_stream, many_photos_allowed
):
    made = lived_a_little(api, tokens)
    settle_stream()
    assert delete_account(api, tokens["alice"]).status_code == 202

    settle_stream()

    assert items_naming("alice") == []
    assert photo_counts(made["bobs_photo"]) == {"likeCount": 0, "commentCount": 1}
    assert profile_counts("bob") == {"followerCount": 0, "followingCount": 0}
    assert profile_counts("carol") == {"followerCount": 0, "followingCount": 0}
    assert told(api, tokens["bob"]) == []
    assert told(api, tokens["carol"]) == []
    home = api.http.get("/feed/home", headers=auth(tokens["bob"])).json_body["items"]
    assert [photo["id"] for photo in home] == [made["bobs_photo"]]
    replies = replies_page(api, made["bobs_photo"], made["bobs_own_comment"]).json_body
    assert replies["items"] == []
    assert api.http.get(f"/photos/{made['alices_photo']}").status_code == 404


def test_given_an_erased_account_when_its_old_token_comes_back_then_401_and_no_profile_returns(
    api, tokens, settle_stream
):
    assert api.http.get("/me", headers=auth(tokens["alice"])).status_code == 200
    assert delete_account(api, tokens["alice"]).status_code == 202
    settle_stream()

    again = api.http.get("/me", headers=auth(tokens["alice"]))
    late_photo = api.http.post(
        "/photos",
        headers=auth(tokens["alice"]),
        body='{"contentType": "image/jpeg", "size": 10, "caption": ""}',
    )

    assert (again.status_code, late_photo.status_code) == (401, 401)
    assert delete_account(api, tokens["alice"]).status_code == 202
    assert items_naming("alice") == []


def test_given_comments_answered_by_others_when_alice_is_erased_then_their_replies_go_too(
    api, tokens, settle_stream
):
    for token in tokens.values():
        assert api.http.get("/me", headers=auth(token)).status_code == 200
    bobs_photo = ready_photo(api, tokens["bob"])
    alices = commented(api, tokens["alice"], bobs_photo, "First")["id"]
    commented(api, tokens["carol"], bobs_photo, "Second", reply_to=alices)
    settle_stream()

    assert delete_account(api, tokens["alice"]).status_code == 202
    settle_stream()

    assert photo_counts(bobs_photo)["commentCount"] == 0
    assert items_naming("alice") == []
    assert user_id("alice") not in str(comments_page(api, bobs_photo).json_body)


def test_given_a_profile_picture_and_photos_when_erased_then_no_file_of_hers_is_left(
    api, tokens, settle_stream, many_photos_allowed
):
    assert api.http.get("/me", headers=auth(tokens["alice"])).status_code == 200
    avatar_made(api, tokens["alice"], user_id("alice"))
    photo = ready_photo(api, tokens["alice"])
    settle_stream()
    assert keys_in("cloudgram-media", f"media/avatars/{user_id('alice')}/")
    assert keys_in("cloudgram-media", f"media/{photo}/")

    assert delete_account(api, tokens["alice"]).status_code == 202
    settle_stream()

    assert keys_in("cloudgram-media", f"media/avatars/{user_id('alice')}/") == []
    assert keys_in("cloudgram-media", f"media/{photo}/") == []
    assert items_naming("alice") == []


def test_given_data_exports_when_erased_then_their_items_and_archives_are_gone(
    api, tokens, settle_stream, monkeypatch
):
    from chalicelib.shared import aws_clients, table_keys
    from chalicelib.shared import settings as api_settings

    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="cloudgram-test-exports")
    monkeypatch.setenv("EXPORTS_BUCKET", "cloudgram-test-exports")
    api_settings.load_settings.cache_clear()
    assert api.http.get("/me", headers=auth(tokens["alice"])).status_code == 200
    export_id = "01JEXPORT0000000000000000A"
    aws_clients.dynamodb_table().put_item(
        Item={**table_keys.export_key(user_id("alice"), export_id), "status": "READY"}
    )
    archive = f"exports/{user_id('alice')}/{export_id}.zip"
    s3.put_object(Bucket="cloudgram-test-exports", Key=archive, Body=b"zip")
    s3.put_object(Bucket="cloudgram-test-exports", Key="exports/someone-else/x.zip", Body=b"zip")

    assert delete_account(api, tokens["alice"]).status_code == 202
    settle_stream()

    assert keys_in("cloudgram-test-exports", "exports/") == ["exports/someone-else/x.zip"]
    assert items_naming("alice") == []
