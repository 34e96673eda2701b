"""DynamoDB access for an erasure: the item that holds its progress, and the mark on the profile
that hides the person at once.

    ERASED#<sha-256 of user id>  ERASURE   {userId, username, startedAt, step, stepNumber,
                                            cursor?}  while it runs;
                                           {step: "DONE", startedAt, finishedAt, deleteAfter}
                                            once it is over
    USER#<user id>               PROFILE   ... erasure = <startedAt>  while it runs

Both are written in the one transaction that starts the erasure (DELETE /me). The erasure item
is what every write of the account checks (account_writes.account_not_erased), so from that
moment nothing new is written for the account; it outlives the profile, without the id, for
as long as an old ID token may still be used, and the table's time-to-live then removes it.
Each step of the erasure is written back onto it with a condition on `stepNumber`, so that a
replayed or retried stream record can never rewind it or start a second chain.
"""

from datetime import datetime, timedelta

from botocore.exceptions import ClientError

from chalicelib.people.looks import ERASURE_MARK
from chalicelib.shared import aws_clients, clock, table_keys, transactions

DONE = "DONE"
# An ID token lives an hour; the mark outlives the last one with room to spare.
MARK_KEPT_FOR = timedelta(hours=2)


def start(user_id: str, username: str, first_step: str, now: datetime) -> bool:
    """Start erasing the account: its erasure item and its profile's mark, both or neither (a
    profile is made marked if the account never had one). False if it was started before."""
    table_name = aws_clients.dynamodb_table().name
    started_at = clock.timestamp(now)
    erasure = {
        **table_keys.erasure_key(user_id),
        "userId": user_id,
        "username": username,
        "startedAt": started_at,
        "step": first_step,
        "stepNumber": 0,
    }
    mark = {
        "Update": {
            "TableName": table_name,
            "Key": table_keys.profile_key(user_id),
            "UpdateExpression": (
                "SET #mark = :started, userId = if_not_exists(userId, :id), "
                "username = if_not_exists(username, :username)"
            ),
            "ExpressionAttributeNames": {"#mark": ERASURE_MARK},
            "ExpressionAttributeValues": {
                ":started": started_at,
                ":id": user_id,
                ":username": username,
            },
        }
    }
    try:
        transactions.write([transactions.put_new(table_name, erasure), mark])
    except transactions.TransactionRefusedError:
        return False  # the erasure item exists: started before (or over already)
    return True


def get(key: dict) -> dict | None:
    """The erasure item, read consistently: what it says decides whether a step runs."""
    return aws_clients.dynamodb_table().get_item(Key=key, ConsistentRead=True).get("Item")


def advance(erasure: dict, step: str, cursor: dict | None) -> bool:
    """Write the erasure's next step (and where in it to go on from) onto its item, if nobody
    has moved it since `erasure` was read; False if somebody has (a replayed record, a retry
    that lost the race): the caller then stops, as the chain goes on without it."""
    values = {":seen": erasure["stepNumber"], ":next": erasure["stepNumber"] + 1, ":step": step}
    expression = "SET stepNumber = :next, step = :step"
    if cursor is None:
        expression += " REMOVE #cursor"
    else:
        expression += ", #cursor = :cursor"
        values[":cursor"] = cursor
    return _update_if_unmoved(erasure, expression, values)


def finish(erasure: dict, now: datetime) -> bool:
    """The last step: the profile removed, and the erasure item kept only as the mark that old
    tokens may not write (no id, no username), until the table's time-to-live removes it."""
    table_name = aws_clients.dynamodb_table().name
    profile = {
        "Delete": {"TableName": table_name, "Key": table_keys.profile_key(erasure["userId"])}
    }
    done = {
        "Update": {
            "TableName": table_name,
            "Key": _key_of(erasure),
            "UpdateExpression": (
                "SET step = :done, stepNumber = :next, finishedAt = :now, deleteAfter = :expires "
                "REMOVE userId, username, #cursor"
            ),
            "ConditionExpression": "stepNumber = :seen",
            "ExpressionAttributeNames": {"#cursor": "cursor"},
            "ExpressionAttributeValues": {
                ":done": DONE,
                ":seen": erasure["stepNumber"],
                ":next": erasure["stepNumber"] + 1,
                ":now": clock.timestamp(now),
                ":expires": int((now + MARK_KEPT_FOR).timestamp()),
            },
        }
    }
    try:
        transactions.write([profile, done])
    except transactions.TransactionRefusedError:
        return False
    return True


def _update_if_unmoved(erasure: dict, expression: str, values: dict) -> bool:
    try:
        aws_clients.dynamodb_table().update_item(
            Key=_key_of(erasure),
            UpdateExpression=expression,
            ConditionExpression="stepNumber = :seen",
            ExpressionAttributeNames={"#cursor": "cursor"},
            ExpressionAttributeValues=values,
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _key_of(erasure: dict) -> dict:
    return {"PK": erasure["PK"], "SK": erasure["SK"]}
