"""What schemathesis cannot learn from the OpenAPI document: how to make a page cursor.

A list's `cursor` is opaque (chalicelib/edge/page_cursor.py): only a nextCursor the API made is
accepted, so the document names it with a `format` of its own (`photo-page-cursor`,
`people-page-cursor`, `likers-page-cursor`, `comment-page-cursor`, `notification-page-cursor`),
and this module gives schemathesis a way to make values of each: real cursors, encoded by the
API's own code, pointing at arbitrary positions. Without it a generated "valid" cursor would be
any string, which the API rightly refuses.

Imported by tests/integration/test_api_fuzzing.py. To run schemathesis' CLI against a local
stack (`make dev`) with the same knowledge, from the project root:

    SCHEMATHESIS_HOOKS=tests.support.schemathesis_formats .venv/bin/st run \\
        http://localhost:8000/api/openapi.json --checks all -H "Authorization: <ID token>"

The CLI knows nothing of the two answers the fuzzing test lets through (see its docstring), so
it reports them: following yourself (400), and now and then CloudFront's 403 to TRACE.
"""

from datetime import UTC, datetime

import schemathesis
from hypothesis import strategies as st

from chalicelib.edge import page_cursor
from chalicelib.edge.request_parsing import PHOTO_ID_PATTERN
from chalicelib.shared.paging import MAX_MERGED
from chalicelib.shared.usernames import USERNAME_MAX_LENGTH, USERNAME_PATTERN

# Sort keys, as chalicelib/photos/store.py writes them:
# `<ISO-8601 UTC time with milliseconds>#<photo id>`.
times = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2999, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"))
photo_ids = st.from_regex(PHOTO_ID_PATTERN, fullmatch=True)
sort_keys = st.builds("{}#{}".format, times, photo_ids)
# The home feed's cursor also names the celebrities it merges; any username may appear there.
usernames = st.from_regex(USERNAME_PATTERN, fullmatch=True).filter(
    lambda name: len(name) <= USERNAME_MAX_LENGTH
)
merged = st.lists(usernames, max_size=MAX_MERGED)

# Photo lists (feeds, a profile's photos) continue from a sort key; people lists from a user id.
schemathesis.openapi.format("photo-page-cursor", st.builds(page_cursor.encode, sort_keys, merged))
schemathesis.openapi.format(
    "people-page-cursor", st.builds(page_cursor.encode, st.uuids().map(str))
)
# Who-liked lists continue from a like: `<likedAt>#<user id>`.
like_positions = st.builds("{}#{}".format, times, st.uuids().map(str))
schemathesis.openapi.format("likers-page-cursor", st.builds(page_cursor.encode, like_positions))
# Comment lists continue after a comment's id (a ULID, as a photo's id is).
schemathesis.openapi.format(
    "comment-page-cursor",
    st.builds(page_cursor.encode, st.from_regex(page_cursor.ULID_PATTERN, fullmatch=True)),
)
# Inboxes continue after a notification's id: `<time>#<kind>#<what it is about>`.
schemathesis.openapi.format(
    "notification-page-cursor",
    st.builds(
        page_cursor.encode,
        st.from_regex(page_cursor.NOTIFICATION_POSITION_PATTERN, fullmatch=True),
    ),
)
