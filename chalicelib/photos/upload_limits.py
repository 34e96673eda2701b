"""How much one person may upload: at most MAX_PENDING_UPLOADS photos waiting for their file at
once, and MAX_PHOTOS_PER_HOUR new photos a clock hour. Without them, one account once requested
300 photos in four seconds, each with a 25 MB upload link.

Both limits are checked in the very transaction that stores the new photo, so they are exact
under any burst (thirty requests at once from one account get ten photos, not thirty):
- Waiting photos: the photo takes one of the person's upload slots (photos.upload_quota_store)
  on condition that it is free. It frees itself when the photo's upload window passes (a link
  lives ten minutes, plus the processing grace), or sooner: the table's stream frees it as soon
  as the photo stops waiting (READY, FAILED or deleted), `on_change` below. A page uploads a few
  files at a time, so the cap only stops scripts.
- Photos per hour: a counter item per person and clock hour (chalicelib/shared/window_counters.py).

A refusal is a LimitReachedError (a 429) that says when to come back.
"""

import random
from datetime import datetime, timedelta

from chalicelib.photos import store, upload_quota_store
from chalicelib.shared import (
    account_writes,
    aws_clients,
    clock,
    table_keys,
    transactions,
    window_counters,
)
from chalicelib.shared.errors import LimitReachedError, TryAgainLaterError
from chalicelib.shared.settings import load_settings
from chalicelib.shared.table_stream import TableChange
from chalicelib.shared.users import User

# An upload link's lifetime plus the processing grace (photos.status): after that, no file arrives.
UPLOAD_WINDOW = timedelta(minutes=12)


def store_within_limits(user: User, photo: dict, now: datetime) -> dict:
    """Store the new PENDING photo, holding one of its owner's upload slots and counted in the
    hour, all in one transaction; return the item as stored. LimitReachedError at either limit.

    A try fails only when another of the person's requests took the same slot a moment before;
    each try reads the slots again, and a burst of one person's requests settles in a few."""
    settings = load_settings()
    table_name = aws_clients.dynamodb_table().name
    hour = window_counters.hour_of(now)
    hour_counter = window_counters.counted(
        table_name,
        table_keys.upload_count_key(user.id, hour.label),
        "uploads",
        settings.max_photos_per_hour,
        hour,
    )
    free_after = now + UPLOAD_WINDOW
    for _ in range(settings.max_pending_uploads + 1):
        slot = _a_free_slot(user, now, settings.max_pending_uploads)
        stored = {**photo, "uploadSlot": slot}
        held = upload_quota_store.take_slot(table_name, user.id, slot, photo["id"], free_after, now)
        try:
            transactions.write(
                [
                    store.new_photo(table_name, stored),
                    held,
                    hour_counter,
                    account_writes.account_not_erased(table_name, user.id),
                ]
            )
        except transactions.TransactionRefusedError as refused:
            if refused.condition_failed(2):
                raise _hourly_limit_reached(settings.max_photos_per_hour, hour, now) from refused
            if not refused.condition_failed(1):
                raise
            continue
        return stored
    raise TryAgainLaterError()


def on_change(change: TableChange) -> None:
    """A table-stream reaction: a photo that stops waiting for its file (READY, FAILED, or
    deleted while PENDING) frees its upload slot at once, rather than when its window passes."""
    if not table_keys.is_photo(change.keys) or change.old is None:
        return
    was_waiting = change.old["status"] == "PENDING" and "uploadSlot" in change.old
    still_waiting = change.new is not None and change.new["status"] == "PENDING"
    if was_waiting and not still_waiting:
        photo = change.old
        upload_quota_store.free_slot(photo["ownerId"], int(photo["uploadSlot"]), photo["id"])


def _a_free_slot(user: User, now: datetime, slot_count: int) -> int:
    """A free slot, chosen at random so that simultaneous requests rarely want the same one."""
    now_text = clock.timestamp(now)
    busy = {
        upload_quota_store.slot_number(slot): slot["freeAfter"]
        for slot in upload_quota_store.slots_held(user.id)
        if slot["freeAfter"] >= now_text
    }
    free = [slot for slot in range(slot_count) if slot not in busy]
    if free:
        return random.choice(free)
    first_free = clock.moment(min(busy.values()))
    raise LimitReachedError(
        f"You have {len(busy)} photos still uploading or waiting for their file. Let them "
        "finish (or cancel them), then share more.",
        retry_after_seconds=window_counters.seconds_until(first_free, now),
    )


def _hourly_limit_reached(cap: int, hour: window_counters.Window, now: datetime) -> Exception:
    return LimitReachedError(
        f"You have shared {cap} photos this hour, the most CloudGram takes in an hour. You can "
        f"share more from {hour.ends:%H:%M} UTC.",
        retry_after_seconds=window_counters.seconds_until(hour.ends, now),
    )
