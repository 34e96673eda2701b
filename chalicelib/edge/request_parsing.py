"""Turns raw request bodies, query strings and path parameters into checked values, or an
InvalidInputError (a 400) a person can act on.

Every message names the field and says what would be accepted, because the API's callers are
people reading an error in a page or a terminal. The values it returns are the services' own
(a NewPhotoRequest, a NewAvatarRequest, a PageRequest), so no service sees a raw request.
"""

import decimal
import json
import re
from typing import NamedTuple
from urllib.parse import unquote

from chalicelib.avatars.service import NewAvatarRequest
from chalicelib.comments.presenter import REPLY_ID_SEPARATOR
from chalicelib.comments.service import COMMENT_NOT_FOUND_MESSAGE, CommentId, NewComment
from chalicelib.edge import page_cursor
from chalicelib.people.profile_edits import (
    BIO_MAX_LENGTH,
    DISPLAY_NAME_MAX_LENGTH,
    TEXT_FIELDS,
    ProfileEdit,
)
from chalicelib.people.search import DEFAULT_RESULTS, MAX_RESULTS
from chalicelib.photos.service import NewPhotoRequest, PhotoEdit
from chalicelib.photos.visibility import PHOTO_NOT_FOUND_MESSAGE
from chalicelib.shared.errors import InvalidInputError, NotFoundError
from chalicelib.shared.paging import PageRequest
from chalicelib.shared.settings import (
    ALLOWED_CONTENT_TYPES,
    ALT_TEXT_MAX_LENGTH,
    AVATAR_MAX_BYTES,
    CAPTION_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
)
from chalicelib.shared.text import is_unicode_text
from chalicelib.shared.usernames import USERNAME_MAX_LENGTH, is_username

# The OpenAPI document (chalicelib/edge/openapi.py) publishes these limits and patterns as they are,
# so a published pattern is written once, in the syntax Python's `re` and JSON Schema (ECMA-262)
# read alike, and anchored with ^...$: a JSON Schema pattern may match anywhere in the value
# otherwise. (LIMIT_PATTERN is not: the document gives `limit` as an integer from 1 to
# MAX_PAGE_SIZE, and this is how the query string spells one.)
DEFAULT_PAGE_SIZE = 12
MAX_PAGE_SIZE = 50
LIMIT_PATTERN = re.compile(r"[0-9]{1,3}")
# A ULID: 26 characters of Crockford's base32, the first at most 7 (48 bits of milliseconds).
PHOTO_ID_PATTERN = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")
# A comment's id; a reply's is its comment's id, a dot, and its own (chalicelib/comments/).
_ULID = page_cursor.ULID_PATTERN.pattern
COMMENT_ID_PATTERN = re.compile(f"^{_ULID}({re.escape(REPLY_ID_SEPARATOR)}{_ULID})?$")
# White space as JSON Schema's `\s` knows it (ECMA-262), which is what a comment is trimmed of:
# Python's str.strip() would also take control characters such as "\x1c", which the published
# pattern counts as text.
WHITE_SPACE = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000\ufeff")
)
# A comment needs one character that is not white space (unanchored: it may be anywhere).
COMMENT_TEXT_PATTERN = re.compile(
    "[^" + "".join(f"\\u{ord(character):04x}" for character in WHITE_SPACE) + "]"
)
# Text on one line, as a display name, a bio or a search is: no control character (C0, DEL,
# C1), which covers line breaks and tabs; anything else is kept as written.
PLAIN_TEXT_PATTERN = re.compile(r"^[^\x00-\x1f\x7f-\x9f]*$")
TEXT_LIMITS = {"displayName": DISPLAY_NAME_MAX_LENGTH, "bio": BIO_MAX_LENGTH}
# Longer than any name; the rest of a longer search would not change what it finds.
SEARCH_PREFIX_MAX_LENGTH = 100
# Far more than any size or count needs; Python refuses to parse integers past 4,300 digits.
MAX_NUMBER_DIGITS = 20
NOT_A_JSON_OBJECT_MESSAGE = "The request body must be a JSON object."
# A photo's two texts, as an error message names them.
PHOTO_TEXTS = {"caption": "the caption", "altText": "the alt text"}


def parse_new_photo(raw_body: bytes | None, max_upload_bytes: int) -> NewPhotoRequest:
    body = _json_object(raw_body, allowed_fields={"contentType", "size", "caption", "altText"})
    content_type, size = _file_to_upload(body, max_upload_bytes, "photo")
    return NewPhotoRequest(
        content_type=content_type,
        size=size,
        caption=_photo_text(body, "caption", CAPTION_MAX_LENGTH),
        alt_text=_photo_text(body, "altText", ALT_TEXT_MAX_LENGTH),
    )


def parse_new_avatar(raw_body: bytes | None) -> NewAvatarRequest:
    """POST /me/avatar: `{contentType, size}`, the types a photo may have, up to
    AVATAR_MAX_BYTES."""
    body = _json_object(raw_body, allowed_fields={"contentType", "size"})
    content_type, size = _file_to_upload(body, AVATAR_MAX_BYTES, "profile picture")
    return NewAvatarRequest(content_type=content_type, size=size)


def _file_to_upload(body: dict, max_bytes: int, what: str) -> tuple[str, int]:
    """The `contentType` and `size` of a file a person is about to upload."""
    content_type = body.get("contentType")
    if content_type not in ALLOWED_CONTENT_TYPES:
        raise InvalidInputError(
            f"contentType must be one of {', '.join(ALLOWED_CONTENT_TYPES)}; "
            f"got {json.dumps(content_type)}."
        )
    size = body.get("size")
    # bool is a subclass of int in Python, and `true` is no file size.
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise InvalidInputError("size must be the file's size in bytes, a whole number above 0.")
    if size > max_bytes:
        raise InvalidInputError(
            f"This file is {_megabytes(size)}; the largest {what} you can upload is "
            f"{_megabytes(max_bytes)}."
        )
    return content_type, size


def parse_photo_edit(raw_body: bytes | None) -> PhotoEdit:
    """PATCH /photos/{id}: `{caption?, altText?}`, under the same rules as a new photo's."""
    body = _json_object(raw_body, allowed_fields={"caption", "altText"})
    if not body:
        raise InvalidInputError(
            'Send what changes: {"caption": "..."} and/or {"altText": "..."}; either may be empty.'
        )
    return PhotoEdit(
        caption=_photo_text(body, "caption", CAPTION_MAX_LENGTH) if "caption" in body else None,
        alt_text=_photo_text(body, "altText", ALT_TEXT_MAX_LENGTH) if "altText" in body else None,
    )


def photo_id_or_404(photo_id: str) -> str:
    """A photo id from a path: ids are ULIDs, so anything else names no photo."""
    if not PHOTO_ID_PATTERN.fullmatch(photo_id):
        raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE)
    return photo_id


def comment_id_or_404(comment_id: str) -> CommentId:
    """A comment id from a path; anything that is not one names no comment."""
    if not COMMENT_ID_PATTERN.fullmatch(comment_id):
        raise NotFoundError(COMMENT_NOT_FOUND_MESSAGE)
    return CommentId(*comment_id.split(REPLY_ID_SEPARATOR))


def parse_new_comment(raw_body: bytes | None) -> NewComment:
    """POST /photos/{id}/comments: `{text, replyTo?}`. The text has at most COMMENT_MAX_LENGTH
    characters and something besides white space; it is kept as written, less the white space
    around it."""
    body = _json_object(raw_body, allowed_fields={"text", "replyTo"})
    text = body.get("text")
    if not isinstance(text, str):
        raise InvalidInputError('Send the comment as {"text": "..."}.')
    _refuse_broken_characters(text, "text", "the comment")
    if len(text) > COMMENT_MAX_LENGTH:
        raise InvalidInputError(
            f"This comment is {len(text)} characters long; at most {COMMENT_MAX_LENGTH} are "
            "allowed."
        )
    if not COMMENT_TEXT_PATTERN.search(text):
        raise InvalidInputError("The comment is empty; write something to send.")
    reply_to = body.get("replyTo")
    if reply_to is None:
        return NewComment(text.strip(WHITE_SPACE), None)
    if not isinstance(reply_to, str) or not COMMENT_ID_PATTERN.fullmatch(reply_to):
        raise InvalidInputError(
            "replyTo must be the id of a comment on this photo, as the comments list gives it; "
            "leave it out to comment on the photo itself."
        )
    return NewComment(text.strip(WHITE_SPACE), CommentId(*reply_to.split(REPLY_ID_SEPARATOR)))


def username_from_path(path_parameter: str) -> str:
    """A username from a path, checked against the username rule (chalicelib/shared/usernames.py)
    before it goes near a key.

    API Gateway hands REST path parameters over still percent-encoded (`/users/%C3%A9mile`), as
    the local gateway does, so they are decoded here, once.
    """
    try:
        username = unquote(path_parameter, errors="strict")
    except UnicodeDecodeError:
        username = ""  # percent-escapes that are not UTF-8 name no one
    if not is_username(username):
        raise InvalidInputError(
            f"A username has 1 to {USERNAME_MAX_LENGTH} characters and no spaces or control "
            "characters; check the address."
        )
    return username


def parse_profile_edit(raw_body: bytes | None) -> ProfileEdit:
    """PATCH /me/profile: `{displayName?, bio?}`, at least one; each one line of text within
    its limit, kept less the white space around it; an empty one removes the field."""
    body = _json_object(raw_body, allowed_fields=set(TEXT_FIELDS))
    if not body:
        raise InvalidInputError(
            'Send what to change: {"displayName": "...", "bio": "..."}, either or both; '
            "an empty text removes it."
        )
    return ProfileEdit({field: _profile_text(body[field], field) for field in body})


def _profile_text(text: object, field: str) -> str:
    if not isinstance(text, str):
        raise InvalidInputError(f'{field} must be text ("" removes it).')
    _refuse_broken_characters(text, field, f"the {field}")
    if not PLAIN_TEXT_PATTERN.fullmatch(text):
        raise InvalidInputError(
            f"{field} holds a control character (such as a line break or a tab); write it on "
            "one line without them."
        )
    if len(text) > TEXT_LIMITS[field]:
        raise InvalidInputError(
            f"{field} is {len(text)} characters long; at most {TEXT_LIMITS[field]} are allowed."
        )
    return text.strip(WHITE_SPACE)


class SearchRequest(NamedTuple):
    prefix: str
    limit: int


def parse_search(query_params: dict | None) -> SearchRequest:
    """GET /users: `?prefix=&limit=`; the prefix one line of text, at most
    SEARCH_PREFIX_MAX_LENGTH characters; limit 1 to MAX_RESULTS."""
    query_params = query_params or {}
    unknown = set(query_params) - {"prefix", "limit"}
    if unknown:
        raise InvalidInputError(
            f"Unknown query parameter(s): {', '.join(sorted(unknown))}. Use prefix and limit."
        )
    prefix = query_params.get("prefix", "")
    if not prefix:
        raise InvalidInputError(
            "Say whom to look for: ?prefix= and the start of a username or a display name."
        )
    _refuse_broken_characters(prefix, "prefix", "the search")
    if not PLAIN_TEXT_PATTERN.fullmatch(prefix):
        raise InvalidInputError(
            "prefix holds a control character (such as a line break or a tab); search with "
            "letters, digits or spaces."
        )
    if len(prefix) > SEARCH_PREFIX_MAX_LENGTH:
        raise InvalidInputError(
            f"prefix is {len(prefix)} characters long; search with at most "
            f"{SEARCH_PREFIX_MAX_LENGTH}, the start of a name is enough."
        )
    limit_text = query_params.get("limit", str(DEFAULT_RESULTS))
    if not LIMIT_PATTERN.fullmatch(limit_text) or not 1 <= int(limit_text) <= MAX_RESULTS:
        raise InvalidInputError(f"limit must be a whole number from 1 to {MAX_RESULTS}.")
    return SearchRequest(prefix, int(limit_text))


def _photo_text(body: dict, field: str, max_length: int) -> str:
    """A photo's caption or alt text: text, any of it, up to `max_length` characters."""
    text = body.get(field, "")
    if not isinstance(text, str):
        raise InvalidInputError(f"{field} must be text.")
    _refuse_broken_characters(text, field, PHOTO_TEXTS[field])
    if len(text) > max_length:
        raise InvalidInputError(
            f"{field} is {len(text)} characters long; at most {max_length} are allowed."
        )
    return text


def parse_page(
    query_params: dict | None, cursor_position: re.Pattern = page_cursor.SORT_KEY_PATTERN
) -> PageRequest:
    """`?limit=&cursor=`; `cursor_position` is what the list's cursors hold (a sort key, a
    user id for follower lists, a comment's id for comments)."""
    query_params = query_params or {}
    unknown = set(query_params) - {"limit", "cursor"}
    if unknown:
        raise InvalidInputError(
            f"Unknown query parameter(s): {', '.join(sorted(unknown))}. Use limit and cursor."
        )
    limit_text = query_params.get("limit", str(DEFAULT_PAGE_SIZE))
    # ASCII digits only: str.isdigit() also accepts "²" and "١٢", which int() then refuses.
    if not LIMIT_PATTERN.fullmatch(limit_text) or not 1 <= int(limit_text) <= MAX_PAGE_SIZE:
        raise InvalidInputError(f"limit must be a whole number from 1 to {MAX_PAGE_SIZE}.")
    cursor = query_params.get("cursor")
    if cursor is None:
        return PageRequest(limit=int(limit_text), after=None)
    try:
        position = page_cursor.decode(cursor, cursor_position)
        return PageRequest(int(limit_text), position.after, position.merge)
    except ValueError as error:
        raise InvalidInputError(
            "cursor is not valid. Use the nextCursor value from the previous page, "
            "or leave cursor out to start from the top."
        ) from error


class _NumberTooLongError(ValueError):
    pass


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _NumberTooLongError(digits[:10])
    return int(digits)


def _number_with_point_or_exponent(text: str) -> int | float:
    """A JSON number written with a fraction or an exponent ("4665.0", "4.665e3"). JSON Schema,
    and so the OpenAPI document, counts every number whose value is whole as an integer, so
    such a number is an int here, exactly as if it had been written "4665". Any other stays a
    float, which no field accepts. Decimal, not float, decides: "4665.0000000000000001" is no
    whole number, though as a float it would be 4665.0."""
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation as error:  # an exponent beyond what Decimal holds
        raise _NumberTooLongError(text[:10]) from error
    # adjusted() is the power of ten of the first digit: 1e400 would be a 401-digit integer.
    if number.adjusted() >= MAX_NUMBER_DIGITS:
        raise _NumberTooLongError(text[:10])
    if number == number.to_integral_value():
        return int(number)
    return float(text)


def _json_object(raw_body: bytes | None, allowed_fields: set[str]) -> dict:
    try:
        body = json.loads(
            raw_body or b"", parse_int=_whole_number, parse_float=_number_with_point_or_exponent
        )
    except _NumberTooLongError as error:
        raise InvalidInputError(
            f"Numbers in the request body may have at most {MAX_NUMBER_DIGITS} digits."
        ) from error
    except RecursionError as error:
        raise InvalidInputError(
            "The request body is nested too deeply; send a flat JSON object."
        ) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInputError(NOT_A_JSON_OBJECT_MESSAGE) from error
    if not isinstance(body, dict):
        raise InvalidInputError(NOT_A_JSON_OBJECT_MESSAGE)
    unknown = set(body) - allowed_fields
    if unknown:
        raise InvalidInputError(
            f"Unknown field(s): {', '.join(sorted(unknown))}. "
            f"Allowed fields: {', '.join(sorted(allowed_fields))}."
        )
    return body


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _refuse_broken_characters(text: str, field: str, what: str) -> None:
    """JSON can carry half of a surrogate pair, which no text may hold (shared/text.py)."""
    if not is_unicode_text(text):
        raise InvalidInputError(
            f"{field} holds a broken character (half of a surrogate pair); remove it and send "
            f"{what} again."
        )


# An export's id (chalicelib/accounts/): a ULID, so anything else names no export.
EXPORT_NOT_FOUND_MESSAGE = "No such export"


def export_id_or_404(export_id: str) -> str:
    if not page_cursor.ULID_PATTERN.fullmatch(export_id):
        raise NotFoundError(EXPORT_NOT_FOUND_MESSAGE)
    return export_id
