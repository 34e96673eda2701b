"""DynamoDB access for inboxes: the notifications in a person's partition, newest last in key
order, and the mark of where they have read up to.

    INBOX#<user id>  LAST_READ                          {noteKey: the newest SK read}
    INBOX#<user id>  NOTE#<time>#<kind>#<subject>       one notification

Writes come from the table's stream and are whole items under keys fixed by the deed
(notifications.deeds): BatchWriteItem puts and deletes, each safe to repeat. Nothing counts the
unread ones as they arrive; they are counted when asked, as the notifications after the mark:
one Query that reads at most UNREAD_COUNTED of them, however full the inbox. That is exact up to
UNREAD_COUNTED - 1 and "more" beyond (the page shows "99+"), and it can never drift: a
notification removed, expired or written twice is simply there or not.
"""

import contextlib

from boto3.dynamodb.conditions import Key

from chalicelib.shared import account_writes, aws_clients, batches, table_keys, transactions

# The unread count reads at most this many notifications: 100 means "more than 99".
UNREAD_COUNTED = 100
NO_MARK = table_keys.NOTE_PREFIX  # before every notification: all of them are unread


def write(puts: list[dict], deletes: list[dict]) -> None:
    """Store new notifications and delete those whose deed was undone (keys only)."""
    batches.write_items(puts=puts, deletes=deletes)


def last_read(user_id: str) -> str:
    """The sort key of the newest notification read, or NO_MARK if none was ever read."""
    item = aws_clients.dynamodb_table().get_item(Key=table_keys.last_read_key(user_id)).get("Item")
    return item["noteKey"] if item else NO_MARK


def unread_count(user_id: str, mark: str) -> int:
    """How many notifications sort after `mark`, counting at most UNREAD_COUNTED."""
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.inbox_partition(user_id))
        & Key("SK").gt(mark),
        Select="COUNT",
        Limit=UNREAD_COUNTED,
    )
    return response["Count"]


def notifications_page(
    user_id: str, after_id: str | None, limit: int
) -> tuple[list[dict], str | None]:
    """One page of the inbox, newest first, in one Query; and the id to continue after."""
    query = {
        "KeyConditionExpression": Key("PK").eq(table_keys.inbox_partition(user_id))
        & Key("SK").begins_with(table_keys.NOTE_PREFIX),
        "ScanIndexForward": False,
        "Limit": limit + 1,
    }
    if after_id is not None:
        query["ExclusiveStartKey"] = table_keys.notification_key(user_id, after_id)
    items = aws_clients.dynamodb_table().query(**query)["Items"]
    if len(items) > limit:
        return items[:limit], table_keys.notification_id_of(items[limit - 1])
    return items, None


def mark_read(user_id: str) -> None:
    """Everything in the inbox now is read: the mark moves to the newest notification (never
    back, should two marks race)."""
    table = aws_clients.dynamodb_table()
    newest = table.query(
        KeyConditionExpression=Key("PK").eq(table_keys.inbox_partition(user_id))
        & Key("SK").begins_with(table_keys.NOTE_PREFIX),
        ScanIndexForward=False,
        Limit=1,
        ProjectionExpression="SK",
    )["Items"]
    if not newest:
        return
    mark = {
        "Put": {
            "TableName": table.name,
            "Item": {**table_keys.last_read_key(user_id), "noteKey": newest[0]["SK"]},
            "ConditionExpression": "attribute_not_exists(noteKey) OR noteKey < :newest",
            "ExpressionAttributeValues": {":newest": newest[0]["SK"]},
        }
    }
    # With the check that the account is not being erased: its inbox is being emptied.
    alive = account_writes.account_not_erased(table.name, user_id)
    # Refused when a newer mark is there already: nothing to do.
    with contextlib.suppress(transactions.TransactionRefusedError):
        transactions.write([mark, alive])
