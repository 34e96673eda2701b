"""What people look like now: their display name and picture, read from their profiles when a
page is read, never copied into the photos, likes, comments and follows that name them.

So a new name or picture shows on every card at the next read, photos shared years before
included, and changing one writes one item. The price is reading the profiles of the people a
page shows; every list adds their keys to the one BatchGetItem it makes anyway (the viewer's
likes, their follows, the page's photos), or makes one, so a page costs the same number of
requests however many people it shows (docs/design-decisions.md has the record, and weighs the
copy the other way round). people.presenter.present_looks turns a profile into JSON.

A person whose account is being erased is gone from every list at once, though the clean-up
of what they wrote takes a while (chalicelib/accounts/): their profile carries the mark
`erasure` from the moment they asked, and every list already reads the profiles of the people
it shows, so each list drops them with `is_gone`, at no extra request.
"""

from collections.abc import Iterable

from chalicelib.shared import batches, table_keys

# The profile attribute that says the account is being erased (accounts.erasure_store).
ERASURE_MARK = "erasure"


def is_gone(profile: dict | None) -> bool:
    """Whether this profile's person must not be shown: their account is being erased. (No
    profile at all is not "gone": accounts older than profiles have none until their next
    visit; an erased account's things are removed before its profile.)"""
    return profile is not None and ERASURE_MARK in profile


def gone_among(profiles: dict[str, dict]) -> set[str]:
    """The ids, among these profiles by user id, of the people who must not be shown."""
    return {user_id for user_id, profile in profiles.items() if is_gone(profile)}


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
