"""The page cursor of every list the API pages through (feeds, a person's photos, followers,
who liked a photo, comments): where a page stopped, opaque to clients and checked on return.

Services speak of positions in the table (a sort key, a user id: chalicelib/shared/paging.py);
only the edge turns a position into a cursor and back. A cursor is base64url of a small JSON
document, so clients treat it as a token and the server can refuse anything it did not make
(wrong version, wrong shape) with a 400 instead of a DynamoDB error.
"""

import base64
import binascii
import json
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from chalicelib.shared.paging import MAX_MERGED, Page
from chalicelib.shared.usernames import is_username

CURSOR_VERSION = 1
# What encode() makes: base64url without its `=` padding. Anything else is refused before it is
# decoded (b64decode would otherwise skip characters outside the alphabet); the OpenAPI
# document states it. It also rules out an empty cursor, on purpose: the end of a list is a
# null nextCursor, and a client that sends it back as "" must learn of its mistake, not be
# given the first page again (an endless scroll that starts over).
CURSOR_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
# An ISO-8601 UTC time with milliseconds, as chalicelib/shared/clock.py writes it.
TIME_PATTERN = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
# `<time>#<26-character ULID>`: how feedSort, ownerSort and timelines sort.
SORT_KEY_PATTERN = re.compile(rf"{TIME_PATTERN.pattern}#[0-9A-HJKMNP-TV-Z]{{26}}")
# A ULID: comments and replies are listed in the order of their ids.
ULID_PATTERN = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")
# A Cognito user id (`sub`): follower and following lists are in user-id order.
USER_ID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# `<likedAt>#<user id>`: who-liked lists go newest like first (LikesIndex).
LIKE_POSITION_PATTERN = re.compile(rf"{TIME_PATTERN.pattern}#{USER_ID_PATTERN.pattern}")
# A notification's id, `<time>#<kind>#<subject>`: inboxes go newest first
# (chalicelib/notifications/deeds.py makes them).
NOTIFICATION_POSITION_PATTERN = re.compile(
    rf"{TIME_PATTERN.pattern}#(?:like|comment|reply|follow|mention)#[0-9A-Za-z.#-]{{1,120}}"
)


class Cursor(NamedTuple):
    after: str  # continue below (or, for user lists, after) this key
    merge: tuple[str, ...] = ()  # usernames whose photos the home feed merges in


def page_json(page: Page, present_item: Callable) -> dict:
    """`{items, nextCursor}`: the page's items as JSON, and the cursor of the next page."""
    next_cursor = encode(page.continue_after, page.merge) if page.continue_after else None
    return {"items": [present_item(item) for item in page.items], "nextCursor": next_cursor}


def encode(after: str, merge: Sequence[str] = ()) -> str:
    document = {"v": CURSOR_VERSION, "after": after}
    if merge:
        document["merge"] = list(merge)
    text = json.dumps(document, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, after_pattern: re.Pattern = SORT_KEY_PATTERN) -> Cursor:
    """The position inside a cursor; raise ValueError for anything we did not make."""
    if not CURSOR_PATTERN.fullmatch(cursor):
        raise ValueError("cursor is not base64url")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        document = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, ValueError, RecursionError) as error:
        # ValueError covers bad UTF-8 and bad JSON; RecursionError, JSON nested thousands deep.
        raise ValueError("cursor is not base64url JSON") from error
    if not isinstance(document, dict) or document.get("v") != CURSOR_VERSION:
        raise ValueError("unknown cursor version")
    after = document.get("after")
    if not isinstance(after, str) or not after_pattern.fullmatch(after):
        raise ValueError("cursor does not hold a position")
    merge = document.get("merge", [])
    if not isinstance(merge, list) or len(merge) > MAX_MERGED or not all(map(is_username, merge)):
        raise ValueError("cursor names accounts that cannot be merged")
    return Cursor(after, tuple(merge))
