"""A whole number in a request body, however JSON spells it: the OpenAPI document says `size` is
an integer, and JSON Schema counts 4665.0 and 4.665e3 as integers, so the API takes them as 4665.
Anything that is not a whole number of bytes is still refused with a 400 that says so."""

import pytest

from chalicelib.edge.request_parsing import parse_new_photo
from chalicelib.shared.errors import InvalidInputError
from tests.support.api_steps import auth

LARGEST = 25 * 1024 * 1024


def new_photo_with_size(size: str):
    body = '{"contentType": "image/jpeg", "size": ' + size + "}"
    return parse_new_photo(body.encode(), LARGEST)


@pytest.mark.parametrize("size", ["4665", "4665.0", "4665.000", "4.665e3", "4.665E+3", "466500e-2"])
def test_given_a_whole_number_in_any_json_spelling_then_it_is_that_integer(size):
    parsed = new_photo_with_size(size).size

    assert parsed == 4665
    assert type(parsed) is int


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("4665.5", "a whole number above 0"),
        ("4665.0000000000000001", "a whole number above 0"),  # 4665.0 as a float: not whole
        ("true", "a whole number above 0"),
        ('"4665"', "a whole number above 0"),
        ("0.0", "a whole number above 0"),
        ("-1.0", "a whole number above 0"),
        ("NaN", "a whole number above 0"),
        ("1e400", "at most 20 digits"),
        ("1e999999999999999999999999999", "at most 20 digits"),
        ("1e-999999999999999999999999999", "at most 20 digits"),
        ("2.7e7", "the largest photo you can upload is 25.0 MB"),
    ],
)
def test_given_a_size_that_is_no_whole_number_of_bytes_then_400_says_what_is_wrong(size, message):
    with pytest.raises(InvalidInputError) as refused:
        new_photo_with_size(size)

    assert message in str(refused.value)


def test_given_a_size_spelled_with_a_point_when_sharing_then_the_photo_is_made(api, make_token):
    body = '{"contentType": "image/jpeg", "size": 4665.0}'

    response = api.http.post("/photos", headers=auth(make_token("alice")), body=body)

    assert response.status_code == 201
