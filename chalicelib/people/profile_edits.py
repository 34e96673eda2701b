"""What PATCH /me/profile does: a person changes the display name and bio others see on their
profile, and search finds them by the new name at once.

Sits between the edge (which has checked the text: chalicelib/edge/request_parsing.py) and the
stores. The profile and its name items change in one transaction, together with the write it
counts against the person's budget for the minute (shared/account_writes.py), so a name item
never points at a name the profile no longer has.
"""

from datetime import UTC, datetime
from typing import NamedTuple

from chalicelib.people import name_store, profile_store, profiles
from chalicelib.shared import account_writes, aws_clients, table_keys, transactions
from chalicelib.shared.errors import TryAgainLaterError
from chalicelib.shared.users import User

# Instagram's limits, counted as JSON Schema counts a string's length: in code points.
DISPLAY_NAME_MAX_LENGTH = 30
BIO_MAX_LENGTH = 150
TEXT_FIELDS = ("displayName", "bio")
# Two edits of one profile at the same moment: the loser reads the winner's and tries again.
EDIT_ATTEMPTS = 3


class ProfileEdit(NamedTuple):
    """The fields to change, each trimmed text, "" to remove it; a field not sent is absent."""

    changes: dict[str, str]


def edit_profile(user: User, edit: ProfileEdit) -> profiles.ShownProfile:
    """Change the signed-in person's display name and bio; the profile as they now see it."""
    profiles.ensure_profile(user)
    now = datetime.now(UTC)
    for _ in range(EDIT_ATTEMPTS):
        profile = profile_store.get_profile(user.id, consistent=True)
        try:
            _write(profile, edit.changes, now)
        except transactions.TransactionRefusedError as refused:
            if refused.condition_failed(0):
                continue  # the profile changed since it was read
            raise account_writes.limit_reached(now) from refused
        return profiles.ShownProfile(_edited(profile, edit.changes), followed_by_me=False)
    raise TryAgainLaterError()


def _write(profile: dict, changes: dict[str, str], now: datetime) -> None:
    """One transaction: the profile (only if its display name is still the one read), the name
    items that follow its display name, and the write counted for the minute."""
    table_name = aws_clients.dynamodb_table().name
    user_id, username = profile["userId"], profile["username"]
    items = [_profile_update(table_name, profile, changes)]
    items += _display_name_items(table_name, profile, changes)
    # The username's own item again: so an account made before search existed is found once its
    # owner edits the profile (writing it again changes nothing for anyone else).
    items.append(name_store.put_name(table_name, username, user_id, username, name_store.USERNAME))
    items.append(account_writes.account_not_erased(table_name, user_id))
    items.append(account_writes.counted_write(table_name, user_id, now))
    transactions.write([item for item in items if item is not None])


def _profile_update(table_name: str, profile: dict, changes: dict[str, str]) -> dict:
    names = {f"#{field}": field for field in changes}
    values = {f":{field}": text for field, text in changes.items() if text}
    assignments = [f"#{field} = :{field}" for field, text in changes.items() if text]
    removals = [f"#{field}" for field, text in changes.items() if not text]
    expression = " ".join(
        part
        for part in (
            f"SET {', '.join(assignments)}" if assignments else "",
            f"REMOVE {', '.join(removals)}" if removals else "",
        )
        if part
    )
    names["#shown"] = "displayName"
    if profile.get("displayName"):
        condition = "#shown = :shown"
        values[":shown"] = profile["displayName"]
    else:
        condition = "attribute_exists(PK) AND attribute_not_exists(#shown)"
    update = {
        "TableName": table_name,
        "Key": table_keys.profile_key(profile["userId"]),
        "UpdateExpression": expression,
        "ConditionExpression": condition,
        "ExpressionAttributeNames": names,
    }
    if values:
        update["ExpressionAttributeValues"] = values
    return {"Update": update}


def _display_name_items(table_name: str, profile: dict, changes: dict[str, str]) -> list[dict]:
    """The display name's name item moved: the old one deleted, the new one written (neither
    when the display name is not changed, or when old and new search alike)."""
    if "displayName" not in changes:
        return []
    user_id, username = profile["userId"], profile["username"]
    old, new = profile.get("displayName"), changes["displayName"]
    had_item = name_store.display_name_needs_item(old, username)
    gets_item = name_store.display_name_needs_item(new, username)
    same_key = gets_item and table_keys.name_key(old or "", "") == table_keys.name_key(new, "")
    items = []
    if had_item and not same_key:
        items.append(name_store.delete_name(table_name, old, user_id))
    if gets_item:
        items.append(
            name_store.put_name(table_name, new, user_id, username, name_store.DISPLAY_NAME)
        )
    return items


def _edited(profile: dict, changes: dict[str, str]) -> dict:
    edited = {**profile, **{field: text for field, text in changes.items() if text}}
    for field in (field for field, text in changes.items() if not text):
        edited.pop(field, None)
    return edited
