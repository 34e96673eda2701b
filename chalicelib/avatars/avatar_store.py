"""DynamoDB access for avatars, which live on the profile item (`USER#<id>` / `PROFILE`):

    avatarUpload   {uploadId, contentType, declaredSize, expiresAt}: the upload that may become
                   the avatar, the newest one asked for; the worker checks the file against it
    avatar         {uploadId, small, large, placeholder}: the renditions, set by the worker
    avatarFailure  {uploadId, reason, failedAt}: why the newest upload was refused

Asking for an upload replaces `avatarUpload`, so of two uploads racing the last one asked for
wins: the worker sets `avatar` only while `avatarUpload` names its own upload
(image_worker/avatar_records.py), and an older file that arrives later changes nothing.
"""

from datetime import datetime

from chalicelib.shared import account_writes, aws_clients, table_keys, transactions, window_counters
from chalicelib.shared.errors import LimitReachedError
from chalicelib.shared.settings import AVATAR_UPLOADS_PER_HOUR


class NoProfileError(Exception):
    """The person has no profile item to change."""


def set_pending_upload(user_id: str, pending: dict, now: datetime) -> None:
    """Make `pending` the upload that may become the avatar, counted in the hour's avatar
    uploads, both or neither; LimitReachedError at the hour's cap."""
    table_name = aws_clients.dynamodb_table().name
    hour = window_counters.hour_of(now)
    replace_pending = "SET avatarUpload = :pending REMOVE avatarFailure"
    pending_set = _profile_update(table_name, user_id, replace_pending, {":pending": pending})
    counted = window_counters.counted(
        table_name,
        table_keys.avatar_upload_count_key(user_id, hour.label),
        "uploads",
        AVATAR_UPLOADS_PER_HOUR,
        hour,
    )
    try:
        transactions.write(
            [pending_set, counted, account_writes.account_not_erased(table_name, user_id)]
        )
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(1):
            raise LimitReachedError(
                f"You have chosen {AVATAR_UPLOADS_PER_HOUR} profile pictures this hour, the most "
                f"CloudGram takes in an hour. You can choose another from {hour.ends:%H:%M} UTC.",
                retry_after_seconds=window_counters.seconds_until(hour.ends, now),
            ) from refused
        raise NoProfileError(user_id) from refused


def remove_avatar(user_id: str, now: datetime) -> None:
    """Forget the avatar, any upload on its way and any refusal, counted as one of the person's
    writes this minute. The files go afterwards, from the table's stream (avatars.cleanup)."""
    table_name = aws_clients.dynamodb_table().name
    removed = _profile_update(
        table_name, user_id, "REMOVE avatar, avatarUpload, avatarFailure", values=None
    )
    try:
        transactions.write(
            [
                removed,
                account_writes.counted_write(table_name, user_id, now),
                account_writes.account_not_erased(table_name, user_id),
            ]
        )
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(1):
            raise account_writes.limit_reached(now) from refused
        raise NoProfileError(user_id) from refused


def _profile_update(table_name: str, user_id: str, expression: str, values: dict | None) -> dict:
    """A transaction item updating the profile, which must exist: an update of a missing item
    would create one holding nothing but the avatar."""
    update = {
        "TableName": table_name,
        "Key": table_keys.profile_key(user_id),
        "UpdateExpression": expression,
        "ConditionExpression": "attribute_exists(PK)",
    }
    if values:
        update["ExpressionAttributeValues"] = values
    return {"Update": update}
