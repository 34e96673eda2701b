"""The page cursor of every list the API pages through (the feed, a profile's photos): the last
sort key of a page, opaque to clients and checked on return.

A cursor is base64url of a small JSON document, so clients treat it as a token and the server can
refuse anything it did not make (wrong version, wrong shape) with a 400 instead of a DynamoDB error.
"""

import base64
import binascii
import json
import re

CURSOR_VERSION = 1
# `<ISO-8601 UTC time>#<26-character ULID>`: how feedSort and ownerSort are written.
SORT_KEY_PATTERN = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}")


def encode(sort_key: str) -> str:
    document = json.dumps({"v": CURSOR_VERSION, "after": sort_key}, separators=(",", ":"))
    return base64.urlsafe_b64encode(document.encode()).decode().rstrip("=")


def decode(cursor: str) -> str:
    """Return the sort key inside a cursor; raise ValueError for anything we did not make."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        document = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, ValueError, RecursionError) as error:
        # ValueError covers bad UTF-8 and bad JSON; RecursionError, JSON nested thousands deep.
        raise ValueError("cursor is not base64url JSON") from error
    if not isinstance(document, dict) or document.get("v") != CURSOR_VERSION:
        raise ValueError("unknown cursor version")
    sort_key = document.get("after")
    if not isinstance(sort_key, str) or not SORT_KEY_PATTERN.fullmatch(sort_key):
        raise ValueError("cursor does not hold a sort key")
    return sort_key
