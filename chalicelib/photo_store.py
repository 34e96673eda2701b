"""DynamoDB access for photos: the only module that knows the table's key layout.

One table holds everything (see DESIGN.md): a photo is `PK=PHOTO#<id>, SK=PHOTO`. The global feed
is the sparse index FeedIndex: the worker sets `feedShard`/`feedSort` only when a photo becomes
READY, so pending and failed photos can never reach the feed, and a feed page is one Query per
shard, never a Scan.
"""

from boto3.dynamodb.conditions import Key

from chalicelib import aws_clients

FEED_INDEX = "FeedIndex"


def photo_key(photo_id: str) -> dict:
    return {"PK": f"PHOTO#{photo_id}", "SK": "PHOTO"}


def feed_shard_key(shard: int) -> str:
    return f"FEED#{shard}"


def put_new_photo(item: dict) -> None:
    """Store a new photo; the condition makes an id collision an error, never an overwrite."""
    aws_clients.dynamodb_table().put_item(
        Item={**photo_key(item["id"]), **item},
        ConditionExpression="attribute_not_exists(PK)",
    )


def get_photo(photo_id: str) -> dict | None:
    response = aws_clients.dynamodb_table().get_item(Key=photo_key(photo_id))
    return response.get("Item")


def newest_ready_photos(shard_count: int, below_sort_key: str | None, limit: int) -> list[dict]:
    """Up to `limit + 1` READY photos, newest first, merged across every feed shard.

    Asking each shard for one more than a page lets the caller tell whether another page exists
    without a second round trip.
    """
    photos: list[dict] = []
    for shard in range(shard_count):
        condition = Key("feedShard").eq(feed_shard_key(shard))
        if below_sort_key is not None:
            condition &= Key("feedSort").lt(below_sort_key)
        response = aws_clients.dynamodb_table().query(
            IndexName=FEED_INDEX,
            KeyConditionExpression=condition,
            ScanIndexForward=False,
            Limit=limit + 1,
        )
        photos.extend(response["Items"])
    photos.sort(key=lambda photo: photo["feedSort"], reverse=True)
    return photos[: limit + 1]
