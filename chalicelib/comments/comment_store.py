"""DynamoDB access for comments: items in their photo's partition, and the counts they move.

Every write is one transaction with the counts it changes, so the counts are exact however many
people write at once:
- a comment adds 1 to the photo's `commentCount` (the photo must be READY);
- a reply adds 1 to its comment's `replyCount` and to the photo's `commentCount`; updating the
  comment is also the check that it still exists, so a reply can never land under a comment
  being deleted;
- deleting a reply takes 1 off both;
- deleting a comment takes 1 + its replies off the photo's count, on the condition that its
  `replyCount` is still the number read: a reply written meanwhile changes it, and the delete is
  tried again with the new number. The replies themselves are removed afterwards by
  comments.cleanup (from the table's stream), already uncounted.
Each transaction also counts one write against the person's budget for the minute, and is
refused if their account is being erased (chalicelib/shared/account_writes.py); erasing an
account removes its comments and replies the same way, without those two (erase_comment,
erase_reply).
"""

from datetime import datetime

from boto3.dynamodb.conditions import Key

from chalicelib.shared import account_writes, aws_clients, batches, table_keys, transactions


class PhotoRefusedError(Exception):
    """The photo is gone, or (for a new comment) not READY."""


class CommentGoneError(Exception):
    """The comment answered or deleted does not exist (any more)."""


class CommentChangedError(Exception):
    """The comment gained or lost a reply since it was read: read it again."""


def add_comment(item: dict, now: datetime) -> None:
    """Store a new top-level comment, or a reply when `item` has `replyTo`."""
    table_name = aws_clients.dynamodb_table().name
    photo_id = item["photoId"]
    photo_count = _count_change(table_name, table_keys.photo_key(photo_id), "commentCount", 1)
    # Only a READY photo takes comments (an item that is gone fails this too).
    photo_count["Update"] |= {
        "ConditionExpression": "#status = :ready",
        "ExpressionAttributeNames": {"#status": "status"},
        "ExpressionAttributeValues": {":change": 1, ":ready": "READY"},
    }
    spent = _spent_by(table_name, item["authorId"], now)
    comment = transactions.put_new(table_name, {**_key_of(item), **item})
    if "replyTo" not in item:
        _write([comment, photo_count, *spent])
        return
    answered = table_keys.comment_key(photo_id, item["replyTo"])
    _write([comment, photo_count, _count_change(table_name, answered, "replyCount", 1), *spent])


def delete_reply(reply: dict, user_id: str, now: datetime) -> None:
    table_name = aws_clients.dynamodb_table().name
    _write([*_reply_removed(table_name, reply), *_spent_by(table_name, user_id, now)])


def delete_comment(comment: dict, user_id: str, now: datetime) -> None:
    """Delete a top-level comment as it was read, uncounting it and its replies."""
    table_name = aws_clients.dynamodb_table().name
    try:
        _write([*_comment_removed(table_name, comment), *_spent_by(table_name, user_id, now)])
    except CommentGoneError as changed:
        raise CommentChangedError() from changed


def erase_reply(reply: dict) -> None:
    """Remove a reply as part of erasing its author's account (chalicelib/accounts/): uncounted
    like a delete, spending no budget. One whose photo or comment is gone goes alone: the
    clean-up of that photo or comment is removing it anyway, already uncounted."""
    table_name = aws_clients.dynamodb_table().name
    try:
        transactions.write(_reply_removed(table_name, reply))
    except transactions.TransactionRefusedError as refused:
        if not refused.condition_failed(0):
            aws_clients.dynamodb_table().delete_item(Key=_key_of(reply))


def erase_comment(comment: dict) -> bool:
    """Remove a top-level comment as it was read, as part of erasing its author's account: like
    delete_comment without the budget. False if it changed or went meanwhile (read it again);
    one whose photo is gone goes alone (photos.cleanup is removing it, uncounted)."""
    table_name = aws_clients.dynamodb_table().name
    try:
        transactions.write(_comment_removed(table_name, comment))
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(0):
            return False
        aws_clients.dynamodb_table().delete_item(Key=_key_of(comment))
    return True


def _reply_removed(table_name: str, reply: dict) -> list[dict]:
    """The reply deleted, and taken off its photo's and its comment's counts."""
    photo_id = reply["photoId"]
    return [
        transactions.delete_existing(table_name, _key_of(reply)),
        _count_change(table_name, table_keys.photo_key(photo_id), "commentCount", -1),
        _count_change(
            table_name, table_keys.comment_key(photo_id, reply["replyTo"]), "replyCount", -1
        ),
    ]


def _comment_removed(table_name: str, comment: dict) -> list[dict]:
    """The comment deleted if its reply count is still the one read, and it and its replies
    taken off the photo's count."""
    replies = int(comment.get("replyCount", 0))
    delete = {
        "Delete": {
            "TableName": table_name,
            "Key": _key_of(comment),
            "ConditionExpression": "replyCount = :replies",  # false too if it is gone
            "ExpressionAttributeValues": {":replies": replies},
        }
    }
    photo_count = _count_change(
        table_name, table_keys.photo_key(comment["photoId"]), "commentCount", -(1 + replies)
    )
    return [delete, photo_count]


def _spent_by(table_name: str, user_id: str, now: datetime) -> list[dict]:
    """The checks of a write by `user_id`: their account is not being erased, and the write is
    counted for the minute (last, where _write looks for it)."""
    return [
        account_writes.account_not_erased(table_name, user_id),
        account_writes.counted_write(table_name, user_id, now),
    ]


def _count_change(table_name: str, key: dict, counter: str, change: int) -> dict:
    """A transaction item that moves `counter` of an item that must exist."""
    return {
        "Update": {
            "TableName": table_name,
            "Key": key,
            "UpdateExpression": f"ADD {counter} :change",
            "ConditionExpression": "attribute_exists(PK)",
            "ExpressionAttributeValues": {":change": change},
        }
    }


def _write(comment_photo_parent_and_budget: list[dict]) -> None:
    """Write the comment (or reply), the photo's count, the parent comment's count if it is a
    reply, and the budget's counter, in this order; and say which condition refused it."""
    try:
        transactions.write(comment_photo_parent_and_budget)
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(-1):
            raise account_writes.BudgetSpentError() from refused
        if refused.condition_failed(1):
            raise PhotoRefusedError() from refused
        raise CommentGoneError() from refused  # the comment itself, or the one it answers


def _key_of(comment: dict) -> dict:
    if "replyTo" in comment:
        return table_keys.reply_key(comment["photoId"], comment["replyTo"], comment["id"])
    return table_keys.comment_key(comment["photoId"], comment["id"])


def get_comment(photo_id: str, comment_id: str, reply_id: str | None = None) -> dict | None:
    """A top-level comment, or one of its replies; None if there is none. Read consistently:
    what is read decides a write (a delete's reply count, whether a comment can be answered)."""
    key = (
        table_keys.reply_key(photo_id, comment_id, reply_id)
        if reply_id
        else table_keys.comment_key(photo_id, comment_id)
    )
    return aws_clients.dynamodb_table().get_item(Key=key, ConsistentRead=True).get("Item")


def comments_page(
    photo_id: str, after_id: str | None, limit: int, comment_id: str | None = None
) -> tuple[list[dict], str | None]:
    """One page of a photo's top-level comments (or, with `comment_id`, of that comment's
    replies), oldest first, in one Query; and the id to continue after, or None at the end."""
    partition = table_keys.photo_key(photo_id)["PK"]
    if comment_id is None:
        prefix = table_keys.COMMENT_PREFIX
        last_read = {"photoId": photo_id, "id": after_id}
    else:
        prefix = table_keys.replies_prefix(comment_id)
        last_read = {"photoId": photo_id, "id": after_id, "replyTo": comment_id}
    query = {
        "KeyConditionExpression": Key("PK").eq(partition) & Key("SK").begins_with(prefix),
        "Limit": limit + 1,
    }
    if after_id is not None:
        query["ExclusiveStartKey"] = _key_of(last_read)
    items = aws_clients.dynamodb_table().query(**query)["Items"]
    if len(items) > limit:
        return items[:limit], items[limit - 1]["id"]
    return items, None


def delete_replies(photo_id: str, comment_id: str) -> int:
    """Delete every reply to a comment (after the comment itself is gone); returns how many."""
    partition = table_keys.photo_key(photo_id)["PK"]
    condition = Key("PK").eq(partition) & Key("SK").begins_with(
        table_keys.replies_prefix(comment_id)
    )
    return batches.delete_queried(
        {"KeyConditionExpression": condition, "ProjectionExpression": "PK, SK"}
    )
