"""Avatars as the API's JSON: the answer to POST /me/avatar, and how the newest upload stands,
which only the picture's owner is shown (in GET /users/{username}, as `avatarUpload`).

The avatar itself is shown by people.presenter (`present_looks`), wherever its owner appears.
"""

from datetime import UTC, datetime

from chalicelib.people.profiles import ShownProfile
from chalicelib.photos.status import PROCESSING_GRACE
from chalicelib.photos.upload_policy import PresignedPost
from chalicelib.shared import clock
from chalicelib.shared.users import User

NEVER_ARRIVED_REASON = (
    "The picture was not uploaded before its upload link expired. Please choose it again."
)


def present_new_upload(post: PresignedPost) -> dict:
    return {"upload": {"url": post.url, "fields": post.fields, "expiresAt": post.expires_at}}


def present_upload_state(shown: ShownProfile, viewer: User | None) -> dict:
    """`{avatarUpload: {id, status, failureReason?}}` for the profile's owner, while a picture is
    on its way (PENDING) or when the newest was refused (FAILED, with the reason to show);
    nothing for anyone else, or once the picture is the avatar."""
    profile = shown.profile
    if viewer is None or viewer.id != profile["userId"]:
        return {}
    pending = profile.get("avatarUpload")
    if pending:
        return {"avatarUpload": _pending_as_of_now(pending)}
    failure = profile.get("avatarFailure")
    if failure:
        state = {"id": failure["uploadId"], "status": "FAILED", "failureReason": failure["reason"]}
        return {"avatarUpload": state}
    return {}


def _pending_as_of_now(pending: dict) -> dict:
    """PENDING, or FAILED once its file can no longer arrive: the link has expired, and a file
    posted in time has had the worker's grace to be processed."""
    upload_id = pending["uploadId"]
    last_chance = clock.moment(pending["expiresAt"]) + PROCESSING_GRACE
    if datetime.now(UTC) > last_chance:
        return {"id": upload_id, "status": "FAILED", "failureReason": NEVER_ARRIVED_REASON}
    return {"id": upload_id, "status": "PENDING"}
