"""DynamoDB access for what bounds one person's uploads: the slots their waiting photos hold, and
their hourly upload counter (chalicelib/shared/window_counters.py).

A person has MAX_PENDING_UPLOADS slot items, `UPLOAD_SLOT#0` to `UPLOAD_SLOT#<n-1>`, in their
own partition. A new photo takes a free slot in the same transaction that stores it, with a
condition that the slot is free: a semaphore, exact however many requests arrive at once. A slot
is free when it has no item, or its photo's upload window has passed (`freeAfter`); the stream
deletes the item as soon as its photo stops waiting (photos.upload_limits).
"""

from datetime import datetime, timedelta

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from chalicelib.shared import aws_clients, clock, table_keys

# A slot item stays a day past its window, for anyone looking into the table, then the table's
# time-to-live removes it.
SLOT_LIFETIME = timedelta(days=1)


def slots_held(user_id: str) -> list[dict]:
    """The person's slot items, read consistently (one Query of their own partition), so a
    photo stored a moment ago is seen."""
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.user_partition(user_id))
        & Key("SK").begins_with(table_keys.UPLOAD_SLOT_PREFIX),
        ConsistentRead=True,
    )
    return response["Items"]


def slot_number(slot: dict) -> int:
    return int(slot["SK"].removeprefix(table_keys.UPLOAD_SLOT_PREFIX))


def take_slot(
    table_name: str, user_id: str, slot: int, photo_id: str, free_after: datetime, now: datetime
) -> dict:
    """A transaction item that puts `photo_id` in the slot, and fails its condition unless the
    slot is free now."""
    return {
        "Put": {
            "TableName": table_name,
            "Item": {
                **table_keys.upload_slot_key(user_id, slot),
                "photoId": photo_id,
                "freeAfter": clock.timestamp(free_after),
                "deleteAfter": int((free_after + SLOT_LIFETIME).timestamp()),
            },
            "ConditionExpression": "attribute_not_exists(PK) OR freeAfter < :now",
            "ExpressionAttributeValues": {":now": clock.timestamp(now)},
        }
    }


def free_slot(user_id: str, slot: int, photo_id: str) -> None:
    """Empty the slot, if `photo_id` still holds it: a slot taken again by a newer photo, after
    this one's window passed, stays taken."""
    try:
        aws_clients.dynamodb_table().delete_item(
            Key=table_keys.upload_slot_key(user_id, slot),
            ConditionExpression="photoId = :photo",
            ExpressionAttributeValues={":photo": photo_id},
        )
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
