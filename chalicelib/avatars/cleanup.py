"""What remains of an avatar once the profile no longer shows it: its renditions in the media
bucket and the copies CloudFront keeps at its edges.

Run from the table's stream (chalicelib/shared/table_stream.py) when a profile item's `avatar`
changes: a new picture replaced it (the worker set another `avatar`), or DELETE /me/avatar
removed it. The old avatar's keys are in the stream record's old image, so nothing is read.
Deleting what is gone already and forgetting a path twice change nothing, so a record delivered
twice is harmless.
"""

from chalicelib.avatars import files
from chalicelib.photos import cdn
from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared.observability import logger
from chalicelib.shared.settings import load_settings
from chalicelib.shared.table_stream import TableChange


def on_change(change: TableChange) -> None:
    """A table-stream reaction: the files of an avatar the profile stopped showing go."""
    if not table_keys.is_profile(change.keys) or change.old is None:
        return
    old_avatar = change.old.get("avatar")
    new_avatar = (change.new or {}).get("avatar")
    if old_avatar is None or _same_upload(old_avatar, new_avatar):
        return
    delete_avatar_files(old_avatar)


def delete_avatar_files(avatar: dict) -> None:
    keys = files.rendition_keys(avatar)
    aws_clients.s3_client().delete_objects(
        Bucket=load_settings().media_bucket,
        Delete={"Objects": [{"Key": key} for key in keys], "Quiet": True},
    )
    # Renditions are cached for a year ("immutable"); a replaced picture must stop being served.
    cdn.forget(files.rendition_url_pattern(avatar))
    logger.info("Old avatar's files deleted", extra={"upload_id": avatar["uploadId"]})


def _same_upload(old_avatar: dict, new_avatar: dict | None) -> bool:
    return new_avatar is not None and new_avatar["uploadId"] == old_avatar["uploadId"]
