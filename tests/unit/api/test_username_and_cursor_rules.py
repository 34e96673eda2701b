"""One username rule, for a path and for the names a home feed cursor carries; and a cursor is
base64url text the API made, never empty."""

import base64
import json
from urllib.parse import quote

import pytest

from chalicelib.edge import page_cursor
from chalicelib.edge.request_parsing import username_from_path
from chalicelib.shared.errors import InvalidInputError

SORT_KEY = "2026-11-22T06:00:00.123Z#01JCNY8ZQ0V5G1Y0WJ6X7C9B2K"
CURSOR_MESSAGE = "cursor is not valid"


def cursor_merging(*names: str) -> str:
    """A cursor as encode() would make it, without encode's own checks standing in the way."""
    document = {"v": page_cursor.CURSOR_VERSION, "after": SORT_KEY, "merge": list(names)}
    return base64.urlsafe_b64encode(json.dumps(document).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "name",
    [
        "alice",
        "émile",
        "a" * 128,
        "o'brien.42",
        "名前",
        "🙂",
        "zero\u200bwidth",  # a format character: no control character, no space
    ],
)
def test_given_a_username_then_the_path_and_the_cursor_accept_it_alike(name):
    assert username_from_path(quote(name, safe="")) == name
    assert page_cursor.decode(cursor_merging(name)).merge == (name,)


@pytest.mark.parametrize(
    "name",
    ["", "a" * 129, "two words", "tab\tname", "line\n", "nul\x00", "del\x7f", "nbsp\xa0", "\u3000"],
)
def test_given_a_name_no_account_can_have_then_the_cursor_refuses_it_as_the_path_does(name):
    with pytest.raises(InvalidInputError):
        username_from_path(quote(name, safe=""))
    with pytest.raises(ValueError):
        page_cursor.decode(cursor_merging(name))


def test_given_half_of_a_surrogate_pair_in_a_cursor_then_it_names_no_one():
    # json.dumps spells the lone surrogate as \ud800, which json.loads turns back into one (a
    # path cannot carry one: its percent-escapes must be UTF-8).
    with pytest.raises(ValueError):
        page_cursor.decode(cursor_merging("a\ud800"))


@pytest.mark.parametrize("cursor", ["", "=", "a=", " eyJ2IjoxfQ", "eyJ2Ijox!fQ", "eyJ2Ijox\nfQ"])
def test_given_text_that_is_not_base64url_then_the_cursor_is_refused_before_decoding(cursor):
    assert not page_cursor.CURSOR_PATTERN.fullmatch(cursor)
    with pytest.raises(ValueError):
        page_cursor.decode(cursor)


def test_given_a_cursor_with_a_character_slipped_in_then_it_is_refused():
    # b64decode would skip the stray character and read the cursor as if it were not there.
    cursor = page_cursor.encode(SORT_KEY)

    with pytest.raises(ValueError):
        page_cursor.decode(cursor[:10] + "." + cursor[10:])


@pytest.mark.parametrize(
    "path", ["/feed", "/users/alice/photos", "/users/alice/followers", "/users/alice/following"]
)
def test_given_an_empty_cursor_then_400_not_the_first_page(api, path):
    # The end of a list is a null nextCursor; a client that sends it back as "" must learn
    # that, not be given the first page again (and again).
    response = api.http.get(f"{path}?cursor=")

    assert response.status_code == 400
    assert CURSOR_MESSAGE in response.json_body["Message"]
