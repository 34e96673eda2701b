"""How much one person may upload: a cap on photos still waiting for their file (PENDING) and a
cap on photos per hour. Without them, one account once requested 300 photos in four seconds,
each with a 25 MB upload link.

- Waiting photos (MAX_PENDING_UPLOADS): counted with one Query of the person's photos created
  within the upload window (a link lives ten minutes; an older PENDING photo can no longer get
  its file). A page uploads a few files at a time, so the cap only stops scripts.
- Photos per hour (MAX_PHOTOS_PER_HOUR): a counter item per person and clock hour, raised by a
  conditional UpdateItem. DynamoDB applies it atomically, so even a burst of simultaneous
  requests cannot get past it; the counter expires with the table's time-to-live.
"""

from datetime import UTC, datetime, timedelta

from chalicelib.photos import store, upload_quota_store
from chalicelib.shared import clock
from chalicelib.shared.errors import LimitReachedError
from chalicelib.shared.settings import load_settings
from chalicelib.shared.users import User

# An upload link's lifetime plus the processing grace (photos.status): after that, no file arrives.
UPLOAD_WINDOW = timedelta(minutes=12)


def take_upload_slot(user: User) -> None:
    """Count a new photo against the person's limits, or refuse it with LimitReachedError (a
    429) that says when they can share again."""
    settings = load_settings()
    now = datetime.now(UTC)
    waiting = store.count_pending(user.username, clock.timestamp(now - UPLOAD_WINDOW))
    if waiting >= settings.max_pending_uploads:
        raise LimitReachedError(
            f"You have {waiting} photos still uploading or waiting for their file. Let them "
            "finish (or cancel them), then share more."
        )
    hour = now.strftime("%Y-%m-%dT%H")
    next_hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    if not upload_quota_store.count_upload(user.id, hour, settings.max_photos_per_hour, next_hour):
        raise LimitReachedError(
            f"You have shared {settings.max_photos_per_hour} photos this hour, the most CloudGram "
            f"takes in an hour. You can share more from {next_hour:%H:%M} UTC."
        )
