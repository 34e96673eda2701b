"""Finding people over HTTP on the local stack: search by a name's start, display names and bios
set with PATCH /me/profile, and suggestions of whom to follow, through the gateway's real token
checks and the user pool's Post Confirmation trigger as the local Cognito runs it."""

import uuid


def found(client, prefix: str, token: str | None = None) -> list[dict]:
    response = client.api("GET", "/users", token, params={"prefix": prefix})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_given_someone_who_only_confirmed_their_account_then_another_account_finds_them(
    client, user
):
    # Given a friend who has signed up and confirmed, and never called the API
    friend = client.sign_up_and_in_to_cognito()

    # When someone else searches for the start of their name, in other capitals
    people = found(client, friend.username[:-2].upper(), user.id_token)

    # Then the name item made at confirmation finds them, and they can be followed from there
    assert [(person["username"], person["followedByMe"]) for person in people] == [
        (friend.username, False)
    ]
    follow = client.api("PUT", f"/users/{friend.username}/follow", user.id_token)
    assert follow.status_code == 200, follow.text
    assert found(client, friend.username, user.id_token)[0]["followedByMe"] is True


def test_given_a_display_name_and_bio_then_search_and_the_profile_show_them(client, user):
    # Given a display name with accents, and a bio
    surname = uuid.uuid4().hex[:8]
    edit = {"displayName": f"  Zoë Ñandú {surname} ", "bio": "Fotos de Lisboa"}

    # When the person sets them
    response = client.api("PATCH", "/me/profile", user.id_token, json=edit)

    # Then the profile shows them trimmed, and anyone finds them without the accents
    assert response.status_code == 200, response.text
    assert response.json()["displayName"] == f"Zoë Ñandú {surname}"
    profile = client.api("GET", f"/users/{user.username}").json()
    assert (profile["displayName"], profile["bio"]) == (f"Zoë Ñandú {surname}", "Fotos de Lisboa")
    people = found(client, f"zoe nandu {surname}")
    assert people == [
        {"id": profile["id"], "username": user.username, "displayName": f"Zoë Ñandú {surname}"}
    ]


def test_given_text_on_two_lines_then_400_says_what_to_change(client, user):
    response = client.api("PATCH", "/me/profile", user.id_token, json={"bio": "one\ntwo"})

    assert response.status_code == 400
    assert "one line" in response.json()["Message"]


def test_given_a_friend_who_follows_someone_then_that_someone_is_suggested(client):
    # Given ana follows bia, and bia follows caio
    ana, bia, caio = (client.sign_up_and_in() for _ in range(3))
    for follower, followee in ((ana, bia), (bia, caio)):
        followed = client.api("PUT", f"/users/{followee.username}/follow", follower.id_token)
        assert followed.status_code == 200, followed.text

    # When ana asks whom to follow
    response = client.api("GET", "/users/suggestions", ana.id_token)

    # Then caio comes first, because of bia; never ana herself or bia, whom she follows
    assert response.status_code == 200, response.text
    people = response.json()["items"]
    assert (people[0]["username"], people[0]["reason"]) == (
        caio.username,
        f"Followed by {bia.username}",
    )
    assert {ana.username, bia.username}.isdisjoint(person["username"] for person in people)
    assert len(people) <= 10
