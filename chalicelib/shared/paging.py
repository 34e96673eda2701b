"""Pages of a list (feeds, a person's photos, followers): what a caller asks a service for, and
what the service answers, in terms of positions in the table (a sort key, or a user id for
lists of people). The edge carries a position between pages as an opaque cursor
(chalicelib/edge/page_cursor.py).
"""

from typing import NamedTuple

# The home feed merges the photos of at most this many celebrities into one scroll, and its
# cursor carries their names.
MAX_MERGED = 10


class PageRequest(NamedTuple):
    limit: int
    after: str | None  # the position to continue from, or None for the first page
    merge: tuple[str, ...] = ()  # the home feed's merged celebrities, carried by its cursor


class Page(NamedTuple):
    items: list
    continue_after: str | None  # where the next page starts, or None if this was the last
    merge: tuple[str, ...] = ()  # usernames the next page merges in too (the home feed)
