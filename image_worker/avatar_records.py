"""The worker's view of a profile picture on its way: the profile item's `avatarUpload` (the
newest upload the person asked for), and what the worker leaves there, `avatar` or
`avatarFailure` (docs/data-model.md; the API's side is chalicelib/avatars/avatar_store.py).

Every write is conditional on `avatarUpload` still naming the upload the worker holds. A person
who chose another picture meanwhile, or went back to the letter, has replaced or removed it, and
then the older upload changes nothing: of two uploads racing, the last one asked for wins, and a
duplicate S3 event, arriving after the first has set the avatar, finds no upload pending.
"""

from botocore.exceptions import ClientError

from image_worker import aws_clients
from image_worker.imaging import RenditionSet
from image_worker.photo_records import utc_timestamp
from image_worker.table_keys import profile_key


def pending_upload(user_id: str, upload_id: str) -> dict | None:
    """The profile's `avatarUpload` if it is this upload (its `contentType` and `declaredSize`
    are what the file is checked against); None if another upload replaced it, or none is
    pending."""
    profile = aws_clients.dynamodb_table().get_item(
        Key=profile_key(user_id), ProjectionExpression="avatarUpload", ConsistentRead=True
    )
    pending = profile.get("Item", {}).get("avatarUpload")
    if pending is None or pending["uploadId"] != upload_id:
        return None
    return pending


def set_avatar(
    user_id: str, upload_id: str, rendition_set: RenditionSet, rendition_keys: dict[str, str]
) -> bool:
    """Make the upload's renditions the profile's avatar; False if the upload is no longer the
    pending one."""
    avatar = {
        "uploadId": upload_id,
        **{
            rendition.name: {
                "key": rendition_keys[rendition.name],
                "width": rendition.width,
                "height": rendition.height,
            }
            for rendition in rendition_set.renditions
        },
        "placeholder": rendition_set.placeholder,
    }
    return _update_if_pending(
        user_id,
        upload_id,
        "SET avatar = :avatar REMOVE avatarUpload, avatarFailure",
        {":avatar": avatar},
    )


def mark_failed(user_id: str, upload_id: str, reason: str) -> bool:
    """Keep the avatar as it was, and note why this upload was refused, for its owner to read;
    False if the upload is no longer the pending one."""
    failure = {"uploadId": upload_id, "reason": reason, "failedAt": utc_timestamp()}
    return _update_if_pending(
        user_id,
        upload_id,
        "SET avatarFailure = :failure REMOVE avatarUpload",
        {":failure": failure},
    )


def _update_if_pending(user_id: str, upload_id: str, expression: str, values: dict) -> bool:
    try:
        aws_clients.dynamodb_table().update_item(
            Key=profile_key(user_id),
            UpdateExpression=expression,
            ConditionExpression="avatarUpload.uploadId = :upload_id",
            ExpressionAttributeValues={**values, ":upload_id": upload_id},
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise
    return True
