"""The export function's work: write one person's archive and mark their export READY, or
FAILED with a reason.

Request path: exports queue (one message `{userId, exportId}`, sent by export_queue.py) ->
`write_export` in app.py (its own Lambda: 1,024 MB, 15 minutes) -> `handle_message` here ->
export_contents.py (DynamoDB) and export_archive.py (S3) -> export_store.py.

A message may come more than once (the stream may replay the item that sent it, SQS delivers at
least once): an export that is not PENDING any more is left alone. A failure is raised, so SQS
delivers the message again after its visibility timeout; the last of EXPORT_ATTEMPTS tries
marks the export FAILED instead, so a person always hears how it ended. (A try that Lambda
kills, out of time or memory, cannot mark anything: the API shows such an export as FAILED
once it is older than exports.GIVE_UP_AFTER.)
"""

import json
from datetime import UTC, datetime

from chalicelib.accounts import export_archive, export_contents, export_store, exports
from chalicelib.people import profile_store
from chalicelib.shared import aws_clients, clock
from chalicelib.shared.observability import logger
from chalicelib.shared.settings import load_settings

# As the exports queue's maxReceiveCount (infra/template.yaml): the last try marks FAILED.
EXPORT_ATTEMPTS = 3
FAILED_REASON = "Your archive could not be written. Please ask for a new one."


def handle_message(record: dict) -> None:
    """One SQS record, as Lambda hands it (`body`, `attributes.ApproximateReceiveCount`)."""
    message = json.loads(record["body"])
    attempt = int(record.get("attributes", {}).get("ApproximateReceiveCount", "1"))
    write_export(message["userId"], message["exportId"], attempt)


def write_export(user_id: str, export_id: str, attempt: int = 1) -> str:
    """Write the export's archive; returns the status the export is left in."""
    logger.append_keys(export_id=export_id)
    export = export_store.get_export(user_id, export_id, consistent=True)
    if export is None or export["status"] != "PENDING":
        logger.info("Export already finished (or gone); nothing to do")
        return export["status"] if export else "GONE"
    # An account that never opened the page has no profile yet: its archive is nearly empty.
    profile = profile_store.get_profile(user_id, consistent=True) or {
        "username": export["username"]
    }
    if export_store.account_erased(user_id):
        logger.info("The account is being erased; no archive is written")
        return "ERASED"
    try:
        size = _write_archive(export, profile)
    except Exception:
        if attempt < EXPORT_ATTEMPTS:
            logger.exception("Export failed; it will be tried again", extra={"attempt": attempt})
            raise
        logger.exception("Export failed on its last try", extra={"attempt": attempt})
        export_store.mark_failed(export, FAILED_REASON)
        return "FAILED"
    now = datetime.now(UTC)
    expires = int((now + exports.KEPT_FOR).timestamp())
    key = exports.archive_key(user_id, export_id)
    if export_store.account_erased(user_id):
        # The erasure began while the archive was written, and may have passed its step that
        # removes archives already: this one goes now, and no link is ever given out.
        aws_clients.s3_client().delete_object(Bucket=load_settings().exports_bucket, Key=key)
        logger.info("The account was erased while its archive was written; archive removed")
        return "ERASED"
    export_store.mark_ready(export, key, size, clock.timestamp(now), expires)
    logger.info("Export written", extra={"size_bytes": size})
    return "READY"


def _write_archive(export: dict, profile: dict) -> int:
    user_id = export["userId"]
    photos = list(export_contents.photos_of(user_id, profile["username"]))
    json_files = {
        "profile.json": export_contents.profile_file(profile, export.get("email")),
        "photos.json": [export_contents.photo_entry(photo) for photo in photos],
        "comments.json": export_contents.comments_file(user_id),
        "likes.json": export_contents.likes_file(user_id),
        "following.json": export_contents.following_file(user_id),
        "followers.json": export_contents.followers_file(user_id),
    }
    photo_files = filter(None, (export_contents.largest_rendition(photo) for photo in photos))
    settings = load_settings()
    return export_archive.write_archive(
        aws_clients.s3_client(),
        media_bucket=settings.media_bucket,
        exports_bucket=settings.exports_bucket,
        key=exports.archive_key(user_id, export["id"]),
        json_files=json_files,
        photo_files=photo_files,
    )
