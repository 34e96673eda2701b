"""What a photo's status means now: a PENDING photo whose file can no longer arrive, or whose
every processing try has passed, will never be READY, and is shown as FAILED with the reason.

The stored item still says PENDING (nothing rewrites it; the table's time-to-live removes it a
day after it was created); `as_of_now` is how every read shows it.
"""

from datetime import UTC, datetime, timedelta

from chalicelib.shared import clock

UPLOAD_NEVER_ARRIVED_REASON = (
    "The photo was not uploaded before its upload link expired. Please share it again."
)
PROCESSING_GAVE_UP_REASON = (
    "CloudGram tried several times but could not process this photo. Please share it again."
)
# After the upload link expires, a file that did arrive in time may still be in the worker.
PROCESSING_GRACE = timedelta(minutes=2)
# How long the worker may go on trying a file that arrived: the uploads queue delivers it up to
# 5 times, 6 minutes apart (maxReceiveCount and VisibilityTimeout in infra/template.yaml; a test
# holds them together), and the last try marks the photo FAILED. A photo still PENDING after
# that lost its last try too (it timed out, and the message went to the dead-letter queue).
WORKER_TRIES_PERIOD = 5 * timedelta(minutes=6)


def as_of_now(photo: dict) -> dict:
    """The photo item as it stands now: a copy marked FAILED, with the reason, if it is PENDING
    and can never become READY; otherwise the item itself."""
    if photo["status"] != "PENDING":
        return photo
    reason = why_it_will_never_be_ready(photo)
    if reason is None:
        return photo
    # Say so, instead of leaving the owner waiting on a photo that will never be processed.
    return {**photo, "status": "FAILED", "failureReason": reason}


def why_it_will_never_be_ready(pending: dict) -> str | None:
    """Why a PENDING photo can no longer become READY, or None while it still may.

    Without `uploadArrivedAt` (the worker sets it when the file's event reaches it), the file
    never came, and none can come once the upload link has expired: S3 refuses an expired
    policy. With it, the worker is processing the file or trying it again after a failure, and
    its last try would have marked the photo FAILED by the end of WORKER_TRIES_PERIOD.
    """
    now = datetime.now(UTC)
    arrived_at = pending.get("uploadArrivedAt")
    if arrived_at is None:
        if now > clock.moment(pending["uploadExpiresAt"]) + PROCESSING_GRACE:
            return UPLOAD_NEVER_ARRIVED_REASON
        return None
    if now > clock.moment(arrived_at) + WORKER_TRIES_PERIOD + PROCESSING_GRACE:
        return PROCESSING_GAVE_UP_REASON
    return None
