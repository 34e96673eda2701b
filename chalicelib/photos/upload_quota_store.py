"""DynamoDB access for counters that cap what one person may do in a period: one item per person
and period, raised by a conditional UpdateItem that refuses to go past the cap."""

from datetime import datetime, timedelta

from botocore.exceptions import ClientError

from chalicelib.shared import aws_clients, table_keys

# Kept a day past its hour, then removed by the table's time-to-live.
COUNTER_LIFETIME = timedelta(days=1)


def count_upload(user_id: str, hour: str, cap: int, hour_ends: datetime) -> bool:
    """Add one to the person's uploads in `hour`; False (and nothing added) at the cap."""
    try:
        aws_clients.dynamodb_table().update_item(
            Key=table_keys.upload_count_key(user_id, hour),
            UpdateExpression="ADD uploads :one SET deleteAfter = :expires",
            ConditionExpression="attribute_not_exists(uploads) OR uploads < :cap",
            ExpressionAttributeValues={
                ":one": 1,
                ":cap": cap,
                ":expires": int((hour_ends + COUNTER_LIFETIME).timestamp()),
            },
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True
