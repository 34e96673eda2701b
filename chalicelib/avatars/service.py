"""What the avatar routes do: hand out the presigned POST for a new profile picture, and go back
to the letter.

Sits between the edge (app.py's routes) and avatars.avatar_store (DynamoDB) and
photos.upload_policy (S3). The picture itself is made by the worker, from the file the browser
posts (image_worker/avatars.py); until then the profile keeps the avatar it had.
"""

from datetime import UTC, datetime
from typing import NamedTuple

from chalicelib.avatars import avatar_store, files
from chalicelib.people import profiles
from chalicelib.photos import upload_policy
from chalicelib.shared.errors import TryAgainLaterError
from chalicelib.shared.observability import logger
from chalicelib.shared.users import User


class NewAvatarRequest(NamedTuple):
    content_type: str
    size: int


def request_upload(user: User, new_avatar: NewAvatarRequest) -> upload_policy.PresignedPost:
    """Make a new upload the one that may become the person's avatar, within their hourly
    limit, and return the presigned POST for its file."""
    profiles.ensure_profile(user)
    # Imported here, as photos.service does: only uploads make ids.
    from ulid import ULID

    upload_id = str(ULID())
    post = upload_policy.presigned_post(
        files.upload_key(user.id, upload_id), new_avatar.content_type, new_avatar.size
    )
    pending = {
        "uploadId": upload_id,
        "contentType": new_avatar.content_type,
        "declaredSize": new_avatar.size,
        "expiresAt": post.expires_at,
    }
    try:
        avatar_store.set_pending_upload(user.id, pending, datetime.now(UTC))
    except avatar_store.NoProfileError as gone:
        # Made a moment ago by ensure_profile: only a profile deleted meanwhile lands here.
        raise TryAgainLaterError() from gone
    logger.info("Avatar upload requested", extra={"upload_id": upload_id})
    return post


def delete_avatar(user: User) -> None:
    """Back to the letter. Idempotent: without a picture, or without a profile, nothing changes."""
    try:
        avatar_store.remove_avatar(user.id, datetime.now(UTC))
    except avatar_store.NoProfileError:
        return
    logger.info("Avatar removed")
