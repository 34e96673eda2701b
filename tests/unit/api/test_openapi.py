"""GET /openapi.json: an OpenAPI 3.1 document that describes exactly the routes app.py has, and
states exactly the rules the parser enforces."""

import json
from urllib.parse import quote

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ulid import ULID

from app import app
from chalicelib.edge import request_parsing
from chalicelib.edge.openapi import openapi_document
from chalicelib.shared.errors import InvalidInputError, NotFoundError
from chalicelib.shared.settings import load_settings
from chalicelib.shared.usernames import is_username


def test_given_the_document_then_it_names_every_route_of_the_app_and_no_other(local_resources):
    described = {
        (path, method.upper())
        for path, operations in openapi_document()["paths"].items()
        for method in operations
    }
    routed = {(path, method) for path, methods in app.routes.items() for method in methods}

    assert described == routed


def test_given_the_document_then_it_is_valid_openapi_3_1(local_resources):
    schema = schemathesis.openapi.from_dict(openapi_document())

    assert openapi_document()["openapi"] == "3.1.0"
    assert len(list(schema.get_all_operations())) == sum(len(m) for m in app.routes.values())


def test_given_a_request_for_the_document_then_the_api_serves_it(api):
    response = api.http.get("/openapi.json")

    assert response.status_code == 200
    assert response.json_body == openapi_document()


# The document and the parser are one truth: each rule the document states is checked here
# against what the parser does, read through a JSON Schema validator (the Rust one schemathesis
# uses, so not Python's `re` twice) where the rule is a pattern.


def _parameter(path: str, method: str, name: str) -> dict:
    operation = openapi_document()["paths"][path][method]
    return next(parameter for parameter in operation["parameters"] if parameter["name"] == name)


def _validator(schema: dict) -> jsonschema_rs.Validator:
    return jsonschema_rs.Draft202012Validator(schema)


def _parses(parse, value) -> bool:
    try:
        parse(value)
    except (InvalidInputError, NotFoundError):
        return False
    return True


# Crockford's base32, the alphabet of ULIDs (photo ids), in which I, L, O and U do not occur.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    photo_id=st.builds(lambda: str(ULID()))
    | st.text(alphabet=CROCKFORD, min_size=26, max_size=26)
    | st.text(alphabet=CROCKFORD + "ILOU\n", min_size=25, max_size=27)
)
def test_given_a_photo_id_then_the_document_and_the_parser_agree_on_it(local_resources, photo_id):
    document_says = _validator(_parameter("/photos/{photo_id}", "get", "photo_id")["schema"])

    assert document_says.is_valid(photo_id) == _parses(request_parsing.photo_id_or_404, photo_id)


def test_given_every_character_then_the_document_and_the_parser_agree_on_usernames(
    local_resources,
):
    document_says = _validator(_parameter("/users/{username}", "get", "username")["schema"])
    # Surrogates are halves of characters, not characters: no request path can carry one.
    characters = (chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)

    disagreements = [
        character
        for character in characters
        if document_says.is_valid(character) != is_username(character)
    ]

    assert disagreements == []


@pytest.mark.parametrize(
    ("name", "valid"),
    [("a" * 128, True), ("a" * 129, False), ("", False), ("émile", True), ("😀" * 128, True)],
)
def test_given_a_username_length_then_the_document_and_the_parser_agree(
    local_resources, name, valid
):
    document_says = _validator(_parameter("/users/{username}", "get", "username")["schema"])

    assert document_says.is_valid(name) is valid
    assert _parses(request_parsing.username_from_path, quote(name, safe="")) is valid


def test_given_the_page_parameters_then_their_default_and_bounds_are_the_parsers(
    local_resources,
):
    limit = _parameter("/feed", "get", "limit")["schema"]

    assert request_parsing.parse_page({}).limit == limit["default"]
    assert request_parsing.parse_page({"limit": str(limit["minimum"])}).limit == limit["minimum"]
    assert request_parsing.parse_page({"limit": str(limit["maximum"])}).limit == limit["maximum"]
    for outside in (limit["minimum"] - 1, limit["maximum"] + 1):
        assert not _parses(request_parsing.parse_page, {"limit": str(outside)})


def test_given_a_new_photo_then_its_size_and_caption_limits_are_the_parsers(local_resources):
    new_photo = openapi_document()["components"]["schemas"]["NewPhoto"]["properties"]
    largest = new_photo["size"]["maximum"]
    longest = new_photo["caption"]["maxLength"]

    def parse(size: int, caption: str = ""):
        body = json.dumps({"contentType": "image/jpeg", "size": size, "caption": caption})
        return request_parsing.parse_new_photo(body.encode(), load_settings().max_upload_bytes)

    assert parse(largest, "x" * longest).size == largest
    assert parse(new_photo["size"]["minimum"]).size == 1
    assert not _parses(lambda size: parse(size), largest + 1)
    assert not _parses(lambda caption: parse(1, caption), "x" * (longest + 1))


def test_given_list_routes_then_each_cursor_names_the_kind_of_list_it_continues(local_resources):
    formats = {
        path: _parameter(path, "get", "cursor")["schema"]["format"]
        for path in openapi_document()["paths"]
        if "cursor" in json.dumps(openapi_document()["paths"][path])
    }

    assert formats == {
        "/feed": "photo-page-cursor",
        "/feed/home": "photo-page-cursor",
        "/photos/{photo_id}/comments": "comment-page-cursor",
        "/photos/{photo_id}/comments/{comment_id}/replies": "comment-page-cursor",
        "/users/{username}/photos": "photo-page-cursor",
        "/users/{username}/followers": "people-page-cursor",
        "/users/{username}/following": "people-page-cursor",
        "/photos/{photo_id}/likes": "likers-page-cursor",
        "/notifications": "notification-page-cursor",
    }


@pytest.mark.parametrize(
    "prefix",
    ["a", "Ána Lima", " ", "🌸", "a" * 100, "a" * 101, "", "tab\there", "\x7f", "\x85", "\u2028x"],
)
def test_given_a_search_prefix_then_the_document_and_the_parser_agree_on_it(
    local_resources, prefix
):
    document_says = _validator(_parameter("/users", "get", "prefix")["schema"])

    assert document_says.is_valid(prefix) == _parses(
        request_parsing.parse_search, {"prefix": prefix}
    )


def test_given_the_search_limit_then_its_default_and_bounds_are_the_parsers(local_resources):
    limit = _parameter("/users", "get", "limit")["schema"]

    def parsed(query: dict):
        return request_parsing.parse_search({"prefix": "a", **query})

    assert parsed({}).limit == limit["default"]
    assert parsed({"limit": str(limit["maximum"])}).limit == limit["maximum"]
    for outside in (limit["minimum"] - 1, limit["maximum"] + 1):
        assert not _parses(parsed, {"limit": str(outside)})


@pytest.mark.parametrize(
    "body",
    [
        {"displayName": "x" * 30},
        {"displayName": "x" * 31},
        {"bio": "😀" * 150},
        {"bio": "😀" * 151},
        {"displayName": ""},
        {"bio": "two\nlines"},
        {"bio": "\x9f"},
        {},
        {"displayName": "Ana", "website": "ana.example"},
        {"displayName": None},
    ],
)
def test_given_a_profile_edit_then_the_document_and_the_parser_agree_on_it(local_resources, body):
    document_says = _validator(openapi_document()["components"]["schemas"]["ProfileEdit"])

    assert document_says.is_valid(body) == _parses(
        request_parsing.parse_profile_edit, json.dumps(body).encode()
    )
