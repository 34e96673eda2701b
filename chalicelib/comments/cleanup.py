"""What remains of a deleted comment: its replies, removed from the table's stream.

Deleting a comment has already taken its replies off the photo's `commentCount`
(comments.comment_store), so the replies are deleted here without touching any count, 25 to a
request, however many there are. Deleting what is gone already changes nothing, so a record
delivered twice is harmless.
"""

from chalicelib.comments import comment_store
from chalicelib.shared import table_keys
from chalicelib.shared.observability import logger
from chalicelib.shared.table_stream import TableChange


def on_change(change: TableChange) -> None:
    """A table-stream reaction: a top-level comment removed takes its replies with it."""
    if change.new is None and table_keys.is_comment(change.keys):
        # From the key alone: whatever else the removed item held, its key says where it was.
        photo_id = table_keys.photo_id_of(change.keys)
        comment_id = change.keys["SK"].removeprefix(table_keys.COMMENT_PREFIX)
        replies = comment_store.delete_replies(photo_id, comment_id)
        logger.info("Comment cleaned up", extra={"replies_deleted": replies})
