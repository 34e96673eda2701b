"""DynamoDB access for follows: each follow is two edges (one in each person's partition) and two
counts (on each profile), always written together in one transaction.

The follower's edge answers "do I follow them?" with one GetItem and lists whom someone follows;
the followee's mirror edge lists their followers, which is what the fan-out reads to know whose
home feeds a new photo goes to. Both edges carry both ids and usernames, so no list needs a
second look-up to show names. The same transaction counts the write against the follower's
budget for the minute (chalicelib/shared/account_writes.py), and a follow is refused once the
follower follows as many accounts as anyone may.
"""

from collections.abc import Iterator
from datetime import datetime

from boto3.dynamodb.conditions import Key

from chalicelib.shared import account_writes, aws_clients, clock, table_keys, transactions


class FollowRefusedError(Exception):
    """A profile the follow would count on does not exist (any more)."""


class FollowingCapReachedError(Exception):
    """The follower follows as many accounts as anyone may already."""


def add_follow(follower: dict, followee: dict, now: datetime, max_following: int) -> bool:
    """`follower` follows `followee` (each `{"id", "username"}`), unless they follow
    `max_following` accounts already; False if they follow them already."""
    edge = {
        "followerId": follower["id"],
        "followerUsername": follower["username"],
        "followeeId": followee["id"],
        "followeeUsername": followee["username"],
        "followedAt": clock.timestamp(now),
    }
    table_name = aws_clients.dynamodb_table().name
    following = _count(table_name, follower["id"], "followingCount", +1)
    following["Update"]["ConditionExpression"] += (
        " AND (attribute_not_exists(followingCount) OR followingCount < :cap)"
    )
    following["Update"]["ExpressionAttributeValues"][":cap"] = max_following
    items = [
        transactions.put_new(
            table_name, {**table_keys.follow_key(follower["id"], followee["id"]), **edge}
        ),
        transactions.put_new(
            table_name, {**table_keys.follower_key(followee["id"], follower["id"]), **edge}
        ),
        _count(table_name, followee["id"], "followerCount", +1),
        following,
        account_writes.counted_write(table_name, follower["id"], now),
        account_writes.account_not_erased(table_name, follower["id"]),
    ]
    return _write_unless_done(items, following_capped=True)


def remove_follow(follower_id: str, followee_id: str, now: datetime) -> bool:
    """`follower_id` stops following `followee_id`; False if they did not follow."""
    table_name = aws_clients.dynamodb_table().name
    items = [
        *_edges_and_counts_removed(follower_id, followee_id),
        account_writes.counted_write(table_name, follower_id, now),
        account_writes.account_not_erased(table_name, follower_id),
    ]
    return _write_unless_done(items, following_capped=False)


def erase_follow(follower_id: str, followee_id: str) -> bool:
    """Remove a follow as part of erasing one of the two accounts (chalicelib/accounts/): both
    edges and both counts, like an unfollow, but spending no budget; False if it was gone
    already. When one of the two profiles is gone (both people are being erased), the edges go
    alone: there is no count left to keep on that side, and the other side's profile goes too."""
    try:
        transactions.write(_edges_and_counts_removed(follower_id, followee_id))
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(0):
            return False
        table = aws_clients.dynamodb_table()
        table.delete_item(Key=table_keys.follow_key(follower_id, followee_id))
        table.delete_item(Key=table_keys.follower_key(followee_id, follower_id))
    return True


def _edges_and_counts_removed(follower_id: str, followee_id: str) -> list[dict]:
    """Edge, mirror edge (each must exist), followee's and follower's counts (each profile must
    exist), in the order _write_unless_done reads the refusals in."""
    table_name = aws_clients.dynamodb_table().name
    return [
        transactions.delete_existing(table_name, table_keys.follow_key(follower_id, followee_id)),
        transactions.delete_existing(table_name, table_keys.follower_key(followee_id, follower_id)),
        _count(table_name, followee_id, "followerCount", -1),
        _count(table_name, follower_id, "followingCount", -1),
    ]


def follow_keys(follower_id: str, user_ids: list[str]) -> list[dict]:
    """The keys of `follower_id`'s follow edges to these people (each once), for a caller that
    reads them in a BatchGetItem together with other items."""
    return [table_keys.follow_key(follower_id, user_id) for user_id in dict.fromkeys(user_ids)]


def followees_among(items: list[dict], follower_id: str) -> set[str]:
    """Whom `follower_id` follows, from the follow edges found among `items`."""
    follows_prefix = table_keys.follow_key(follower_id, "")
    return {
        item["SK"].removeprefix(table_keys.FOLLOWS_PREFIX)
        for item in items
        if item["PK"] == follows_prefix["PK"] and item["SK"].startswith(follows_prefix["SK"])
    }


def edges_page(
    user_id: str, direction_prefix: str, after_user_id: str | None, limit: int
) -> tuple[list[dict], str | None]:
    """One page of a person's edges in one direction (FOLLOWS# or FOLLOWER#), in user-id order,
    with the id to continue after, or None at the end."""
    partition = table_keys.user_partition(user_id)
    query = {
        "KeyConditionExpression": Key("PK").eq(partition) & Key("SK").begins_with(direction_prefix),
        "Limit": limit + 1,
    }
    if after_user_id is not None:
        # Continue after the cursor's edge; the edge need not exist any more.
        query["ExclusiveStartKey"] = {"PK": partition, "SK": f"{direction_prefix}{after_user_id}"}
    edges = aws_clients.dynamodb_table().query(**query)["Items"]
    if len(edges) > limit:
        return edges[:limit], edges[limit - 1]["SK"].removeprefix(direction_prefix)
    return edges, None


def all_follower_ids(user_id: str) -> Iterator[str]:
    """Every follower's id, a Query page at a time (what the fan-out writes to)."""
    query = {
        "KeyConditionExpression": Key("PK").eq(table_keys.user_partition(user_id))
        & Key("SK").begins_with(table_keys.FOLLOWER_PREFIX),
        "ProjectionExpression": "followerId",
    }
    table = aws_clients.dynamodb_table()
    while True:
        response = table.query(**query)
        for edge in response["Items"]:
            yield edge["followerId"]
        if "LastEvaluatedKey" not in response:
            return
        query["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def _count(table_name: str, user_id: str, counter: str, change: int) -> dict:
    return {
        "Update": {
            "TableName": table_name,
            "Key": table_keys.profile_key(user_id),
            "UpdateExpression": f"ADD {counter} :change",
            # Never create a profile from a count: both people must exist.
            "ConditionExpression": "attribute_exists(PK)",
            "ExpressionAttributeValues": {":change": change},
        }
    }


def _write_unless_done(edges_counts_and_counter: list[dict], following_capped: bool) -> bool:
    """Run a follow's or an unfollow's transaction: edge, mirror edge, followee's count,
    follower's count (capped for a follow), the follower's writes this minute."""
    try:
        transactions.write(edges_counts_and_counter)
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(2):
            raise FollowRefusedError() from refused
        if refused.condition_failed(0):
            return False  # the edge's own condition: already in the state asked for
        if refused.condition_failed(3):
            # The follower's own count: their profile is gone, or they follow all anyone may.
            why = FollowingCapReachedError if following_capped else FollowRefusedError
            raise why() from refused
        raise account_writes.BudgetSpentError() from refused
    return True
