"""The steps of an erasure, each one bounded: it reads at most STEP_SIZE items and removes them,
and says where to go on from (a cursor), or that its kind of item is all gone (None).

Each step is safe to run twice (a retried or replayed stream record): it removes what is still
there, through the same store functions the owner's own deletes use, so every count the
removal moves on other people's things (a photo's likes and comments, a comment's replies, a
profile's followers) moves exactly once, in the transaction that removes the item. What those
removals set off happens afterwards from the table's stream, as for any delete: a deleted
photo's likes, comments, files and notifications (photos.cleanup, notifications.reaction), a
deleted comment's replies (comments.cleanup), the timelines of an ended follow
(feeds.fanout), the files of the avatar of a deleted profile (avatars.cleanup).

The order matters twice: the username's claim goes before the inbox and the timeline are
emptied, so that no mention and no fan-out finds the account afterwards; and the profile goes
last (erasure_store.finish), since every list reads it to hide the person meanwhile.

Uses people (follow_store, name_store, looks), photos (store, like_store) and comments
(comment_store).
"""

from collections.abc import Callable

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from chalicelib.accounts import written_by
from chalicelib.comments import comment_store
from chalicelib.people import follow_store, name_store
from chalicelib.photos import like_store
from chalicelib.photos import store as photo_store
from chalicelib.shared import aws_clients, batches, table_keys
from chalicelib.shared.settings import load_settings

# Items one step reads and removes: each removal is at most one transaction of a few items, so a
# step's writes stay in the hundreds and it ends in seconds, far inside the stream function's
# timeout, whatever the size of the account.
STEP_SIZE = 100
PHOTO_DELETE_ATTEMPTS = 3
# The cursor of a step that removes what it reads: "come back, start from the top again".
MORE = {"more": True}

Step = Callable[[dict, dict | None], dict | None]


def delete_sign_in(erasure: dict, cursor: dict | None) -> dict | None:
    """The Cognito user, so that nobody signs in as the account again (DELETE /me has usually
    done it already: then Cognito answers that there is no such user)."""
    settings = load_settings()
    try:
        aws_clients.cognito_client().admin_delete_user(
            UserPoolId=settings.user_pool_id, Username=erasure["username"]
        )
    except ClientError as error:
        if error.response["Error"]["Code"] != "UserNotFoundException":
            raise
    return None


def delete_photos(erasure: dict, cursor: dict | None) -> dict | None:
    """The account's photos, READY or still waiting for their file, as their owner deletes
    them. OwnerIndex is keyed by username: a photo there of another account (one that took the
    name over) is passed over, by its `ownerId`."""
    query = {
        "IndexName": table_keys.OWNER_INDEX,
        "KeyConditionExpression": Key("ownerName").eq(
            table_keys.owner_index_partition(erasure["username"])
        ),
    }
    photos, next_cursor = _page(query, cursor)
    for photo in photos:
        if photo["ownerId"] == erasure["userId"]:
            _delete_photo(photo)
    return next_cursor


def delete_likes(erasure: dict, cursor: dict | None) -> dict | None:
    """The likes the account gave, each with its photo's count."""
    keys, next_cursor = _authored(erasure, table_keys.LIKE_PREFIX, cursor)
    for key in keys:
        like_store.erase_like(table_keys.photo_id_of(key), erasure["userId"])
    return next_cursor


def delete_comments(erasure: dict, cursor: dict | None) -> dict | None:
    """The account's top-level comments, each with its photo's count; others' replies to them
    go with them (comments.cleanup), uncounted already."""
    keys, next_cursor = _authored(erasure, table_keys.COMMENT_PREFIX, cursor)
    for key in keys:
        photo_id, comment_id = table_keys.photo_id_of(key), key["SK"].split("#", 1)[1]
        for _ in range(PHOTO_DELETE_ATTEMPTS):
            comment = comment_store.get_comment(photo_id, comment_id)
            if comment is None or comment_store.erase_comment(comment):
                break
        else:
            raise RuntimeError("A comment kept changing while being erased; the step is retried")
    return next_cursor


def delete_replies(erasure: dict, cursor: dict | None) -> dict | None:
    """The account's replies under others' comments, each with both counts."""
    keys, next_cursor = _authored(erasure, table_keys.REPLY_PREFIX, cursor)
    for key in keys:
        _, comment_id, reply_id = key["SK"].split("#", 2)
        reply = comment_store.get_comment(table_keys.photo_id_of(key), comment_id, reply_id)
        if reply is not None:
            comment_store.erase_reply(reply)
    return next_cursor


def delete_late_authored(erasure: dict, cursor: dict | None) -> dict | None:
    """A last look in AuthorIndex, which is eventually consistent: a like or comment committed
    a moment before the erasure started might not have been in the index yet when its own step
    read it. Whatever is found now goes the same way; usually there is nothing, and this is one
    Query."""
    query = {
        "IndexName": table_keys.AUTHOR_INDEX,
        "KeyConditionExpression": Key("authorId").eq(erasure["userId"]),
        "Limit": 1,
    }
    found = aws_clients.dynamodb_table().query(**query)["Items"]
    if not found:
        return None
    removers = {
        table_keys.LIKE_PREFIX: delete_likes,
        table_keys.COMMENT_PREFIX: delete_comments,
        table_keys.REPLY_PREFIX: delete_replies,
    }
    # One page of the kind found (a step stays bounded), then look again.
    prefix = next(prefix for prefix in removers if found[0]["SK"].startswith(prefix))
    removers[prefix](erasure, None)
    return MORE


def delete_follows(erasure: dict, cursor: dict | None) -> dict | None:
    """Whom the account follows: each follow with both counts."""
    user_id = erasure["userId"]
    followee_ids, more = _edge_ids(user_id, table_keys.FOLLOWS_PREFIX)
    for followee_id in followee_ids:
        follow_store.erase_follow(user_id, followee_id)
    return more


def delete_followers(erasure: dict, cursor: dict | None) -> dict | None:
    """Who follows the account: each follow with both counts."""
    user_id = erasure["userId"]
    follower_ids, more = _edge_ids(user_id, table_keys.FOLLOWER_PREFIX)
    for follower_id in follower_ids:
        follow_store.erase_follow(follower_id, user_id)
    return more


def delete_names(erasure: dict, cursor: dict | None) -> dict | None:
    """The username's claim (only if it is still this account's) and the name items search
    finds the account by."""
    user_id, username = erasure["userId"], erasure["username"]
    table = aws_clients.dynamodb_table()
    profile = table.get_item(Key=table_keys.profile_key(user_id), ConsistentRead=True).get("Item")
    names = [username] + ([profile["displayName"]] if profile and "displayName" in profile else [])
    for name in names:
        delete = name_store.delete_name(table.name, name, user_id)
        if delete is not None:
            table.delete_item(Key=delete["Delete"]["Key"])
    try:
        table.delete_item(
            Key=table_keys.username_claim_key(username),
            ConditionExpression="userId = :id",
            ExpressionAttributeValues={":id": user_id},
        )
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
    return None


def delete_inbox(erasure: dict, cursor: dict | None) -> dict | None:
    """The account's notifications and its last-read mark."""
    return _delete_partition(table_keys.inbox_partition(erasure["userId"]), keep=None)


def delete_timeline(erasure: dict, cursor: dict | None) -> dict | None:
    """The account's home feed: its entries and celebrity marks."""
    return _delete_partition(table_keys.timeline_partition(erasure["userId"]), keep=None)


def delete_own_items(erasure: dict, cursor: dict | None) -> dict | None:
    """Everything else in the account's partition but its profile: upload and write counts,
    upload slots, data exports."""
    return _delete_partition(table_keys.user_partition(erasure["userId"]), keep="PROFILE")


def delete_export_files(erasure: dict, cursor: dict | None) -> dict | None:
    """The account's data exports' archives, under `exports/<user id>/` of the exports bucket
    (none where the stage has no exports bucket)."""
    bucket = load_settings().exports_bucket
    if not bucket:
        return None
    s3 = aws_clients.s3_client()
    listed = s3.list_objects_v2(
        Bucket=bucket, Prefix=f"exports/{erasure['userId']}/", MaxKeys=STEP_SIZE
    )
    objects = [{"Key": item["Key"]} for item in listed.get("Contents", [])]
    if objects:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True})
    return MORE if listed.get("IsTruncated") else None


def _page(query: dict, cursor: dict | None) -> tuple[list[dict], dict | None]:
    """One Query page of at most STEP_SIZE items from `cursor` on, and the cursor after it."""
    query = {**query, "Limit": STEP_SIZE}
    if cursor is not None:
        query["ExclusiveStartKey"] = cursor
    response = aws_clients.dynamodb_table().query(**query)
    return response["Items"], response.get("LastEvaluatedKey")


def _authored(erasure: dict, prefix: str, cursor: dict | None) -> tuple[list[dict], dict | None]:
    """A page of the keys of what the account wrote under others' photos, of one kind."""
    return _page(written_by.written_query(erasure["userId"], prefix), cursor)


def _delete_photo(photo: dict) -> None:
    """Delete the photo as read; if it changed meanwhile (the worker made it READY), read it
    again."""
    for _ in range(PHOTO_DELETE_ATTEMPTS):
        if photo is None or photo_store.delete_photo(photo):
            return
        photo = photo_store.get_photo(photo["id"], consistent=True)
    raise RuntimeError("A photo kept changing while being erased; the step is retried")


def _edge_ids(user_id: str, prefix: str) -> tuple[list[str], dict | None]:
    """The other people of up to STEP_SIZE of the account's edges in one direction, and a
    cursor to come back with if there may be more. The edges found are removed, so each step
    reads from the start again."""
    query = {
        "KeyConditionExpression": Key("PK").eq(table_keys.user_partition(user_id))
        & Key("SK").begins_with(prefix),
        "ProjectionExpression": "SK",
    }
    edges, more = _page(query, None)
    return [edge["SK"].removeprefix(prefix) for edge in edges], MORE if more else None


def _delete_partition(partition: str, keep: str | None) -> dict | None:
    """Up to STEP_SIZE items of one partition (but the item whose SK is `keep`), removed; a
    cursor to come back with if there may be more. Removed items are not read again, so each
    step reads from the start."""
    query = {
        "KeyConditionExpression": Key("PK").eq(partition),
        "ProjectionExpression": "PK, SK",
    }
    items, more = _page(query, None)
    doomed = [item for item in items if item["SK"] != keep]
    batches.write_items(deletes=doomed)
    return MORE if more else None


# In order: see the module's docstring for why this one.
STEPS: dict[str, Step] = {
    "signIn": delete_sign_in,
    "photos": delete_photos,
    "likes": delete_likes,
    "comments": delete_comments,
    "replies": delete_replies,
    "follows": delete_follows,
    "followers": delete_followers,
    "names": delete_names,
    "inbox": delete_inbox,
    "timeline": delete_timeline,
    "ownItems": delete_own_items,
    "exportFiles": delete_export_files,
    "lateAuthored": delete_late_authored,
}
FIRST_STEP = next(iter(STEPS))
