"""Who may call what: every route of the API, called with no token, as another person, and as
the owner of what it names, over HTTP on the local stack (so through the gateway's real token
checks). One table holds the expected answers; a test holds the table to app.py's routes, so a
new route cannot be left out.

What each route names belongs to Alice, "the owner": her profile, a photo of hers, READY (or,
for GET /photos/{photo_id}, still PENDING, which only she may see; who liked a photo is also
asked of a PENDING and a deleted one), and her comment on it. A photo's page, /p/{photo_id}, is
the same for everyone: it is made as a signed-out visitor sees the photo.

"Another user" is never someone whose name reads as hers: the user pool refuses to make an
account under her name in other capitals, or under a look-alike of it (the last test).
"""

from urllib.parse import quote

import pytest

from app import app
from tests.support.images import phone_photo

CALLERS = ("no token", "another user", "the owner")

# (method, route) -> the status for each caller, in CALLERS' order.
EXPECTED = {
    ("GET", "/me"): (401, 200, 200),
    # Each signed-in caller deletes an account of its own, made for the case (see below).
    ("DELETE", "/me"): (401, 202, 202),
    ("PATCH", "/me/profile"): (401, 200, 200),
    ("POST", "/me/avatar"): (401, 201, 201),
    ("DELETE", "/me/avatar"): (401, 204, 204),
    ("POST", "/photos"): (401, 201, 201),
    ("GET", "/photos/{photo_id}"): (404, 404, 200),
    ("PATCH", "/photos/{photo_id}"): (401, 403, 200),
    ("DELETE", "/photos/{photo_id}"): (401, 403, 204),
    ("PUT", "/photos/{photo_id}/like"): (401, 200, 200),
    ("DELETE", "/photos/{photo_id}/like"): (401, 200, 200),
    ("GET", "/photos/{photo_id}/likes"): (200, 200, 200),
    ("POST", "/photos/{photo_id}/comments"): (401, 201, 201),
    ("GET", "/photos/{photo_id}/comments"): (200, 200, 200),
    ("GET", "/photos/{photo_id}/comments/{comment_id}/replies"): (200, 200, 200),
    ("DELETE", "/photos/{photo_id}/comments/{comment_id}"): (401, 403, 204),
    ("GET", "/feed"): (200, 200, 200),
    ("GET", "/feed/home"): (401, 200, 200),
    ("GET", "/users"): (200, 200, 200),
    ("GET", "/users/suggestions"): (401, 200, 200),
    ("GET", "/users/{username}"): (200, 200, 200),
    ("GET", "/users/{username}/photos"): (200, 200, 200),
    ("PUT", "/users/{username}/follow"): (401, 200, 400),
    ("DELETE", "/users/{username}/follow"): (401, 200, 400),
    ("GET", "/users/{username}/followers"): (200, 200, 200),
    ("GET", "/users/{username}/following"): (200, 200, 200),
    ("GET", "/notifications"): (401, 200, 200),
    ("POST", "/notifications/read"): (401, 200, 200),
    ("GET", "/p/{photo_id}"): (200, 200, 200),
    ("GET", "/openapi.json"): (200, 200, 200),
    # An export is its owner's alone: another person's id names no export of theirs.
    ("POST", "/me/export"): (401, 202, 202),
    ("GET", "/me/exports"): (401, 200, 200),
    ("GET", "/me/exports/{export_id}"): (401, 404, 200),
}
BODIES = {
    ("POST", "/me/avatar"): {"contentType": "image/png", "size": 10},
    ("POST", "/photos"): {"contentType": "image/jpeg", "size": 10},
    ("PATCH", "/photos/{photo_id}"): {"caption": "changed"},
    ("POST", "/photos/{photo_id}/comments"): {"text": "Nice"},
    ("PATCH", "/me/profile"): {"bio": "Changed"},
}
QUERIES = {("GET", "/users"): "?prefix=a"}
CASES = [
    (method, route, caller, statuses[CALLERS.index(caller)])
    for (method, route), statuses in EXPECTED.items()
    for caller in CALLERS
]


@pytest.fixture(scope="module")
def people(client):
    return {"the owner": client.sign_up_and_in(), "another user": client.sign_up_and_in()}


def test_given_the_table_then_it_covers_every_route_of_the_app_exactly():
    routed = {(method, path) for path, methods in app.routes.items() for method in methods}

    assert set(EXPECTED) == routed


@pytest.mark.parametrize(
    ("method", "route", "caller", "expected"),
    CASES,
    ids=[f"{method} {route} as {caller}" for method, route, caller, _ in CASES],
)
def test_given_a_route_and_a_caller_then_the_answer_is_the_expected_one(
    client, people, method, route, caller, expected
):
    owner = people["the owner"]
    if (method, route) == ("GET", "/photos/{photo_id}"):
        photo_id = client.request_upload(owner, phone_photo(32, 24))["photo"]["id"]  # PENDING
    elif "{photo_id}" in route:
        photo_id = client.upload_photo(owner, phone_photo(32, 24))["id"]  # READY, fresh each time
    else:
        photo_id = None
    comment_id = None
    if "{comment_id}" in route:
        said = client.api(
            "POST", f"/photos/{photo_id}/comments", owner.id_token, json={"text": "Mine"}
        )
        comment_id = said.json()["id"]
    export_id = None
    if "{export_id}" in route:
        export_id = client.api("POST", "/me/export", owner.id_token).json()["id"]
    path = route.format(
        photo_id=photo_id, username=owner.username, comment_id=comment_id, export_id=export_id
    )
    path += QUERIES.get((method, route), "")
    token = people[caller].id_token if caller in people else None
    if (method, route) == ("DELETE", "/me") and token is not None:
        # Deleting the module's people would leave the other cases without them: a throwaway
        # account, signed in just now (so recently enough to delete itself), stands in.
        token = client.sign_up_and_in().id_token

    response = client.api(method, path, token, json=BODIES.get((method, route)))

    assert response.status_code == expected, response.text
    if response.status_code >= 400:
        assert set(response.json()) == {"Code", "Message"}


def test_given_a_picture_on_its_way_then_only_its_owner_is_told_of_it(client, people):
    owner = people["the owner"]
    chosen = {"contentType": "image/png", "size": 10}
    assert client.api("POST", "/me/avatar", owner.id_token, json=chosen).status_code == 201

    tokens = {caller: people[caller].id_token if caller in people else None for caller in CALLERS}
    seen = {
        caller: client.api("GET", f"/users/{owner.username}", token).json()
        for caller, token in tokens.items()
    }

    assert seen["the owner"]["avatarUpload"]["status"] == "PENDING"
    assert "avatarUpload" not in seen["another user"]
    assert "avatarUpload" not in seen["no token"]


# Who liked a photo is as visible as the photo: for each of its states, the status for each
# caller, in CALLERS' order. A deleted photo is gone for everyone, its owner included, even
# while the stream has not yet removed its likes.
LIKERS_BY_PHOTO_STATE = {
    "READY": (200, 200, 200),
    "PENDING": (404, 404, 200),
    "deleted": (404, 404, 404),
}
LIKERS_CASES = [
    (state, caller, statuses[CALLERS.index(caller)])
    for state, statuses in LIKERS_BY_PHOTO_STATE.items()
    for caller in CALLERS
]


@pytest.fixture(scope="module")
def photos_in_each_state(client, people):
    owner, other = people["the owner"], people["another user"]
    ready = client.upload_photo(owner, phone_photo(32, 24))["id"]
    deleted = client.upload_photo(owner, phone_photo(32, 24))["id"]
    for photo_id in (ready, deleted):
        assert client.api("PUT", f"/photos/{photo_id}/like", other.id_token).status_code == 200
    assert client.api("DELETE", f"/photos/{deleted}", owner.id_token).status_code == 204
    pending = client.request_upload(owner, phone_photo(32, 24))["photo"]["id"]
    return {"READY": ready, "PENDING": pending, "deleted": deleted}


@pytest.mark.parametrize(
    ("state", "caller", "expected"),
    LIKERS_CASES,
    ids=[f"likers of a {state} photo as {caller}" for state, caller, _ in LIKERS_CASES],
)
def test_given_a_photo_in_each_state_when_its_likers_are_asked_then_as_visible_as_the_photo(
    client, people, photos_in_each_state, state, caller, expected
):
    token = people[caller].id_token if caller in people else None

    response = client.api("GET", f"/photos/{photos_in_each_state[state]}/likes", token)

    assert response.status_code == expected, response.text
    if expected == 200 and state == "READY":
        assert [person["username"] for person in response.json()["items"]] == [
            people["another user"].username
        ]


# Ways to write a name that reads as the owner's, and how Cognito refuses each.
LOOK_ALIKES = {
    "in capitals": (str.upper, "UsernameExistsException"),
    "with a fullwidth first letter": (
        lambda name: chr(ord(name[0]) + 0xFEE0) + name[1:],
        "UserLambdaValidationException",
    ),
    "with a trailing space": (lambda name: name + " ", "UserLambdaValidationException"),
}


@pytest.mark.parametrize(("spell", "refusal"), LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_given_the_owner_when_someone_signs_up_under_her_name_spelt_otherwise_then_refused(
    client, people, spell, refusal
):
    owner = people["the owner"]
    look_alike = spell(owner.username)

    signed_up = client.cognito(
        "SignUp",
        {
            "ClientId": client.config["cognito"]["clientId"],
            "Username": look_alike,
            "Password": "Correct-Horse-42",
            "UserAttributes": [{"Name": "email", "Value": "impostor@example.com"}],
        },
    )

    assert signed_up.status_code == 400
    assert signed_up.json()["__type"] == refusal
    # So the name, in an address, names the owner or no one.
    profile = client.api("GET", f"/users/{quote(look_alike)}")
    assert profile.status_code in (200, 400, 404)
    if profile.status_code == 200:
        assert profile.json()["username"] == owner.username


def test_given_a_deleted_owners_name_taken_by_a_new_account_then_it_owns_none_of_her_photos(
    client, local_aws
):
    # Given an owner with a READY and a PENDING photo, whose account is then deleted in Cognito
    first = client.sign_up_and_in()
    shared = client.upload_photo(first, phone_photo(32, 24))["id"]
    waiting = client.request_upload(first, phone_photo(32, 24))["photo"]["id"]
    local_aws("cognito-idp").admin_delete_user(
        UserPoolId=client.config["cognito"]["userPoolId"], Username=first.username
    )

    # When someone signs up under the same name
    second = client.sign_up_and_in_to_cognito(first.username)

    # Then ownership goes by user id: the name brings none of her photos with it
    assert client.api("GET", f"/photos/{waiting}", second.id_token).status_code == 404
    edited = client.api("PATCH", f"/photos/{shared}", second.id_token, json={"caption": "mine"})
    assert edited.status_code == 403
    assert client.api("DELETE", f"/photos/{shared}", second.id_token).status_code == 403
    listed = client.api("GET", f"/users/{first.username}/photos", second.id_token).json()
    assert [photo["id"] for photo in listed["items"]] == [shared]
    # and the profile stays the first account's: the new one is told the name is taken
    me = client.api("GET", "/me", second.id_token)
    assert me.status_code == 409
    assert "Another account already uses this username" in me.json()["Message"]
