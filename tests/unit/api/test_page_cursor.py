"""Cursors round-trip, and anything the server did not make is refused."""

import base64

import pytest

from chalicelib import page_cursor

SORT_KEY = "2026-11-22T06:00:00.123Z#01JCNY8ZQ0V5G1Y0WJ6X7C9B2K"


def test_given_a_sort_key_when_encoded_and_decoded_then_it_comes_back():
    assert page_cursor.decode(page_cursor.encode(SORT_KEY)) == SORT_KEY


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!",
        base64.urlsafe_b64encode(b"[]").decode(),
        base64.urlsafe_b64encode(b'{"v": 2, "after": "x"}').decode(),
        base64.urlsafe_b64encode(b'{"v": 1, "after": "PHOTO#x"}').decode(),
        base64.urlsafe_b64encode(b'{"v": 1}').decode(),
    ],
)
def test_given_a_cursor_we_did_not_make_then_value_error(cursor):
    with pytest.raises(ValueError):
        page_cursor.decode(cursor)
