""" "Download your data": asking for an archive of everything a person put into CloudGram, and
finding it again.

Request path: POST /me/export, GET /me/exports, GET /me/exports/{id} (app.py) -> here ->
export_store.py (DynamoDB); the archive's link is a presigned S3 GET made here. Writing the
archive happens off the request path: the new PENDING item reaches the table's stream, whose
reaction (export_queue.py) sends a message to the exports queue, whose function
(export_job.py) writes the zip and marks the export READY or FAILED.

The rules, in the order a request meets them:
- an export still in progress is answered again, so a double click starts one job;
- at most EXPORTS_PER_DAY exports start in any 24 hours, counted exactly (export_store.py);
- an archive can be downloaded for a week after it is written, through links that live a day
  at most (docs/design-decisions.md, "Downloading your data").
"""

import re
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from chalicelib.accounts import export_store
from chalicelib.shared import aws_clients, clock
from chalicelib.shared.errors import LimitReachedError, NotFoundError, TryAgainLaterError
from chalicelib.shared.observability import logger
from chalicelib.shared.settings import load_settings
from chalicelib.shared.users import User
from chalicelib.shared.window_counters import seconds_until

EXPORTS_PER_DAY = 3
LIMIT_WINDOW = timedelta(hours=24)
# How long an archive, and the export that names it, can be downloaded.
KEPT_FOR = timedelta(days=7)
# The longest a download link lives; each read of the export makes a new one.
LINK_LIFETIME = timedelta(hours=24)
# An export still PENDING this long after it was asked for will never be written: the export
# function has three tries of at most 15 minutes, each after the queue's 90-minute visibility
# timeout (infra/template.yaml, ExportsQueue). It is shown as FAILED, and a new one may start.
GIVE_UP_AFTER = timedelta(hours=4)
TOOK_TOO_LONG = "Writing your archive took too long. Please ask for a new one."
NO_SUCH_EXPORT = "No such export"
START_ATTEMPTS = 5
# What an archive's file name keeps of a username: a name in a header must stay plain.
FILE_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class Export(NamedTuple):
    """An export as its owner is shown it."""

    id: str
    status: str
    requested_at: str
    ready_at: str | None = None
    url: str | None = None
    expires_at: str | None = None
    size_bytes: int | None = None
    failure_reason: str | None = None


def request_export(user: User, now: datetime | None = None) -> Export:
    """Start an export of `user`'s data, or answer the one already in progress."""
    now = now or datetime.now(UTC)
    for _ in range(START_ATTEMPTS):
        state = export_store.export_state(user.id)
        in_progress = _in_progress(user.id, state.get("pendingExportId"), now)
        if in_progress is not None:
            return _shown(in_progress, user, now)
        window_start = now - LIMIT_WINDOW
        recent = [start for start in state["recentStarts"] if clock.moment(start) > window_start]
        if len(recent) >= EXPORTS_PER_DAY:
            _refuse_over_limit(recent, now)
        export = _new_export(user, now)
        expires = int((now + KEPT_FOR).timestamp())
        starts = [*recent, export["requestedAt"]]
        if export_store.start_export(export, starts, int(state["version"]), expires):
            logger.info("Export requested", extra={"export_id": export["id"]})
            return _shown(export, user, now)
    # Only a storm of requests from one person changes their state this often.
    raise TryAgainLaterError()


def recent_exports(user: User, now: datetime | None = None) -> list[Export]:
    """The person's exports of the last week, newest first (at most 10)."""
    now = now or datetime.now(UTC)
    items = export_store.newest_exports(user.id)
    return [_shown(item, user, now) for item in items if not _expired(item, now)]


def get_export(user: User, export_id: str, now: datetime | None = None) -> Export:
    """One of the person's exports; NotFoundError for any other id, or an expired export."""
    now = now or datetime.now(UTC)
    item = export_store.get_export(user.id, export_id)
    if item is None or _expired(item, now):
        raise NotFoundError(NO_SUCH_EXPORT)
    return _shown(item, user, now)


def archive_key(user_id: str, export_id: str) -> str:
    """Where an archive is written: every archive of a person under one prefix, which the
    erasure of their account deletes."""
    return f"exports/{user_id}/{export_id}.zip"


def archive_file_name(username: str, ready_at: str) -> str:
    """`cloudgram-<username>-<date>.zip`, the name the browser saves the archive under."""
    safe_name = FILE_NAME_UNSAFE.sub("_", username)[:64]
    return f"cloudgram-{safe_name}-{ready_at[:10]}.zip"


def _new_export(user: User, now: datetime) -> dict:
    # Imported here: only this request needs to make an id.
    from ulid import ULID

    return {
        "id": str(ULID.from_datetime(now)),  # sorts by time: the newest export is listed first
        "userId": user.id,
        "username": user.username,
        # The archive's profile.json gives the e-mail address the person signed in with; the
        # table keeps none elsewhere.
        **({"email": user.email} if user.email else {}),
        "status": "PENDING",
        "requestedAt": clock.timestamp(now),
        # The table forgets an export a week after it was asked for (a READY one, a week after
        # its archive was written).
        "deleteAfter": int((now + KEPT_FOR).timestamp()),
    }


def _in_progress(user_id: str, export_id: str | None, now: datetime) -> dict | None:
    if not export_id:
        return None
    export = export_store.get_export(user_id, export_id, consistent=True)
    if export is None or export["status"] != "PENDING" or _given_up(export, now):
        return None
    return export


def _refuse_over_limit(recent_starts: list[str], now: datetime) -> None:
    next_allowed = clock.moment(min(recent_starts)) + LIMIT_WINDOW
    raise LimitReachedError(
        f"You can ask for {EXPORTS_PER_DAY} exports of your data a day. You can ask for the next "
        f"one at {next_allowed:%H:%M} UTC; until then, download the ones you have.",
        retry_after_seconds=seconds_until(next_allowed, now),
    )


def _given_up(export: dict, now: datetime) -> bool:
    too_old = clock.moment(export["requestedAt"]) < now - GIVE_UP_AFTER
    return export["status"] == "PENDING" and too_old


def _expires_at(export: dict) -> datetime:
    if export["status"] == "READY":
        return clock.moment(export["readyAt"]) + KEPT_FOR
    return clock.moment(export["requestedAt"]) + KEPT_FOR


def _expired(export: dict, now: datetime) -> bool:
    # The table's time-to-live deletes an expired item within days, not at once.
    return _expires_at(export) <= now


def _shown(export: dict, user: User, now: datetime) -> Export:
    if _given_up(export, now):
        return Export(
            id=export["id"],
            status="FAILED",
            requested_at=export["requestedAt"],
            failure_reason=TOOK_TOO_LONG,
        )
    if export["status"] != "READY":
        return Export(
            id=export["id"],
            status=export["status"],
            requested_at=export["requestedAt"],
            failure_reason=export.get("failureReason"),
        )
    expires_at = _expires_at(export)
    return Export(
        id=export["id"],
        status="READY",
        requested_at=export["requestedAt"],
        ready_at=export["readyAt"],
        url=_download_link(export, user, expires_at - now),
        expires_at=clock.timestamp(expires_at),
        size_bytes=int(export["sizeBytes"]),
    )


def _download_link(export: dict, user: User, time_left: timedelta) -> str:
    """A presigned GET of the archive, living a day or until the archive expires, whichever
    comes first, that makes the browser save it under a plain name. (In Lambda, a link also dies
    with the role's session that signed it, after some hours: each read of the export makes a
    new one.)"""
    lifetime = min(LINK_LIFETIME, time_left)
    file_name = archive_file_name(user.username, export["readyAt"])
    return aws_clients.s3_client().generate_presigned_url(
        "get_object",
        Params={
            "Bucket": load_settings().exports_bucket,
            "Key": export["objectKey"],
            "ResponseContentDisposition": f'attachment; filename="{file_name}"',
            "ResponseContentType": "application/zip",
        },
        ExpiresIn=max(1, int(lifetime.total_seconds())),
    )
