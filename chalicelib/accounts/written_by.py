"""What one person wrote in other people's partitions: their likes, comments and replies, which
live under the photos they were written on.

Used by the export (chalicelib/accounts/export_contents.py), and fit for an erasure, which must
find the same items. AuthorIndex (keys only, partition `authorId`, sort key the table's `SK`)
lists their keys: `LIKE#`, `COMMENT#` and `REPLY#` each make one range of the sort key. The items
themselves then come 100 at a time with BatchGetItem (chalicelib/shared/batches.py). An index is
eventually consistent: what was written a second ago may be missing, which neither an archive
nor a second pass of an erasure minds.
"""

from collections.abc import Iterator

from boto3.dynamodb.conditions import Key

from chalicelib.shared import aws_clients, batches, table_keys


def written_query(author_id: str, sort_key_prefix: str) -> dict:
    """The AuthorIndex Query of the author's items whose sort key starts with
    `sort_key_prefix`: what an export reads whole and an erasure reads a bounded page of."""
    return {
        "IndexName": table_keys.AUTHOR_INDEX,
        "KeyConditionExpression": Key("authorId").eq(author_id)
        & Key("SK").begins_with(sort_key_prefix),
    }


def written_keys(author_id: str, sort_key_prefix: str) -> Iterator[list[dict]]:
    """The keys (`PK`, `SK`) of the author's items whose sort key starts with `sort_key_prefix`,
    a page of the index (up to 1 MB) at a time."""
    query = written_query(author_id, sort_key_prefix)
    table = aws_clients.dynamodb_table()
    while True:
        response = table.query(**query)
        yield [{"PK": item["PK"], "SK": item["SK"]} for item in response["Items"]]
        if "LastEvaluatedKey" not in response:
            return
        query["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def written_items(author_id: str, sort_key_prefix: str) -> Iterator[dict]:
    """The author's items themselves (likes: `LIKE_PREFIX`; comments: `COMMENT_PREFIX`; replies:
    `REPLY_PREFIX`), in no particular order."""
    for keys in written_keys(author_id, sort_key_prefix):
        yield from batches.get_items(keys)


def likes_by(author_id: str) -> Iterator[dict]:
    return written_items(author_id, table_keys.LIKE_PREFIX)


def comments_and_replies_by(author_id: str) -> Iterator[dict]:
    yield from written_items(author_id, table_keys.COMMENT_PREFIX)
    yield from written_items(author_id, table_keys.REPLY_PREFIX)
