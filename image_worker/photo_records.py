"""The worker's view of the photos table: note that a photo's file arrived, then mark the photo
READY or FAILED, once.

Both updates are conditional on the photo still being PENDING, so a duplicate S3 event (S3 and
SQS both deliver at least once) is a harmless no-op instead of a second set of writes. READY
clears `deleteAfter`, the time-to-live that removes photos whose upload never arrived; FAILED
sets it a week ahead, long enough for the owner to read why. Marking a
photo READY also sets the sparse feed index keys, which is what puts it in the global feed (at
the time it was shared), and counts the photo on its owner's profile, in the same transaction.
"""

from datetime import UTC, datetime, timedelta

from botocore.exceptions import ClientError

from image_worker import aws_clients
from image_worker.imaging import RenditionSet
from image_worker.table_keys import feed_shard_key, photo_key, profile_key

FAILED_PHOTO_LIFETIME = timedelta(days=7)


def get_photo(photo_id: str) -> dict | None:
    return aws_clients.dynamodb_table().get_item(Key=photo_key(photo_id)).get("Item")


def note_upload_arrived(photo_id: str) -> dict | None:
    """The photo, as the worker starts on its file; None if there is no such photo.

    A PENDING photo gets `uploadArrivedAt` (the first try only): with it, the API tells a photo
    whose file is being processed, or tried again after a failure, from one whose file never
    came. It takes the place of reading the photo: one request, as the read was (a write unit
    instead of half a read unit). A photo that is no longer PENDING is returned unchanged.
    """
    try:
        return aws_clients.dynamodb_table().update_item(
            **_if_pending(
                photo_id,
                "SET uploadArrivedAt = if_not_exists(uploadArrivedAt, :now)",
                {":now": utc_timestamp()},
            ),
            ReturnValues="ALL_NEW",
        )["Attributes"]
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
    # Settled already (a duplicate event) or deleted (the upload was cancelled): rare, so the
    # second request here costs little.
    return get_photo(photo_id)


def mark_ready(
    photo: dict, rendition_set: RenditionSet, rendition_keys: dict[str, str], shard_count: int
) -> str | None:
    """Mark the photo READY with its renditions and add it to its owner's photo count, both or
    neither; return its ready time, or None if it was no longer PENDING (already processed, or
    deleted meanwhile)."""
    photo_id = photo["id"]
    ready_at = utc_timestamp()
    renditions = {
        rendition.name: {
            "key": rendition_keys[rendition.name],
            "width": rendition.width,
            "height": rendition.height,
        }
        for rendition in rendition_set.renditions
    }
    table = aws_clients.dynamodb_table()
    ready = {
        "TableName": table.name,
        **_if_pending(
            photo_id,
            "SET #status = :ready, readyAt = :ready_at, width = :width, height = :height, "
            "renditions = :renditions, placeholder = :placeholder, "
            "feedShard = :feed_shard, feedSort = :feed_sort REMOVE deleteAfter",
            {
                ":ready": "READY",
                ":ready_at": ready_at,
                ":width": rendition_set.width,
                ":height": rendition_set.height,
                ":renditions": renditions,
                ":placeholder": rendition_set.placeholder,
                ":feed_shard": feed_shard_key(photo_id, shard_count),
                # Shared time, not ready time: photos shared one after another keep that order in
                # the feed however long each took to upload and process, as they do on the
                # profile and in home feeds (docs/design-decisions.md, record 5).
                ":feed_sort": f"{photo['createdAt']}#{photo_id}",
            },
        ),
    }
    counted = {
        "TableName": table.name,
        "Key": profile_key(photo["ownerId"]),
        "UpdateExpression": "ADD photoCount :one",
        "ExpressionAttributeValues": {":one": 1},
    }
    try:
        table.meta.client.transact_write_items(
            TransactItems=[{"Update": ready}, {"Update": counted}]
        )
    except ClientError as error:
        reasons = [reason["Code"] for reason in error.response.get("CancellationReasons", [])]
        if reasons[:1] == ["ConditionalCheckFailed"]:
            return None
        raise  # a conflict or an outage: SQS delivers the message again
    return ready_at


def mark_failed(photo_id: str, reason: str) -> bool:
    """Mark the photo FAILED with a reason a person can read; False if it was not PENDING.

    Its owner sees it, with the reason, for FAILED_PHOTO_LIFETIME; then the table's
    time-to-live deletes it, so failures never pile up for ever."""
    delete_after = int((datetime.now(UTC) + FAILED_PHOTO_LIFETIME).timestamp())
    return _update_if_pending(
        photo_id,
        "SET #status = :failed, failureReason = :reason, failedAt = :failed_at, "
        "deleteAfter = :delete_after",
        {
            ":failed": "FAILED",
            ":reason": reason,
            ":failed_at": utc_timestamp(),
            ":delete_after": delete_after,
        },
    )


def utc_timestamp() -> str:
    """Now as ISO 8601 UTC with milliseconds: fixed width, so strings sort in time order."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _if_pending(photo_id: str, update_expression: str, values: dict) -> dict:
    """An update of the photo that applies only while it is still PENDING."""
    return {
        "Key": photo_key(photo_id),
        "UpdateExpression": update_expression,
        "ConditionExpression": "attribute_exists(PK) AND #status = :pending",
        "ExpressionAttributeNames": {"#status": "status"},
        "ExpressionAttributeValues": {**values, ":pending": "PENDING"},
    }


def _update_if_pending(photo_id: str, update_expression: str, values: dict) -> bool:
    try:
        aws_clients.dynamodb_table().update_item(**_if_pending(photo_id, update_expression, values))
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True
