"""PUT and DELETE /users/{username}/follow and the follower lists: idempotent, both edges and both
counts in one transaction, yourself refused, lists paged."""

import pytest

from chalicelib.edge import page_cursor
from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth, user_id


def signed_in(api, make_token, *usernames) -> dict:
    """Tokens for people who have used the page once (so they have profiles)."""
    tokens = {}
    for username in usernames:
        tokens[username] = make_token(username)
        api.http.get("/me", headers=auth(tokens[username]))
    return tokens


def follow(api, token, username, method="PUT"):
    return getattr(api.http, method.lower())(f"/users/{username}/follow", headers=auth(token))


def test_given_a_follow_sent_twice_then_one_edge_each_way_and_counts_of_one(api, make_token):
    tokens = signed_in(api, make_token, "alice", "bob")

    first = follow(api, tokens["alice"], "bob")
    second = follow(api, tokens["alice"], "bob")

    assert first.status_code == second.status_code == 200
    assert first.json_body == second.json_body == {"followerCount": 1, "followedByMe": True}
    table = aws_clients.dynamodb_table()
    edge = table.get_item(Key=table_keys.follow_key(user_id("alice"), user_id("bob")))["Item"]
    mirror = table.get_item(Key=table_keys.follower_key(user_id("bob"), user_id("alice")))["Item"]
    assert (edge["followerUsername"], edge["followeeUsername"]) == ("alice", "bob")
    assert (mirror["followerUsername"], mirror["followeeUsername"]) == ("alice", "bob")
    bob = api.http.get("/users/bob", headers=auth(tokens["alice"])).json_body
    alice = api.http.get("/users/alice", headers=auth(tokens["bob"])).json_body
    assert (bob["followerCount"], bob["followingCount"], bob["followedByMe"]) == (1, 0, True)
    assert (alice["followerCount"], alice["followingCount"], alice["followedByMe"]) == (0, 1, False)


def test_given_an_unfollow_sent_twice_then_both_edges_go_and_the_counts_return_to_zero(
    api, make_token
):
    tokens = signed_in(api, make_token, "alice", "bob")
    follow(api, tokens["alice"], "bob")

    first = follow(api, tokens["alice"], "bob", method="DELETE")
    second = follow(api, tokens["alice"], "bob", method="DELETE")

    assert first.json_body == second.json_body == {"followerCount": 0, "followedByMe": False}
    table = aws_clients.dynamodb_table()
    assert "Item" not in table.get_item(Key=table_keys.follow_key(user_id("alice"), user_id("bob")))
    profile = api.http.get("/users/alice").json_body
    assert profile["followingCount"] == 0
    assert "followedByMe" not in profile  # nobody signed in to ask about


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
@pytest.mark.parametrize("spelling", ["alice", "ALICE"])
def test_given_myself_when_i_follow_then_400_says_why(api, make_token, method, spelling):
    tokens = signed_in(api, make_token, "alice")

    response = follow(api, tokens["alice"], spelling, method=method)

    assert response.status_code == 400
    assert "cannot follow yourself" in response.json_body["Message"]


def test_given_an_account_whose_name_lowercases_like_mine_then_it_is_not_taken_for_me(
    api, make_token
):
    signed_in(api, make_token, "karl")
    kelvin = make_token("\u212aarl", sub=user_id("kelvin"))  # the Kelvin sign lower-cases to "k"

    response = follow(api, kelvin, "karl")

    # Not "you cannot follow yourself": the name is karl's, so this account cannot have it.
    assert response.status_code == 409
    assert "Another account already uses this username" in response.json_body["Message"]
    assert api.http.get("/users/karl").json_body["followerCount"] == 0


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_given_an_unknown_user_when_followed_then_404(api, make_token, method):
    tokens = signed_in(api, make_token, "alice")

    assert follow(api, tokens["alice"], "nobody", method=method).status_code == 404


def test_given_a_follower_without_a_profile_yet_when_they_follow_then_it_is_made_first(
    api, make_token
):
    signed_in(api, make_token, "bob")

    response = follow(api, make_token("newcomer"), "bob")

    assert response.json_body == {"followerCount": 1, "followedByMe": True}
    assert api.http.get("/users/newcomer").json_body["followingCount"] == 1


def test_given_followers_then_both_lists_page_through_each_person_once(api, make_token):
    fans = [f"fan{number}" for number in range(5)]
    tokens = signed_in(api, make_token, "star", *fans)
    for fan in fans:
        follow(api, tokens[fan], "star")
    follow(api, tokens["star"], "fan0")

    def every_page(path):
        names, cursor = [], None
        for _ in range(10):
            query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
            page = api.http.get(f"{path}{query}").json_body
            names += [person["username"] for person in page["items"]]
            cursor = page["nextCursor"]
            if cursor is None:
                return names
        raise AssertionError("the list never ended")

    assert sorted(every_page("/users/star/followers")) == fans
    assert every_page("/users/star/following") == ["fan0"]
    assert every_page("/users/fan1/following") == ["star"]
    assert every_page("/users/fan1/followers") == []


@pytest.mark.parametrize("path", ["/users/nobody/followers", "/users/nobody/following"])
def test_given_an_unknown_user_then_their_lists_are_404(api, path):
    assert api.http.get(path).status_code == 404


def test_given_a_photo_feed_cursor_on_a_follower_list_then_400(api, make_token):
    signed_in(api, make_token, "star")
    feed_cursor = page_cursor.encode("2026-01-01T00:00:00.000Z#01JCNY0000000000000000000Z")

    response = api.http.get(f"/users/star/followers?cursor={feed_cursor}")

    assert response.status_code == 400


def test_given_a_profile_when_signed_in_then_it_costs_two_requests(
    api, make_token, dynamodb_requests
):
    tokens = signed_in(api, make_token, "alice", "bob")
    follow(api, tokens["alice"], "bob")
    dynamodb_requests.clear()

    api.http.get("/users/bob", headers=auth(tokens["alice"]))

    assert dynamodb_requests == {"GetItem": 1, "BatchGetItem": 1}


def test_given_a_signed_in_viewer_then_each_person_listed_says_if_they_follow_them(
    api, make_token, dynamodb_requests
):
    # Given a star with three fans, and a viewer who follows one of the fans
    tokens = signed_in(api, make_token, "star", "fan1", "fan2", "fan3", "viewer")
    for fan in ("fan1", "fan2", "fan3"):
        follow(api, tokens[fan], "star")
    follow(api, tokens["viewer"], "fan2")
    dynamodb_requests.clear()

    # When the viewer, then someone signed out, open the star's followers
    as_viewer = api.http.get("/users/star/followers", headers=auth(tokens["viewer"])).json_body
    requests_for_viewer = dict(dynamodb_requests)
    signed_out = api.http.get("/users/star/followers").json_body

    # Then the viewer learns whom they follow, in one BatchGetItem for the page, and a visitor
    # signed out gets names only
    assert {p["username"]: p["followedByMe"] for p in as_viewer["items"]} == {
        "fan1": False,
        "fan2": True,
        "fan3": False,
    }
    assert requests_for_viewer == {"GetItem": 1, "Query": 1, "BatchGetItem": 1}
    assert all("followedByMe" not in person for person in signed_out["items"])


def test_given_an_empty_list_then_no_batch_is_asked_for(api, make_token, dynamodb_requests):
    tokens = signed_in(api, make_token, "loner")
    dynamodb_requests.clear()

    page = api.http.get("/users/loner/followers", headers=auth(tokens["loner"])).json_body

    assert page == {"items": [], "nextCursor": None}
    assert "BatchGetItem" not in dynamodb_requests
