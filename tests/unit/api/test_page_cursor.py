"""Cursors round-trip, and anything the server did not make is refused."""

import base64

import pytest

from chalicelib.edge import page_cursor

SORT_KEY = "2026-11-22T06:00:00.123Z#01JCNY8ZQ0V5G1Y0WJ6X7C9B2K"


def test_given_a_sort_key_when_encoded_and_decoded_then_it_comes_back():
    assert page_cursor.decode(page_cursor.encode(SORT_KEY)) == page_cursor.Cursor(SORT_KEY)


def test_given_merged_accounts_when_encoded_and_decoded_then_they_come_back():
    cursor = page_cursor.encode(SORT_KEY, merge=["celebrity", "émile"])

    assert page_cursor.decode(cursor).merge == ("celebrity", "émile")


def test_given_a_user_list_cursor_then_it_holds_a_user_id_and_no_sort_key():
    user_id = "0f8fad5b-d9cb-469f-a165-70867728950e"
    cursor = page_cursor.encode(user_id)

    assert page_cursor.decode(cursor, page_cursor.USER_ID_PATTERN).after == user_id
    with pytest.raises(ValueError):
        page_cursor.decode(cursor)


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!",
        base64.urlsafe_b64encode(b"[]").decode(),
        base64.urlsafe_b64encode(b'{"v": 2, "after": "x"}').decode(),
        base64.urlsafe_b64encode(b'{"v": 1, "after": "PHOTO#x"}').decode(),
        base64.urlsafe_b64encode(b'{"v": 1}').decode(),
        page_cursor.encode(SORT_KEY, merge=["a b"]),
        page_cursor.encode(SORT_KEY, merge=["x" * 129]),
        page_cursor.encode(SORT_KEY, merge=[f"user{n}" for n in range(11)]),
        base64.urlsafe_b64encode(
            ('{"v": 1, "after": "' + SORT_KEY + '", "merge": [5]}').encode()
        ).decode(),
    ],
)
def test_given_a_cursor_we_did_not_make_then_value_error(cursor):
    with pytest.raises(ValueError):
        page_cursor.decode(cursor)
