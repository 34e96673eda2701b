"""GET /users?prefix=: people whose username or display name starts with what was typed, as
they look now.

Two requests however many accounts exist: one Query of the name items (people.name_store),
then one BatchGetItem for the people's current profiles (what they chose to look like) and, for
a signed-in viewer, their follow edges to them. Matching ignores case and accents and keeps only
letters and digits (table_keys.searchable_name), so "ana", "ANA" and "Ána" find the same people.
"""

from typing import NamedTuple

from chalicelib.people import follow_store, looks, name_store
from chalicelib.shared import batches, table_keys
from chalicelib.shared.users import User

MAX_RESULTS = 20
DEFAULT_RESULTS = 10


class FoundPerson(NamedTuple):
    """Someone a list shows with their looks: search results and suggestions."""

    profile: dict  # the stored profile item, as it is now
    followed_by_me: bool | None  # None when no one is signed in to ask about
    reason: str | None = None  # why they are suggested, for suggestions


def find_people(prefix: str, limit: int, viewer: User | None) -> list[FoundPerson]:
    """Up to `limit` people whose names start with `prefix`: someone whose username is exactly
    the prefix first, then by the name that matched, alphabetically; each person once."""
    searchable = table_keys.searchable_name(prefix)
    if not searchable:
        return []  # only spaces, punctuation or emoji: nothing a name item is keyed by
    # Each person has at most two name items, so twice `limit` items hold `limit` people when
    # that many match, and they are the first ones alphabetically, as the Query reads in order.
    items = name_store.names_starting_with(searchable, 2 * limit)
    typed = prefix.strip().casefold()
    matched = {}
    for item in items:
        matched.setdefault(item["userId"], item)
    ranked = sorted(matched.values(), key=lambda item: _rank(item, typed))[:limit]
    return looked_up([item["userId"] for item in ranked], viewer)


def looked_up(
    user_ids: list[str], viewer: User | None, reasons: dict[str, str] | None = None
) -> list[FoundPerson]:
    """The people with these ids, in this order, as they look now, with whether the viewer
    follows each: one BatchGetItem (at most 50 people). Anyone without a profile, or whose
    account is being erased, is left out."""
    keys = [table_keys.profile_key(user_id) for user_id in user_ids]
    if viewer is not None:
        keys += follow_store.follow_keys(viewer.id, user_ids)
    found = batches.get_items(keys)
    profiles = {item["userId"]: item for item in found if item["SK"] == "PROFILE"}
    followed = follow_store.followees_among(found, viewer.id) if viewer is not None else None
    return [
        FoundPerson(
            profiles[user_id],
            None if followed is None else user_id in followed,
            (reasons or {}).get(user_id),
        )
        for user_id in user_ids
        if user_id in profiles and not looks.is_gone(profiles[user_id])
    ]


def _rank(item: dict, typed: str) -> tuple:
    searchable = item["SK"].rsplit("#", 1)[0]
    username = item["username"].casefold()
    return (username != typed, searchable, username)
