"""DynamoDB access for timelines: each person's home feed, written ahead of time by the fan-out
(feeds.fanout) and read a page at a time by the home feed (feeds.home_feed).

A timeline entry is a reference, not a copy: `{photoId, ownerId}` under the photo's sort key.
The page fetches the photos themselves (with the viewer's likes, in the same BatchGetItem), so a
caption edit, a like or a delete shows at once, with no copy to rewrite. Entries expire with the
table's time-to-live, `TIMELINE_DAYS` after their photo was shared, which keeps timelines bounded.
"""

from datetime import timedelta
from typing import NamedTuple

from boto3.dynamodb.conditions import Key

from chalicelib.shared import aws_clients, batches, clock, table_keys

TIMELINE_DAYS = 30


class TimelinePage(NamedTuple):
    entries: list[dict]  # newest first, each {"SK", "photoId", "ownerId"}
    celebrities: list[str]  # usernames whose photos to merge in (first page only)
    continue_below: str | None  # where the timeline may go on, or None if it ended here


def entry_for(user_id: str, photo: dict) -> dict:
    """The timeline entry of `photo` in `user_id`'s home feed."""
    shared = clock.moment(photo["createdAt"])
    return {
        **table_keys.timeline_entry_key(user_id, photo["ownerSort"]),
        "photoId": photo["id"],
        "ownerId": photo["ownerId"],
        # The table's time-to-live attribute: DynamoDB deletes the entry after this.
        "deleteAfter": int((shared + timedelta(days=TIMELINE_DAYS)).timestamp()),
    }


def add_photo(user_ids: list[str], photo: dict) -> float:
    """Put the photo in each of these timelines; returns the write units used."""
    return batches.write_items(puts=[entry_for(user_id, photo) for user_id in user_ids])


def add_photos(user_id: str, photos: list[dict]) -> float:
    return batches.write_items(puts=[entry_for(user_id, photo) for photo in photos])


def remove_photo(user_ids: list[str], photo: dict) -> float:
    keys = [table_keys.timeline_entry_key(user_id, photo["ownerSort"]) for user_id in user_ids]
    return batches.write_items(deletes=keys)


def remove_photos(user_id: str, photos: list[dict]) -> float:
    """Take these photos out of `user_id`'s timeline (those not in it cost a write unit each
    and change nothing); returns the write units used."""
    keys = [table_keys.timeline_entry_key(user_id, photo["ownerSort"]) for photo in photos]
    return batches.write_items(deletes=keys)


def mark_celebrity(user_ids: list[str], celebrity_username: str) -> float:
    """Note in each timeline that its owner follows this celebrity."""
    marks = [
        {
            **table_keys.celebrity_mark_key(user_id, celebrity_username),
            "username": celebrity_username,
        }
        for user_id in user_ids
    ]
    return batches.write_items(puts=marks)


def unmark_celebrity(user_ids: list[str], celebrity_username: str) -> float:
    keys = [table_keys.celebrity_mark_key(user_id, celebrity_username) for user_id in user_ids]
    return batches.write_items(deletes=keys)


def page(user_id: str, below_sort_key: str | None, limit: int, max_marks: int) -> TimelinePage:
    """One page of a timeline, newest first, in one Query.

    The first page (no cursor) reads from the top of the partition, where the celebrity marks
    sort, so the same Query returns up to `max_marks` of them before the entries; later pages
    start below the cursor and see entries only. Only someone who follows more celebrities than
    fit on a page costs a second Query, for the entries below their marks.
    """
    if below_sort_key is not None:
        entries, last_read = _query(user_id, below_sort_key, limit)
        return TimelinePage(entries, [], last_read)
    items, last_read = _query(user_id, None, limit + max_marks)
    celebrities = [item["username"] for item in items if table_keys.is_celebrity_mark(item)]
    entries = [item for item in items if not table_keys.is_celebrity_mark(item)]
    if last_read is not None and last_read.startswith(table_keys.CELEBRITY_PREFIX):
        entries, last_read = _query(user_id, table_keys.CELEBRITY_PREFIX, limit)
    return TimelinePage(entries, celebrities, last_read)


def _query(user_id: str, below: str | None, limit: int) -> tuple[list[dict], str | None]:
    """Items of the timeline below `below` (or from the top), newest first, and the sort key
    of the last one read if there may be more."""
    condition = Key("PK").eq(table_keys.timeline_partition(user_id))
    if below is not None:
        condition &= Key("SK").lt(below)
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression=condition, ScanIndexForward=False, Limit=limit
    )
    last_read = response.get("LastEvaluatedKey")
    return response["Items"], last_read["SK"] if last_read else None
