"""PATCH /me/profile: a display name and a bio, each one line of text within Instagram's limits,
trimmed, removed when empty; what cannot be taken is a 400 that says what to change; every edit
counts against the person's writes this minute; and search follows the display name at once."""

import json

import pytest

from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared import settings as api_settings
from tests.support.api_steps import auth, user_id
from tests.support.waiting import well_inside_a_minute


def edit(api, token, body) -> object:
    return api.http.patch("/me/profile", headers=auth(token), body=json.dumps(body))


def name_items(username: str) -> list[str]:
    """The sort keys of every name item of `username`'s account, whatever their partition."""
    table = aws_clients.dynamodb_table()
    items = table.scan()["Items"]  # a test may look at the whole table; the API never does
    return sorted(
        item["SK"]
        for item in items
        if item["PK"].startswith(table_keys.NAMES_PREFIX) and item["userId"] == user_id(username)
    )


def test_given_a_name_and_a_bio_then_the_profile_shows_them_as_everyone_reads_it(api, make_token):
    ana = make_token("ana")

    response = edit(api, ana, {"displayName": "  Ána Lima ", "bio": "Photos of\u00a0Lisbon  "})

    assert response.status_code == 200
    assert response.json_body["displayName"] == "Ána Lima"
    assert response.json_body["bio"] == "Photos of\u00a0Lisbon"
    read = api.http.get("/users/ana").json_body
    assert (read["displayName"], read["bio"]) == ("Ána Lima", "Photos of\u00a0Lisbon")
    assert response.json_body == api.http.get("/users/ana", headers=auth(ana)).json_body


def test_given_one_field_then_the_other_is_left_as_it_was(api, make_token):
    ana = make_token("ana")
    edit(api, ana, {"displayName": "Ana", "bio": "Lisbon"})

    response = edit(api, ana, {"bio": "Porto"})

    assert (response.json_body["displayName"], response.json_body["bio"]) == ("Ana", "Porto")


def test_given_empty_texts_then_both_fields_are_removed(api, make_token):
    ana = make_token("ana")
    edit(api, ana, {"displayName": "Ana Lima", "bio": "Lisbon"})

    response = edit(api, ana, {"displayName": "", "bio": "   "})

    assert response.status_code == 200
    assert "displayName" not in response.json_body and "bio" not in response.json_body
    assert name_items("ana") == [f"ana#{user_id('ana')}"]


def test_given_someone_never_seen_then_their_profile_is_made_first(api, make_token):
    response = edit(api, make_token("newcomer"), {"bio": "Hello"})

    assert response.status_code == 200
    assert response.json_body["username"] == "newcomer"
    assert response.json_body["photoCount"] == 0


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, "Send what to change"),
        ({"displayName": "Ana", "website": "x"}, "Unknown field(s): website"),
        ({"displayName": None}, "displayName must be text"),
        ({"bio": 7}, "bio must be text"),
        ({"displayName": "a" * 31}, "displayName is 31 characters long; at most 30"),
        ({"bio": "b" * 151}, "bio is 151 characters long; at most 150"),
        ({"bio": "two\nlines"}, "bio holds a control character"),
        ({"displayName": "tab\tbed"}, "write it on one line"),
        ({"displayName": "\x85"}, "displayName holds a control character"),
        ({"displayName": "\ud800"}, "half of a surrogate pair"),
        ([], "must be a JSON object"),
    ],
)
def test_given_text_that_cannot_be_taken_then_400_says_what_to_change(api, make_token, body, words):
    response = edit(api, make_token("ana"), body)

    assert response.status_code == 400
    assert words in response.json_body["Message"]


def test_given_the_limits_then_they_count_characters_not_bytes(api, make_token):
    thirty_emoji = "\U0001f600" * 30

    response = edit(api, make_token("ana"), {"displayName": thirty_emoji, "bio": "é" * 150})

    assert response.status_code == 200
    assert response.json_body["displayName"] == thirty_emoji


def test_given_a_new_display_name_then_its_name_item_replaces_the_old_one(api, make_token):
    ana = make_token("ana")
    edit(api, ana, {"displayName": "Beatriz"})
    assert name_items("ana") == [f"ana#{user_id('ana')}", f"beatriz#{user_id('ana')}"]

    edit(api, ana, {"displayName": "Carolina"})

    assert name_items("ana") == [f"ana#{user_id('ana')}", f"carolina#{user_id('ana')}"]


def test_given_a_display_name_that_reads_as_the_username_then_no_second_item(api, make_token):
    ana = make_token("ana")
    edit(api, ana, {"displayName": "Beatriz"})

    edit(api, ana, {"displayName": "ÁNA"})

    assert name_items("ana") == [f"ana#{user_id('ana')}"]


def test_given_a_display_name_spelt_anew_but_searched_alike_then_its_item_stays(api, make_token):
    ana = make_token("ana")
    edit(api, ana, {"displayName": "Bea Lima"})

    edit(api, ana, {"displayName": "Béa-Lima"})

    assert name_items("ana") == [f"ana#{user_id('ana')}", f"bealima#{user_id('ana')}"]


def test_given_an_account_older_than_search_when_it_edits_then_it_can_be_found(api, make_token):
    ana = make_token("ana")
    api.http.get("/me", headers=auth(ana))
    aws_clients.dynamodb_table().delete_item(Key=table_keys.name_key("ana", user_id("ana")))

    edit(api, ana, {"bio": "Hello"})

    assert [
        person["username"] for person in api.http.get("/users?prefix=an").json_body["items"]
    ] == ["ana"]


@pytest.fixture
def two_writes_a_minute(api_environment, monkeypatch):
    monkeypatch.setenv("MAX_WRITES_PER_MINUTE", "2")
    api_settings.load_settings.cache_clear()
    well_inside_a_minute()
    yield
    api_settings.load_settings.cache_clear()


def test_given_the_minutes_writes_spent_then_429_and_nothing_changes(
    api, make_token, two_writes_a_minute
):
    ana = make_token("ana")
    assert edit(api, ana, {"displayName": "One"}).status_code == 200
    assert edit(api, ana, {"displayName": "Two"}).status_code == 200

    refused = edit(api, ana, {"displayName": "Three"})

    assert refused.status_code == 429
    assert "Try again in" in refused.json_body["Message"]
    assert refused.headers["Retry-After"].isdigit()
    assert api.http.get("/users/ana").json_body["displayName"] == "Two"
    assert name_items("ana") == [f"ana#{user_id('ana')}", f"two#{user_id('ana')}"]


def test_given_no_token_then_401(api):
    response = api.http.patch("/me/profile", body=json.dumps({"bio": "Hi"}))

    assert response.status_code == 401
