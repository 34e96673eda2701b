"""Requests a careless or hostile client sends: each one gets a 4xx that says what to change,
never a 500. Each case here answered 500 once (found by probing the running local stack)."""

import base64
import json
from urllib.parse import urlencode

import pytest

from tests.support.api_steps import auth, ready_photo

DEEP_JSON = "[" * 5000 + "]" * 5000


def post_photo(api, token, raw_body: str):
    return api.http.post("/photos", headers=auth(token), body=raw_body)


@pytest.mark.parametrize("limit", ["²", "١٢", "𝟙𝟚", "1" * 5000])
def test_given_a_limit_that_is_not_ascii_digits_then_400(api, limit):
    response = api.http.get(f"/feed?{urlencode({'limit': limit})}")

    assert response.status_code == 400
    assert "limit must be a whole number from 1 to 50" in response.json_body["Message"]


def test_given_a_size_with_5000_digits_then_400_names_the_size(api, make_token):
    body = '{"contentType": "image/jpeg", "size": ' + "9" * 5000 + "}"

    response = post_photo(api, make_token(), body)

    assert response.status_code == 400
    assert "digits" in response.json_body["Message"]


@pytest.mark.parametrize("field", ["size", "caption"])
def test_given_json_nested_5000_deep_then_400(api, make_token, field):
    body = '{"contentType": "image/jpeg", "' + field + '": ' + DEEP_JSON + "}"

    response = post_photo(api, make_token(), body)

    assert response.status_code == 400
    assert "nested too deeply" in response.json_body["Message"]


def test_given_a_caption_edit_nested_5000_deep_then_400(api, make_token):
    alice = make_token("alice")
    photo_id = ready_photo(api, alice)

    response = api.http.patch(f"/photos/{photo_id}", headers=auth(alice), body=DEEP_JSON)

    assert response.status_code == 400


@pytest.mark.parametrize("caption", ['"\\ud800"', '"a\\udfffb"'])
def test_given_a_caption_with_a_lone_surrogate_then_400_says_it_is_not_text(
    api, make_token, caption
):
    body = '{"contentType": "image/jpeg", "size": 10, "caption": ' + caption + "}"

    response = post_photo(api, make_token(), body)

    assert response.status_code == 400
    assert "caption" in response.json_body["Message"]


def test_given_a_cursor_hiding_deep_json_then_400(api):
    cursor = base64.urlsafe_b64encode(DEEP_JSON.encode()).decode()

    response = api.http.get(f"/feed?{urlencode({'cursor': cursor})}")

    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/me", "/feed"])
def test_given_a_signed_token_without_a_username_then_401_not_a_crash(api, make_token, path):
    token = make_token(**{"cognito:username": None})

    response = api.http.get(path, headers=auth(token))

    assert response.status_code == 401
    assert "sign in again" in json.dumps(response.json_body)
