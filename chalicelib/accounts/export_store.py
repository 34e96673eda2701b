"""DynamoDB for "download your data": a person's export items and their export state.

Request path: POST /me/export and GET /me/exports* -> chalicelib/accounts/exports.py -> here;
the export function (chalicelib/accounts/export_job.py) -> here, to mark an export READY or
FAILED.

Two kinds of item live in the person's own partition (docs/data-model.md):

    export        USER#<user id> / EXPORT#<export id>   status, times, the archive's place
    export state  USER#<user id> / EXPORTS              pendingExportId, recentStarts, version

The state item is what makes a double click start one job, and the daily limit exact: a new
export is written in one transaction with the state item, on the condition that the state is
still the version that was read. Of two requests at once, one writes and the other finds the
state changed, reads it again, and sees the export the first one started.
"""

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from chalicelib.accounts import erasure_store
from chalicelib.shared import account_writes, aws_clients, table_keys, transactions

# The newest exports a person is shown (GET /me/exports).
LISTED_EXPORTS = 10


def export_state(user_id: str) -> dict:
    """The state item, or an empty one (version 0) for a person who never asked for an export.
    Read consistently: it decides whether a job starts."""
    item = aws_clients.dynamodb_table().get_item(
        Key=table_keys.export_state_key(user_id), ConsistentRead=True
    )
    return item.get("Item") or {"version": 0, "recentStarts": []}


def get_export(user_id: str, export_id: str, consistent: bool = False) -> dict | None:
    item = aws_clients.dynamodb_table().get_item(
        Key=table_keys.export_key(user_id, export_id), ConsistentRead=consistent
    )
    return item.get("Item")


def newest_exports(user_id: str) -> list[dict]:
    """The person's newest exports, newest first: their ids are ULIDs, so the sort key orders
    them by time."""
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.user_partition(user_id))
        & Key("SK").begins_with(table_keys.EXPORT_PREFIX),
        ScanIndexForward=False,
        Limit=LISTED_EXPORTS,
    )
    return response["Items"]


def start_export(export: dict, recent_starts: list[str], state_version: int, expires: int) -> bool:
    """Write the new PENDING `export` and the state that names it as the one in progress, if
    the state is still at `state_version`; False if another request changed it first."""
    table_name = aws_clients.dynamodb_table().name
    user_id = export["userId"]
    state = {
        **table_keys.export_state_key(user_id),
        "pendingExportId": export["id"],
        "recentStarts": recent_starts,
        "version": state_version + 1,
        "deleteAfter": expires,
    }
    guarded_state = {
        "Put": {
            "TableName": table_name,
            "Item": state,
            "ConditionExpression": "attribute_not_exists(PK) OR version = :read",
            "ExpressionAttributeValues": {":read": state_version},
        }
    }
    item = {**table_keys.export_key(user_id, export["id"]), **export}
    try:
        # An account being erased starts nothing: its old token gets AccountErasedError.
        not_erased = account_writes.account_not_erased(table_name, user_id)
        transactions.write([transactions.put_new(table_name, item), guarded_state, not_erased])
    except transactions.TransactionRefusedError:
        return False
    return True


def mark_ready(export: dict, object_key: str, size_bytes: int, ready_at: str, expires: int) -> bool:
    """READY with the archive's place and size, if still PENDING; the item now lives as long as
    its archive (`deleteAfter` = the link's last day). False if it was not PENDING."""
    return _finish(
        export,
        "SET #status = :ready, objectKey = :key, sizeBytes = :size, readyAt = :ready_at, "
        "deleteAfter = :expires",
        {
            ":ready": "READY",
            ":key": object_key,
            ":size": size_bytes,
            ":ready_at": ready_at,
            ":expires": expires,
        },
    )


def mark_failed(export: dict, reason: str) -> bool:
    """FAILED with a reason a person can read, if still PENDING."""
    update = "SET #status = :failed, failureReason = :reason"
    return _finish(export, update, {":failed": "FAILED", ":reason": reason})


def _finish(export: dict, update: str, values: dict) -> bool:
    try:
        aws_clients.dynamodb_table().update_item(
            Key=table_keys.export_key(export["userId"], export["id"]),
            UpdateExpression=update,
            ConditionExpression="#status = :pending",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={**values, ":pending": "PENDING"},
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True


def account_erased(user_id: str) -> bool:
    """Whether `user_id`'s account is being erased (or was, within the last two hours): an
    archive finished then must not outlive the erasure's removal of the person's archives."""
    return erasure_store.get(table_keys.erasure_key(user_id)) is not None
