"""BatchGetItem and BatchWriteItem, finished: DynamoDB may answer a batch only in part (its
`UnprocessedKeys` / `UnprocessedItems`, under load), and the caller must send the rest again.

Reading the viewer's likes of a whole page in one BatchGetItem, instead of one GetItem per photo,
is what keeps a feed page at a fixed, small number of requests.
"""

import time

from chalicelib.shared import aws_clients

# DynamoDB's own limits per request.
MAX_GET_KEYS = 100
MAX_WRITE_ITEMS = 25
RETRY_ATTEMPTS = 6
FIRST_BACKOFF_SECONDS = 0.05


def get_items(keys: list[dict], projection: str | None = None) -> list[dict]:
    """The items that exist among `keys`, in no particular order: one BatchGetItem for up to
    100 keys, one more for each 100 after (a page of 50 people with their follows and profiles
    has 101)."""
    found: list[dict] = []
    for start in range(0, len(keys), MAX_GET_KEYS):
        found += _get_batch(keys[start : start + MAX_GET_KEYS], projection)
    return found


def _get_batch(keys: list[dict], projection: str | None) -> list[dict]:
    table = aws_clients.dynamodb_table()
    request = {"Keys": keys, **({"ProjectionExpression": projection} if projection else {})}
    found: list[dict] = []
    for attempt in range(RETRY_ATTEMPTS):
        response = table.meta.client.batch_get_item(RequestItems={table.name: request})
        found += response["Responses"].get(table.name, [])
        unprocessed = response.get("UnprocessedKeys", {}).get(table.name)
        if not unprocessed:
            return found
        request = unprocessed
        time.sleep(FIRST_BACKOFF_SECONDS * 2**attempt)
    raise RuntimeError("DynamoDB left keys unprocessed after every retry")


def delete_queried(query: dict) -> int:
    """Delete every item a Query finds, page by page (the query projects the keys, `PK, SK`);
    returns how many."""
    table = aws_clients.dynamodb_table()
    query = dict(query)
    deleted = 0
    while True:
        response = table.query(**query)
        write_items(deletes=response["Items"])
        deleted += len(response["Items"])
        if "LastEvaluatedKey" not in response:
            return deleted
        query["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def write_items(puts: list[dict] = (), deletes: list[dict] = ()) -> float:
    """Put whole items and delete keys, 25 to a BatchWriteItem, sending again whatever DynamoDB
    leaves unprocessed; returns the write capacity units the writes consumed.

    A batch is not a transaction: each item is written on its own. That is what the fan-out
    wants: a thousand timeline entries in forty requests, each of them safe to write twice.
    """
    table = aws_clients.dynamodb_table()
    requests = [{"PutRequest": {"Item": item}} for item in puts]
    requests += [{"DeleteRequest": {"Key": key}} for key in deletes]
    consumed = 0.0
    for start in range(0, len(requests), MAX_WRITE_ITEMS):
        consumed += _write_batch(table, requests[start : start + MAX_WRITE_ITEMS])
    return consumed


def _write_batch(table, requests: list[dict]) -> float:
    consumed = 0.0
    for attempt in range(RETRY_ATTEMPTS):
        response = table.meta.client.batch_write_item(
            RequestItems={table.name: requests}, ReturnConsumedCapacity="TOTAL"
        )
        consumed += sum(use.get("CapacityUnits", 0) for use in response.get("ConsumedCapacity", []))
        requests = response.get("UnprocessedItems", {}).get(table.name)
        if not requests:
            return consumed
        time.sleep(FIRST_BACKOFF_SECONDS * 2**attempt)
    raise RuntimeError("DynamoDB left writes unprocessed after every retry")
