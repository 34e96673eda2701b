"""What people look like now: their display name and picture, read from their profiles when a
page is read, never copied into the photos, likes, comments and follows that name them.

So a new name or picture shows on every card at the next read, photos shared years before
included, and changing one writes one item. The price is reading the profiles of the people a
page shows; every list adds their keys to the one BatchGetItem it makes anyway (the viewer's
likes, their follows, the page's photos), or makes one, so a page costs the same number of
requests however many people it shows (docs/design-decisions.md has the record, and weighs the
copy the other way round). people.presenter.present_looks turns a profile into JSON.
"""

from collections.abc import Iterable

from chalicelib.shared import batches, table_keys


def profile_keys(user_ids: Iterable[str]) -> list[dict]:
    """The profile keys of these people, each once, to add to a page's BatchGetItem."""
    return [table_keys.profile_key(user_id) for user_id in dict.fromkeys(user_ids)]


def profiles_among(items: list[dict]) -> dict[str, dict]:
    """The profiles among the items a BatchGetItem returned, by user id."""
    return {item["userId"]: item for item in items if item["SK"] == "PROFILE"}


def profiles_of(user_ids: Iterable[str]) -> dict[str, dict]:
    """These people's profiles, by user id, in one BatchGetItem (for a list that makes none)."""
    keys = profile_keys(user_ids)
    return profiles_among(batches.get_items(keys)) if keys else {}
