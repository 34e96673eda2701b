"""DynamoDB transactions (TransactWriteItems), with what every caller needs around them.

A transaction writes all of its items or none. When DynamoDB refuses one it gives a reason per
item, in order: `ConditionalCheckFailed` (that item's condition was false, which the caller
interprets: "already liked", "not your photo"), or `TransactionConflict` (another request was
writing the same item at that moment, as when fifty people like one photo at once). botocore does
not retry conflicts, so this module does, with jittered exponential back-off; if they persist
the request is refused with TryAgainLaterError (a 503) and the person can try again.
"""

import random
import time

from botocore.exceptions import ClientError

from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared.errors import AccountErasedError, TryAgainLaterError
from chalicelib.shared.observability import logger

CONFLICT_ATTEMPTS = 8
FIRST_BACKOFF_SECONDS = 0.01
CONDITION_FAILED = "ConditionalCheckFailed"
CONFLICT = "TransactionConflict"


class TransactionRefusedError(Exception):
    """A condition in the transaction was false; nothing was written."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(", ".join(reasons))
        self.reasons = reasons

    def condition_failed(self, index: int) -> bool:
        """Whether the condition of item number `index` (in the order written) was false."""
        return self.reasons[index] == CONDITION_FAILED


def put_new(table_name: str, item: dict) -> dict:
    """A transaction item that creates `item`, and fails its condition if the key is taken."""
    return {
        "Put": {
            "TableName": table_name,
            "Item": item,
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }


def delete_existing(table_name: str, key: dict) -> dict:
    """A transaction item that deletes the item at `key`, and fails its condition if none is."""
    return {
        "Delete": {
            "TableName": table_name,
            "Key": key,
            "ConditionExpression": "attribute_exists(PK)",
        }
    }


def write(items: list[dict]) -> None:
    """Run TransactWriteItems. Items use the client's shape ({"Put": {...}}, {"Update": {...}}),
    with plain Python values: the table resource's client serializes them."""
    client = aws_clients.dynamodb_table().meta.client
    for attempt in range(CONFLICT_ATTEMPTS):
        try:
            client.transact_write_items(TransactItems=items)
            return
        except ClientError as error:
            reasons = [reason["Code"] for reason in error.response.get("CancellationReasons", [])]
            if not reasons:
                raise
            if CONFLICT not in reasons:
                _raise_if_account_erased(items, reasons, error)
                raise TransactionRefusedError(reasons) from error
        time.sleep(random.uniform(0, FIRST_BACKOFF_SECONDS * 2**attempt))
    # Every 503 leaves a line, so the API's 5xx alarm always has something to point at.
    logger.warning(
        "Transaction kept conflicting with other writes", extra={"attempts": CONFLICT_ATTEMPTS}
    )
    raise TryAgainLaterError()


def _raise_if_account_erased(items: list[dict], reasons: list[str], error: Exception) -> None:
    """A write refused by its account_writes.account_not_erased check is refused for one reason
    only, whatever else failed: the account is being erased. Said here, once, so that no store
    mistakes it for its own conditions."""
    for item, reason in zip(items, reasons, strict=False):
        check = item.get("ConditionCheck")
        if reason == CONDITION_FAILED and check and table_keys.is_erasure(check["Key"]):
            raise AccountErasedError() from error
