"""What remains of a photo once its item is deleted: its likes, its comments and their replies,
its files in S3 and the copies CloudFront keeps at its edges.

Run from the table's stream (chalicelib/shared/table_stream.py) when a photo item is removed,
so DELETE /photos/{id} answers at once however many likes and comments the photo has; their
items are deleted here, 25 to a request. Each step is idempotent (deleting what is gone already
changes nothing), so a record delivered twice is harmless.
"""

from boto3.dynamodb.conditions import Key

from chalicelib.photos import cdn, files, like_store
from chalicelib.shared import batches, table_keys
from chalicelib.shared.observability import logger
from chalicelib.shared.table_stream import TableChange


def on_change(change: TableChange) -> None:
    """A table-stream reaction: a photo item removed is cleaned up after."""
    if change.new is None and table_keys.is_photo(change.keys):
        clean_up_after(change.old)


def clean_up_after(photo: dict) -> None:
    photo_id = photo["id"]
    logger.append_keys(photo_id=photo_id)
    likes = like_store.delete_all_likes(photo_id)
    comments = delete_all_comments(photo_id)
    rendition_files = files.delete_photo_files(photo_id)
    if rendition_files:
        # Renditions are cached for a year ("immutable"); a deleted photo must stop being served.
        cdn.forget(files.rendition_url_pattern(photo_id))
    logger.info(
        "Photo cleaned up",
        extra={
            "likes_deleted": likes,
            "comments_deleted": comments,
            "renditions_deleted": rendition_files,
        },
    )


def delete_all_comments(photo_id: str) -> int:
    """Delete every comment and reply of a photo (the photo is gone, so no count is left to
    move): one Query a prefix, as chalicelib/shared/table_keys.py lays them out."""
    partition = Key("PK").eq(table_keys.photo_key(photo_id)["PK"])
    return sum(
        batches.delete_queried(
            {
                "KeyConditionExpression": partition & Key("SK").begins_with(prefix),
                "ProjectionExpression": "PK, SK",
            }
        )
        for prefix in (table_keys.COMMENT_PREFIX, table_keys.REPLY_PREFIX)
    )
