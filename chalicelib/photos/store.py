"""DynamoDB access for photo items: create, read, page through (the global feed and one owner's
photos), change the caption and alt text, delete.

Two sparse indexes serve the lists, so no list ever needs a Scan (docs/data-model.md):
- FeedIndex: the worker sets `feedShard`/`feedSort` only when a photo becomes READY, so pending
  and failed photos never reach the global feed. A feed page is one Query per shard.
- OwnerIndex: `ownerName`/`ownerSort` are set when the photo is created, so the owner can see
  their pending and failed photos too. A profile page is one Query.
"""

from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from chalicelib.shared import aws_clients, table_keys, transactions


def new_photo(table_name: str, item: dict) -> dict:
    """A transaction item that stores a new photo; its condition makes an id collision an error,
    never an overwrite. (photos.upload_limits writes it together with the person's limits.)"""
    return transactions.put_new(table_name, {**table_keys.photo_key(item["id"]), **item})


def get_photo(photo_id: str, consistent: bool = False) -> dict | None:
    """The photo item, or None. `consistent` reads after every write that came before it (a
    like just counted), at twice the read cost."""
    response = aws_clients.dynamodb_table().get_item(
        Key=table_keys.photo_key(photo_id), ConsistentRead=consistent
    )
    return response.get("Item")


def newest_ready_photos(shard_count: int, below_sort_key: str | None, limit: int) -> list[dict]:
    """Up to `limit + 1` READY photos, newest first, merged across every feed shard.

    Asking each shard for one more than a page lets the caller tell whether another page exists
    without a second round trip.
    """
    photos: list[dict] = []
    for shard in range(shard_count):
        condition = Key("feedShard").eq(table_keys.feed_shard_key(shard))
        if below_sort_key is not None:
            condition &= Key("feedSort").lt(below_sort_key)
        response = aws_clients.dynamodb_table().query(
            IndexName=table_keys.FEED_INDEX,
            KeyConditionExpression=condition,
            ScanIndexForward=False,
            Limit=limit + 1,
        )
        photos.extend(response["Items"])
    photos.sort(key=lambda photo: photo["feedSort"], reverse=True)
    return photos[: limit + 1]


def owner_photos(
    username: str, below_sort_key: str | None, limit: int, ready_only: bool
) -> tuple[list[dict], str | None]:
    """One page of an owner's photos, newest first, in one Query; and the sort key to continue
    below, or None when there is nothing more.

    `ready_only` keeps READY photos only. That is a filter, applied after DynamoDB has read
    `limit + 1` photos, so a page can come back short when the owner has pending or failed
    photos among them; the continuation key still moves on. Both kinds are few and short-lived
    (a failed photo expires), so the page stays one cheap Query rather than a second index.
    """
    condition = Key("ownerName").eq(table_keys.owner_index_partition(username))
    if below_sort_key is not None:
        condition &= Key("ownerSort").lt(below_sort_key)
    query = {
        "IndexName": table_keys.OWNER_INDEX,
        "KeyConditionExpression": condition,
        "ScanIndexForward": False,
        "Limit": limit + 1,
    }
    if ready_only:
        query["FilterExpression"] = Attr("status").eq("READY")
    response = aws_clients.dynamodb_table().query(**query)
    photos = response["Items"]
    if len(photos) > limit:
        return photos[:limit], photos[limit - 1]["ownerSort"]
    last_read = response.get("LastEvaluatedKey")
    return photos, last_read["ownerSort"] if last_read else None


def set_texts(photo_id: str, owner_id: str, texts: dict[str, str]) -> dict | None:
    """Change the photo's texts (`caption`, `altText`) if `owner_id` owns the photo; the updated
    photo, or None if the photo is gone or someone else's."""
    names = {f"#{name}": name for name in texts}
    try:
        response = aws_clients.dynamodb_table().update_item(
            Key=table_keys.photo_key(photo_id),
            UpdateExpression="SET " + ", ".join(f"#{name} = :{name}" for name in texts),
            ConditionExpression="ownerId = :owner",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues={
                **{f":{name}": text for name, text in texts.items()},
                ":owner": owner_id,
            },
            ReturnValues="ALL_NEW",
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return None
        raise
    return response["Attributes"]


def delete_photo(photo: dict) -> bool:
    """Delete the photo item as it was read, and take it off its owner's photo count if it was
    counted (READY), in one transaction. False if it changed meanwhile (the worker marked it
    READY, or it is already gone): read it again and retry.

    Only the item goes here, so the request stays fast whatever the photo has collected. Its
    likes and files are removed afterwards by photos.cleanup, which the table's stream runs.
    """
    table = aws_clients.dynamodb_table()
    delete = {
        "Delete": {
            "TableName": table.name,
            "Key": table_keys.photo_key(photo["id"]),
            "ConditionExpression": "#status = :status",
            "ExpressionAttributeNames": {"#status": "status"},
            "ExpressionAttributeValues": {":status": photo["status"]},
        }
    }
    uncount = {
        "Update": {
            "TableName": table.name,
            "Key": table_keys.profile_key(photo["ownerId"]),
            "UpdateExpression": "ADD photoCount :minus_one",
            "ExpressionAttributeValues": {":minus_one": -1},
        }
    }
    try:
        transactions.write([delete, uncount] if photo["status"] == "READY" else [delete])
    except transactions.TransactionRefusedError:
        return False
    return True
