"""BatchGetItem and BatchWriteItem, finished: DynamoDB may answer a batch only in part (its
`UnprocessedKeys` / `UnprocessedItems`, under load), and the caller must send the rest again.

Reading the viewer's likes of a whole page in one BatchGetItem, instead of one GetItem per photo,
is what keeps a feed page at a fixed, small number of requests.
"""

import time

from chalicelib import aws_clients

# DynamoDB's own limits per request.
MAX_GET_KEYS = 100
MAX_WRITE_ITEMS = 25
RETRY_ATTEMPTS = 6
FIRST_BACKOFF_SECONDS = 0.05


def get_items(keys: list[dict], projection: str | None = None) -> list[dict]:
    """The items that exist among `keys` (at most 100, in no particular order)."""
    if not keys:
        return []
    if len(keys) > MAX_GET_KEYS:
        raise ValueError(f"at most {MAX_GET_KEYS} keys per batch")
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


def delete_items(keys: list[dict]) -> None:
    """Delete every key, 25 per request; the table resource's batch writer resends what
    DynamoDB leaves unprocessed."""
    with aws_clients.dynamodb_table().batch_writer() as batch:
        for key in keys:
            batch.delete_item(Key=key)
