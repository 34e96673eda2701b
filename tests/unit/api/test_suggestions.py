"""GET /users/suggestions: people to follow, each with its reason, in a fixed number of DynamoDB
requests: those followed by the people you follow first, then people sharing photos lately;
never yourself or anyone you follow; at most ten."""

import json

from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth, ready_photo, user_id


def joined(api, make_token, *usernames) -> dict:
    tokens = {name: make_token(name) for name in usernames}
    for token in tokens.values():
        assert api.http.get("/me", headers=auth(token)).status_code == 200
    return tokens


def follow(api, token, username) -> None:
    assert api.http.put(f"/users/{username}/follow", headers=auth(token)).status_code == 200


def suggested(api, token) -> list[tuple[str, str]]:
    response = api.http.get("/users/suggestions", headers=auth(token))
    assert response.status_code == 200, response.json_body
    return [(person["username"], person["reason"]) for person in response.json_body["items"]]


def test_given_someone_new_with_nobody_around_then_no_suggestions(api, make_token):
    tokens = joined(api, make_token, "ana")

    assert suggested(api, tokens["ana"]) == []


def test_given_friends_who_follow_others_then_those_come_first_most_followed_first(api, make_token):
    tokens = joined(api, make_token, "ana", "bia", "caio", "dora", "eva")
    follow(api, tokens["ana"], "bia")
    follow(api, tokens["ana"], "caio")
    follow(api, tokens["bia"], "dora")
    follow(api, tokens["bia"], "eva")
    follow(api, tokens["caio"], "eva")
    follow(api, tokens["caio"], "ana")  # the asker: never suggested

    found = suggested(api, tokens["ana"])

    assert [name for name, _ in found] == ["eva", "dora"]  # eva: followed by both
    assert found[0][1] in {"Followed by bia", "Followed by caio"}
    assert found[1][1] == "Followed by bia"


def test_given_recent_posters_then_new_accounts_are_introduced_as_new(api, make_token):
    tokens = joined(api, make_token, "ana", "bia", "caio")
    ready_photo(api, tokens["bia"])
    ready_photo(api, tokens["caio"])
    aws_clients.dynamodb_table().update_item(
        Key=table_keys.profile_key(user_id("caio")),
        UpdateExpression="SET joinedAt = :long_ago",
        ExpressionAttributeValues={":long_ago": "2025-01-01T00:00:00.000Z"},
    )

    assert suggested(api, tokens["ana"]) == [
        ("caio", "Recently shared"),
        ("bia", "New on CloudGram"),
    ]


def test_given_people_i_follow_already_then_none_of_them_and_never_myself(api, make_token):
    tokens = joined(api, make_token, "ana", "bia", "caio")
    ready_photo(api, tokens["ana"])
    ready_photo(api, tokens["bia"])
    ready_photo(api, tokens["caio"])
    follow(api, tokens["ana"], "bia")

    assert [name for name, _ in suggested(api, tokens["ana"])] == ["caio"]


def test_given_someone_followed_beyond_the_first_page_of_edges_then_still_not_suggested(
    api, make_token, monkeypatch
):
    from chalicelib.feeds import suggestions

    monkeypatch.setattr(suggestions, "FOLLOWS_READ", 1)
    tokens = joined(api, make_token, "ana", "bia", "caio")
    follow(api, tokens["ana"], "bia")
    follow(api, tokens["ana"], "caio")
    ready_photo(api, tokens["bia"])
    ready_photo(api, tokens["caio"])

    assert suggested(api, tokens["ana"]) == []


def test_given_looks_then_each_suggestion_shows_them_and_no_follow_state(api, make_token):
    tokens = joined(api, make_token, "ana", "bia")
    body = json.dumps({"displayName": "Bia Souza"})
    api.http.patch("/me/profile", headers=auth(tokens["bia"]), body=body)
    ready_photo(api, tokens["bia"])

    (person,) = api.http.get("/users/suggestions", headers=auth(tokens["ana"])).json_body["items"]

    assert person == {
        "id": user_id("bia"),
        "username": "bia",
        "displayName": "Bia Souza",
        "reason": "New on CloudGram",
    }


def test_given_many_candidates_then_at_most_ten_in_a_fixed_number_of_requests(
    api, make_token, dynamodb_requests, many_photos_allowed
):
    names = [f"friend{number}" for number in range(4)] + [f"poster{n:02d}" for n in range(12)]
    tokens = joined(api, make_token, "ana", *names)
    for friend in names[:4]:
        follow(api, tokens["ana"], friend)
        for poster in names[4:]:
            follow(api, tokens[friend], poster)
    for poster in names[4:]:
        ready_photo(api, tokens[poster])
    dynamodb_requests.clear()

    found = suggested(api, tokens["ana"])

    assert len(found) == 10
    assert all(reason.startswith("Followed by friend") for _, reason in found)
    # Your follows, three friends' follows, one feed shard, and the profiles with your edges.
    assert dynamodb_requests == {"Query": 5, "BatchGetItem": 1}


def test_given_no_token_then_401(api):
    assert api.http.get("/users/suggestions").status_code == 401
