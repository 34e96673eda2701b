"""Deleting an account over HTTP on the local stack: with a fresh sign-in, DELETE /me answers
202, the account can no longer sign in, its old token writes nothing, and within seconds the
local stream function has removed everything that named it, leaving the other person's counts,
feed and profile right."""

import json

import pytest

from tests.support.browser_like_client import PASSWORD
from tests.support.images import phone_photo
from tests.support.waiting import eventually

SETTLE_SECONDS = 60.0


def _ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json() if response.text else None


def _naming(table, needles: tuple[str, ...]) -> list[dict]:
    """Every item of the whole table that holds one of `needles` (any case), words of people's
    texts that mention "@name" aside."""
    found, scan = [], {"ConsistentRead": True}
    while True:
        response = table.scan(**scan)
        for item in response["Items"]:
            text = json.dumps(item, default=str).lower()
            for needle in needles:
                text = text.replace(f"@{needle}", "")
            if any(needle in text for needle in needles):
                found.append(item)
        if "LastEvaluatedKey" not in response:
            return found
        scan["ExclusiveStartKey"] = response["LastEvaluatedKey"]


@pytest.fixture
def alice_lived_a_little(client):
    """alice (who will leave) and bob: a photo each; each likes the other's; alice comments on
    bob's photo and bob answers her; they follow each other."""
    alice, bob = client.sign_up_and_in(), client.sign_up_and_in()
    alices_photo = client.upload_photo(alice, phone_photo(32, 24))["id"]
    bobs_photo = client.upload_photo(bob, phone_photo(32, 24))["id"]
    _ok(client.api("PUT", f"/photos/{alices_photo}/like", bob.id_token))
    _ok(client.api("PUT", f"/photos/{bobs_photo}/like", alice.id_token))
    said = {"text": f"Great light @{bob.username}"}
    comment = _ok(
        client.api("POST", f"/photos/{bobs_photo}/comments", alice.id_token, json=said), 201
    )
    answer = {"text": "Thanks", "replyTo": comment["id"]}
    _ok(client.api("POST", f"/photos/{bobs_photo}/comments", bob.id_token, json=answer), 201)
    _ok(client.api("PUT", f"/users/{bob.username}/follow", alice.id_token))
    _ok(client.api("PUT", f"/users/{alice.username}/follow", bob.id_token))
    alice_id = _ok(client.api("GET", "/me", alice.id_token))["id"]
    return alice, alice_id, bob, bobs_photo


def test_given_a_fresh_sign_in_when_alice_deletes_her_account_then_nothing_of_her_is_left(
    client, table, alice_lived_a_little
):
    alice, alice_id, bob, bobs_photo = alice_lived_a_little
    assert eventually(lambda: client.api("GET", "/notifications", bob.id_token).json()["items"]), (
        "the stream never told bob of alice"
    )

    deleted = client.api("DELETE", "/me", alice.id_token)

    assert _ok(deleted, 202)["status"] == "ERASING"
    signed_in = client.cognito(
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client.config["cognito"]["clientId"],
            "AuthParameters": {"USERNAME": alice.username, "PASSWORD": PASSWORD},
        },
    )
    assert signed_in.status_code == 400
    assert signed_in.json()["__type"].endswith("NotAuthorizedException")
    late_like = client.api("PUT", f"/photos/{bobs_photo}/like", alice.id_token)
    assert late_like.status_code in (401, 403), late_like.text
    assert client.api("GET", f"/users/{alice.username}").status_code == 404

    def all_gone() -> bool:
        return not _naming(table, (alice_id, alice.username.lower()))

    assert eventually(all_gone, timeout=SETTLE_SECONDS), _naming(
        table, (alice_id, alice.username.lower())
    )
    photo = _ok(client.api("GET", f"/photos/{bobs_photo}", bob.id_token))
    assert (photo["likeCount"], photo["commentCount"]) == (0, 0)
    profile = _ok(client.api("GET", f"/users/{bob.username}", bob.id_token))
    assert (profile["followerCount"], profile["followingCount"]) == (0, 0)
    home = _ok(client.api("GET", "/feed/home", bob.id_token))["items"]
    assert [item["id"] for item in home] == [bobs_photo]
    assert _ok(client.api("GET", "/notifications", bob.id_token))["items"] == []


def test_given_a_garbled_token_when_deleting_then_401_and_the_account_stays(client):
    someone = client.sign_up_and_in()

    garbled = client.api("DELETE", "/me", someone.id_token + "x")

    assert garbled.status_code == 401
    assert client.api("GET", "/me", someone.id_token).status_code == 200
