"""Where moto's DynamoDB falls short of DynamoDB, the local stack makes up the difference.

1. **One request at a time.** DynamoDB applies every write to an item atomically, and a Query
   never sees an item half-written. moto's backend mutates plain dictionaries from whichever
   server thread handles the request, so two concurrent writes can lose one (a like count that
   drifts) and a Query can fail mid-iteration. `SerializedDynamoDb` lets one DynamoDB request
   through at a time; S3, SQS and Cognito are left concurrent.

2. **Transactions that cost what they cost in AWS.** moto's TransactWriteItems deep-copies the
   whole table before each transaction and puts the copy back when one is cancelled. Measured
   here: 0.4 s per transaction once the table holds 5,000 items; and the copy put back replaces
   the table's stream, so a reader of the stream stops seeing new changes. `transact_write_items`
   below does what DynamoDB does instead: it checks every condition first, then writes every
   item, and touches nothing when a condition fails.

3. **Answers at DynamoDB's pace, near enough.** moto serialises each answer attribute by
   attribute through botocore's model; `answer_as_json` sends item operations' answers as the
   JSON they already are.

4. **A Query reads its partition, not the table.** moto's Query sorts every item of the table,
   then looks at each one to find the partition asked for; under load that was most of the
   local DynamoDB's time. `query_one_partition` hands moto's own Query a view of the table that
   holds just the partition asked for (a Query of the table), or all items unsorted (a Query of
   an index, whose results moto sorts itself): the same answer, without the sort and the scan.

`install()` puts 2, 3 and 4 in place of moto's own, in this process.
"""

import base64
import copy
import json
import threading

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoResult

# moto's own, kept for the operations answer_as_json leaves to it, and for query_one_partition.
ORIGINAL_EXECUTE_RESULT = DynamoResult.execute_result
ORIGINAL_QUERY = Table.query

DYNAMODB_TARGET_PREFIX = "DynamoDB_20120810."
DYNAMODB_JSON = "application/x-amz-json-1.0"
ITEM_OPERATIONS = {
    "GetItem",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "Query",
    "Scan",
    "BatchGetItem",
    "BatchWriteItem",
    "TransactGetItems",
    "TransactWriteItems",
}
MAX_TRANSACTION_ITEMS = 100
CONDITION_FAILED_MESSAGE = "The conditional request failed"


class SerializedDynamoDb:
    """WSGI middleware: DynamoDB requests (told apart by their X-Amz-Target) one at a time."""

    def __init__(self, app) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith(DYNAMODB_TARGET_PREFIX):
            return self._app(environ, start_response)
        with self._lock:
            # The body is produced inside the lock: moto builds it while handling the request.
            return list(self._app(environ, start_response))


def install() -> None:
    """Put this module's transactions and answers in place of moto's, in this process."""
    DynamoDBBackend.transact_write_items = transact_write_items
    DynamoResult.execute_result = answer_as_json
    Table.query = query_one_partition


def query_one_partition(
    table: Table,
    hash_key,
    range_comparison,
    range_objects,
    limit,
    exclusive_start_key,
    scan_index_forward,
    projection_expressions,
    index_name=None,
    *further_arguments,
    **keywords,
):
    """moto's Query, given only the items it could return: the partition of `hash_key` for a
    Query of the table, every item (unsorted) for a Query of an index."""
    view = copy.copy(table)  # shares the items; only this Query sees the narrower view
    if index_name is None and table.range_key_attr is not None:
        partition = table.items.get(hash_key)
        view.items = {hash_key: partition} if partition is not None else {}
    view.all_items = lambda: _unsorted_items(view)
    return ORIGINAL_QUERY(
        view,
        hash_key,
        range_comparison,
        range_objects,
        limit,
        exclusive_start_key,
        scan_index_forward,
        projection_expressions,
        index_name,
        *further_arguments,
        **keywords,
    )


def _unsorted_items(table: Table) -> list:
    if table.range_key_attr is None:
        return list(table.items.values())
    return [item for partition in table.items.values() for item in partition.values()]


def answer_as_json(result: DynamoResult, context) -> tuple:
    """An item operation's answer as plain JSON, as DynamoDB sends it.

    moto builds every answer by walking botocore's model of the operation, attribute by
    attribute: measured here, a Query returning 13 photos took 63 ms and a GetItem 7 ms, so a
    busy local stack spent its time serialising. For the item operations the result is already
    DynamoDB JSON (`{"S": ...}` values, no timestamps), so `json.dumps` gives the very body the
    model-driven serialiser gives (a test holds the two together), in a fraction of the time.
    Other operations (DescribeTable and the like) keep moto's serialiser.
    """
    if context.operation_model.name not in ITEM_OPERATIONS:
        return ORIGINAL_EXECUTE_RESULT(result, context)
    body = json.dumps(result.result, separators=(",", ":"), default=_base64)
    return 200, {"Content-Type": DYNAMODB_JSON}, body


def _base64(value):
    """Binary attributes travel as base64 text, as DynamoDB's JSON protocol sends them."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not an attribute value")


def transact_write_items(backend: DynamoDBBackend, transact_items: list[dict]) -> None:
    """TransactWriteItems as DynamoDB runs it: all conditions, then all writes, or nothing."""
    if len(transact_items) > MAX_TRANSACTION_ITEMS:
        raise TooManyTransactionsException()
    operations = [_operation(backend, item) for item in transact_items]
    keys = [(operation["TableName"], str(sorted(key.items()))) for _, operation, key in operations]
    if len(set(keys)) != len(keys):
        raise MultipleTransactionsException()
    reasons = [_condition_check(backend, operation, key) for _, operation, key in operations]
    if any(code is not None for code, _, _ in reasons):
        raise TransactionCanceledException(reasons)
    before = [
        (operation["TableName"], key, copy.deepcopy(backend.get_item(operation["TableName"], key)))
        for _, operation, key in operations
    ]
    try:
        for operation_type, operation, key in operations:
            _write(backend, operation_type, operation, key)
    except Exception as error:
        # A write DynamoDB would have refused before starting (an invalid update, say): undo
        # the writes made so far, so the transaction still leaves nothing behind.
        _restore(backend, before)
        raise TransactionCanceledException([(type(error).__name__, str(error), None)]) from error


def _operation(backend: DynamoDBBackend, item: dict) -> tuple[str, dict, dict]:
    if len(item) != 1:
        raise TransactWriteSingleOpException()
    ((operation_type, operation),) = item.items()
    if operation_type == "Put":
        table = backend.get_table(operation["TableName"])
        attributes = operation["Item"]
        key = {table.hash_key_attr: attributes[table.hash_key_attr]}
        if table.range_key_attr is not None:
            key[table.range_key_attr] = attributes[table.range_key_attr]
    else:
        key = operation["Key"]
    return operation_type, operation, key


def _condition_check(backend: DynamoDBBackend, operation: dict, key: dict) -> tuple:
    condition = operation.get("ConditionExpression")
    if condition is None:
        return (None, None, None)
    current = backend.get_item(operation["TableName"], key)
    expression = get_filter_expression(
        condition,
        operation.get("ExpressionAttributeNames"),
        operation.get("ExpressionAttributeValues"),
    )
    if expression.expr(current):
        return (None, None, None)
    wants_old_item = operation.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
    old_item = current.to_json()["Attributes"] if wants_old_item and current else None
    return ("ConditionalCheckFailed", CONDITION_FAILED_MESSAGE, old_item)


def _write(backend: DynamoDBBackend, operation_type: str, operation: dict, key: dict) -> None:
    table_name = operation["TableName"]
    names = operation.get("ExpressionAttributeNames")
    values = operation.get("ExpressionAttributeValues")
    if operation_type == "Put":
        backend.put_item(table_name, operation["Item"])
    elif operation_type == "Delete":
        backend.delete_item(table_name, key)
    elif operation_type == "Update":
        backend.update_item(
            table_name,
            key,
            update_expression=operation["UpdateExpression"],
            expression_attribute_names=names,
            expression_attribute_values=values,
        )
    # "ConditionCheck" writes nothing.


def _restore(backend: DynamoDBBackend, before: list[tuple]) -> None:
    for table_name, key, item in before:
        if item is None:
            backend.delete_item(table_name, key)
        else:
            backend.put_item(table_name, item.to_json()["Attributes"])
