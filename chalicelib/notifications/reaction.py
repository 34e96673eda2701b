"""The inbox, written from the table's stream: a table-stream reaction, wired in app.py.

    like, comment, reply, follow added ──► its notification(s) put in the inbox(es) it tells
    the same removed (undone, or with its photo) ──► the very same keys deleted
    a photo becoming READY, or its caption edited ──► @names added told, @names dropped untold

Every notification's key follows from the item alone (notifications.deeds), so a record the
stream delivers twice puts the same item twice, and liking, unliking and liking again leaves
one notification, of the latest like. A notification is written after the deed, never by the
request that did it, so a slow inbox never slows a like; the price is a delay, about a second
locally (`make bench` measures it), before the bell hears of it.
"""

from aws_lambda_powertools.metrics import MetricUnit

from chalicelib.notifications import deeds, inbox_store
from chalicelib.people import profile_store
from chalicelib.shared import table_keys
from chalicelib.shared.observability import metrics
from chalicelib.shared.table_stream import TableChange

# Items that may notify someone, by the start of their sort key (photos by their own test).
NOTIFYING_PREFIXES = (
    table_keys.LIKE_PREFIX,
    table_keys.COMMENT_PREFIX,
    table_keys.REPLY_PREFIX,
    table_keys.FOLLOWS_PREFIX,
)


def on_change(change: TableChange) -> None:
    """A table-stream reaction: notifications follow their deeds in and out; the rest is ignored."""
    if not _may_notify(change.keys) or _changed_nothing_told(change):
        return
    before = _keyed(change.old)
    after = _keyed(change.new)
    added = [after[key].item for key in after.keys() - before.keys()]
    undone = [table_keys.notification_key(*key) for key in before.keys() - after.keys()]
    inbox_store.write(puts=added, deletes=undone)
    if added:
        metrics.add_metric(name="NotificationsWritten", unit=MetricUnit.Count, value=len(added))
    if undone:
        metrics.add_metric(name="NotificationsRemoved", unit=MetricUnit.Count, value=len(undone))


def _may_notify(keys: dict) -> bool:
    return table_keys.is_photo(keys) or keys["SK"].startswith(NOTIFYING_PREFIXES)


def _changed_nothing_told(change: TableChange) -> bool:
    """An update that leaves what the item tells as it was (a photo's like count, a comment's
    reply count): nothing to do, and no @names to look up."""
    if change.old is None or change.new is None:
        return False
    return _what_it_tells(change.old) == _what_it_tells(change.new)


def _what_it_tells(item: dict) -> tuple:
    return item.get("status") == "READY", item.get("caption"), item.get("text")


def _keyed(item: dict | None) -> dict[tuple[str, str], deeds.Notification]:
    """The item's notifications by (recipient, id)."""
    if item is None:
        return {}
    told = deeds.notifications_of(item, profile_store.user_ids_for)
    return {(notification.recipient_id, notification.id): notification for notification in told}
