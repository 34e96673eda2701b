"""DynamoDB access for likes: one item per (photo, person), and the photo's count beside it.

A like and the count it moves are written in one transaction: the like item's condition makes a
second like (or unlike) by the same person a no-op, and the count changes only when the item
does, so the count can never drift from the likes, however many people press at once. The same
transaction counts the write against the person's budget for the minute
(chalicelib/shared/account_writes.py).
"""

from datetime import datetime

from boto3.dynamodb.conditions import Key

from chalicelib.shared import account_writes, aws_clients, batches, clock, table_keys, transactions


class LikeRefusedError(Exception):
    """The photo cannot be liked or unliked: it is gone, or (for a like) not READY."""


def add_like(photo_id: str, user_id: str, username: str, owner_id: str, now: datetime) -> bool:
    """Like the photo (whose owner is `owner_id`); False if this person already liked it
    (nothing changes)."""
    table_name = aws_clients.dynamodb_table().name
    like = transactions.put_new(
        table_name,
        {
            **table_keys.like_key(photo_id, user_id),
            "userId": user_id,
            # The liker again, under the name AuthorIndex keys on (table_keys.AUTHOR_INDEX).
            "authorId": user_id,
            "username": username,
            "photoOwnerId": owner_id,
            "likedAt": clock.timestamp(now),
        },
    )
    count = {
        "Update": {
            "TableName": table_name,
            "Key": table_keys.photo_key(photo_id),
            "UpdateExpression": "ADD likeCount :one",
            "ConditionExpression": "#status = :ready",
            "ExpressionAttributeNames": {"#status": "status"},
            "ExpressionAttributeValues": {":one": 1, ":ready": "READY"},
        }
    }
    counted = account_writes.counted_write(table_name, user_id, now)
    alive = account_writes.account_not_erased(table_name, user_id)
    return _write_unless_done([like, count, counted, alive])


def remove_like(photo_id: str, user_id: str, now: datetime) -> bool:
    """Take the like back; False if this person had not liked the photo (nothing changes)."""
    table_name = aws_clients.dynamodb_table().name
    counted = account_writes.counted_write(table_name, user_id, now)
    alive = account_writes.account_not_erased(table_name, user_id)
    return _write_unless_done([*_unlike_and_uncount(photo_id, user_id), counted, alive])


def erase_like(photo_id: str, user_id: str) -> bool:
    """Remove a like as part of erasing its author's account (chalicelib/accounts/): with its
    count, like an unlike, but spending no budget; False if it was gone already. A like whose
    photo is gone goes alone: photos.cleanup is removing it anyway, with no count to keep."""
    try:
        transactions.write(_unlike_and_uncount(photo_id, user_id))
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(0):
            return False
        aws_clients.dynamodb_table().delete_item(Key=table_keys.like_key(photo_id, user_id))
    return True


def _unlike_and_uncount(photo_id: str, user_id: str) -> list[dict]:
    """The like deleted (it must exist) and the photo's count taken down (it must exist)."""
    table_name = aws_clients.dynamodb_table().name
    unlike = transactions.delete_existing(table_name, table_keys.like_key(photo_id, user_id))
    count = {
        "Update": {
            "TableName": table_name,
            "Key": table_keys.photo_key(photo_id),
            "UpdateExpression": "ADD likeCount :minus_one",
            "ConditionExpression": "attribute_exists(PK)",
            "ExpressionAttributeValues": {":minus_one": -1},
        }
    }
    return [unlike, count]


def _write_unless_done(like_photo_and_counter: list[dict]) -> bool:
    try:
        transactions.write(like_photo_and_counter)
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(1):
            raise LikeRefusedError() from refused
        if refused.condition_failed(0):
            return False  # the like item's own condition: already in the state asked for
        raise account_writes.BudgetSpentError() from refused
    return True


def liked_photo_ids(photo_ids: list[str], user_id: str) -> set[str]:
    """Which of these photos the person likes, in one BatchGetItem for a whole page."""
    keys = [table_keys.like_key(photo_id, user_id) for photo_id in dict.fromkeys(photo_ids)]
    found = batches.get_items(keys, projection="PK")
    return {table_keys.photo_id_of(item) for item in found}


def likes_page(photo_id: str, after: str | None, limit: int) -> tuple[list[dict], str | None]:
    """One page of a photo's likes, newest first, from LikesIndex (one Query), with the position
    to continue after (`<likedAt>#<user id>`), or None at the end."""
    partition = table_keys.photo_key(photo_id)["PK"]
    query = {
        "IndexName": table_keys.LIKES_INDEX,
        "KeyConditionExpression": Key("PK").eq(partition),
        "ScanIndexForward": False,
        # One more than asked: if it comes, there is a next page (never an empty last page).
        "Limit": limit + 1,
    }
    if after is not None:
        # Continue below the cursor's like; the like need not exist any more.
        liked_at, user_id = after.split("#", 1)
        query["ExclusiveStartKey"] = {**table_keys.like_key(photo_id, user_id), "likedAt": liked_at}
    likes = aws_clients.dynamodb_table().query(**query)["Items"]
    if len(likes) > limit:
        last = likes[limit - 1]
        return likes[:limit], f"{last['likedAt']}#{last['userId']}"
    return likes, None


def delete_all_likes(photo_id: str) -> int:
    """Delete every like of a photo (after the photo itself is gone); returns how many."""
    condition = Key("PK").eq(table_keys.photo_key(photo_id)["PK"]) & Key("SK").begins_with(
        table_keys.LIKE_PREFIX
    )
    return batches.delete_queried(
        {"KeyConditionExpression": condition, "ProjectionExpression": "PK, SK"}
    )
