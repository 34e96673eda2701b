"""DynamoDB access for name items, what search finds people by: one for a person's username and
one for their display name when it reads differently, each beside the profile and written in the
same transaction as the profile change it follows (docs/data-model.md, design decision 19).

A name item is keyed by the name's searchable form (table_keys.searchable_name) in the
partition of its first character, so "people whose name starts with ana" is one Query:
`NAMES#a`, `begins_with(SK, "ana")`. Each item carries the person's id and username, so the
list needs no look-up of names, and says which of their names it is (`nameOf`), so a person
found by both is still one person.
"""

from boto3.dynamodb.conditions import Key

from chalicelib.shared import aws_clients, table_keys

USERNAME = "username"
DISPLAY_NAME = "displayName"


def put_name(table_name: str, name: str, user_id: str, username: str, name_of: str) -> dict | None:
    """A transaction item that writes the name item of `name` (None if the name has nothing to
    search by). Unconditional: writing it again writes the same item."""
    key = table_keys.name_key(name, user_id)
    if key is None:
        return None
    item = {**key, "userId": user_id, "username": username, "nameOf": name_of}
    return {"Put": {"TableName": table_name, "Item": item}}


def delete_name(table_name: str, name: str, user_id: str) -> dict | None:
    """A transaction item that deletes the name item of `name`, if it has one; deleting one that
    is gone already is no error."""
    key = table_keys.name_key(name, user_id)
    if key is None:
        return None
    return {"Delete": {"TableName": table_name, "Key": key}}


def display_name_needs_item(display_name: str | None, username: str) -> bool:
    """Whether a display name gets a name item of its own: not when it is missing, has nothing
    to search by, or reads as the username does ("Ana" beside "ana"), which finds the person
    already; so the two items of one person never share a key."""
    if not display_name:
        return False
    key = table_keys.name_key(display_name, "")
    return key is not None and key != table_keys.name_key(username, "")


def names_starting_with(searchable_prefix: str, count: int) -> list[dict]:
    """Up to `count` name items whose searchable name starts with `searchable_prefix` (not
    empty), in the order of their searchable names: one Query, however many people there are."""
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.names_partition(searchable_prefix[0]))
        & Key("SK").begins_with(searchable_prefix),
        ProjectionExpression="SK, userId, username, nameOf",
        Limit=count,
    )
    return response["Items"]
