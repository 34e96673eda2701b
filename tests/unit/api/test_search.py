"""GET /users?prefix=: people found by the start of their username or display name, in any case
and with or without accents, an exact username first and then alphabetically, each person once,
as they look now; one Query and one BatchGetItem however many accounts there are; odd input a
400 that says what to change, or nobody, and never a 500."""

import json
from urllib.parse import quote

import pytest

from chalicelib.shared import aws_clients, table_keys
from cognito_triggers import post_confirmation
from tests.support.api_steps import auth, user_id
from tests.support.cognito_events import post_confirmation_event


def joined(api, make_token, username: str, display_name: str | None = None) -> str:
    """`username` has used the page once, with a display name if given; their token."""
    token = make_token(username)
    assert api.http.get("/me", headers=auth(token)).status_code == 200
    if display_name is not None:
        body = json.dumps({"displayName": display_name})
        assert api.http.patch("/me/profile", headers=auth(token), body=body).status_code == 200
    return token


def search(api, prefix: str, token: str | None = None, limit: int | None = None):
    query = f"?prefix={quote(prefix)}" + (f"&limit={limit}" if limit else "")
    return api.http.get(f"/users{query}", headers=auth(token) if token else {})


def found(api, prefix: str, token: str | None = None, limit: int | None = None) -> list[str]:
    response = search(api, prefix, token, limit)
    assert response.status_code == 200, response.json_body
    return [person["username"] for person in response.json_body["items"]]


def test_given_usernames_then_a_prefix_finds_those_starting_so_alphabetically(api, make_token):
    for name in ("bruno", "anabela", "ana", "anton", "mariana"):
        joined(api, make_token, name)

    assert found(api, "an") == ["ana", "anabela", "anton"]
    assert found(api, "ana") == ["ana", "anabela"]
    assert found(api, "b") == ["bruno"]
    assert found(api, "z") == []


@pytest.mark.parametrize("typed", ["ana", "ANA", "Ána", "ánA", " ana ", "a.n-a"])
def test_given_a_display_name_with_accents_then_any_case_and_accent_finds_it(
    api, make_token, typed
):
    joined(api, make_token, "lima", "Ána Lima")

    assert found(api, typed) == ["lima"]


def test_given_accents_in_the_search_then_plain_letters_in_names_are_found(api, make_token):
    joined(api, make_token, "zoe")

    assert found(api, "Zoë") == ["zoe"]


def test_given_an_exact_username_then_it_comes_first_then_the_names_alphabetically(api, make_token):
    joined(api, make_token, "paula", "Ana Almeida")
    joined(api, make_token, "rita", "Ana")  # searched alike as the username "ana", and "r" > "a"
    joined(api, make_token, "a.na")  # searched alike too, but not the name typed
    joined(api, make_token, "ana")

    assert found(api, "ana") == ["ana", "a.na", "rita", "paula"]


def test_given_ties_on_the_name_then_the_username_decides(api, make_token):
    joined(api, make_token, "zeca", "Mar")
    joined(api, make_token, "beto", "Mar")

    assert found(api, "mar") == ["beto", "zeca"]


def test_given_a_person_whose_two_names_match_then_they_are_shown_once(api, make_token):
    joined(api, make_token, "anabela", "Ana Bela")

    assert found(api, "ana") == ["anabela"]


def test_given_results_then_each_shows_the_current_looks_and_whom_the_viewer_follows(
    api, make_token
):
    ana = joined(api, make_token, "ana", "Ana Lima")
    joined(api, make_token, "anton")
    api.http.put("/users/anton/follow", headers=auth(ana))

    anonymous = search(api, "an").json_body["items"]
    as_ana = search(api, "an", ana).json_body["items"]

    assert anonymous == [
        {"id": user_id("ana"), "username": "ana", "displayName": "Ana Lima"},
        {"id": user_id("anton"), "username": "anton"},
    ]
    assert [person["followedByMe"] for person in as_ana] == [False, True]


def test_given_a_display_name_changed_then_the_old_name_finds_nobody(api, make_token):
    ana = joined(api, make_token, "ana", "Beatriz")
    assert found(api, "bea") == ["ana"]

    api.http.patch("/me/profile", headers=auth(ana), body=json.dumps({"displayName": "Carla"}))

    assert found(api, "bea") == []
    assert found(api, "car") == ["ana"]
    assert search(api, "car").json_body["items"][0]["displayName"] == "Carla"


def test_given_many_matches_then_limit_caps_them_default_ten_at_most_twenty(api, make_token):
    for number in range(25):
        joined(api, make_token, f"sam{number:02d}", f"Sam {number:02d}")

    assert len(found(api, "sam")) == 10
    assert found(api, "sam", limit=3) == ["sam00", "sam01", "sam02"]
    assert len(found(api, "s", limit=20)) == 20


def test_given_any_number_of_accounts_then_one_query_and_one_batch_get(
    api, make_token, dynamodb_requests
):
    viewer = joined(api, make_token, "viewer")
    for number in range(30):
        joined(api, make_token, f"kim{number:02d}", f"Kim {number:02d}")
    dynamodb_requests.clear()

    assert len(found(api, "kim", viewer, limit=20)) == 20

    assert dynamodb_requests == {"Query": 1, "BatchGetItem": 1}


def test_given_a_prefix_that_searches_for_nothing_then_nobody_and_no_request(
    api, dynamodb_requests
):
    for prefix in ("   ", "🌸", "...", "\u0301"):
        assert found(api, prefix) == [], prefix

    assert dynamodb_requests == {}


def test_given_emoji_in_a_display_name_then_its_letters_still_find_it(api, make_token):
    joined(api, make_token, "flor", "🌸 Flor")

    assert found(api, "flor 🌸") == ["flor"]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("", "Say whom to look for"),
        ("?prefix=", "Say whom to look for"),
        ("?prefix=ana&limit=0", "limit must be a whole number from 1 to 20"),
        ("?prefix=ana&limit=21", "from 1 to 20"),
        ("?prefix=ana&limit=%C2%B2", "from 1 to 20"),
        ("?prefix=ana&page=2", "Unknown query parameter(s): page"),
        ("?prefix=a%00b", "control character"),
        ("?prefix=line%0Abreak", "control character"),
        (f"?prefix={'a' * 500}", "prefix is 500 characters long"),
    ],
)
def test_given_odd_input_then_400_says_what_to_change(api, query, words):
    response = api.http.get(f"/users{query}")

    assert response.status_code == 400
    assert words in response.json_body["Message"]


def test_given_bytes_that_are_no_text_then_never_a_500(api):
    for query in ("?prefix=%ED%A0%80", "?prefix=%FF%FE", "?prefix=%F0%9F"):
        response = api.http.get(f"/users{query}")

        assert response.status_code in (200, 400), query


def test_given_a_confirmed_account_then_its_name_item_is_the_one_search_reads(api, make_token):
    post_confirmation._table.cache_clear()
    post_confirmation.lambda_handler(post_confirmation_event("Joana", user_id("joana")), None)
    post_confirmation._table.cache_clear()

    assert found(api, "jo") == ["Joana"]
    item = aws_clients.dynamodb_table().get_item(Key=table_keys.name_key("Joana", user_id("joana")))
    assert item["Item"]["nameOf"] == "username"
