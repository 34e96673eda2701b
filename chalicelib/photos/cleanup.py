"""What remains of a photo once its item is deleted: its likes, its files in S3 and the copies
CloudFront keeps at its edges.

Run from the table's stream (chalicelib/shared/table_stream.py) when a photo item is removed,
so DELETE /photos/{id} answers at once however many likes the photo has; the like items are
deleted here, 25 to a request. Each step is idempotent (deleting what is gone already changes
nothing), so a record delivered twice is harmless.
"""

from chalicelib.photos import cdn, files, like_store
from chalicelib.shared import table_keys
from chalicelib.shared.observability import logger
from chalicelib.shared.table_stream import TableChange


def on_change(change: TableChange) -> None:
    """A table-stream reaction: a photo item removed is cleaned up after."""
    if change.new is None and table_keys.is_photo(change.keys):
        clean_up_after(change.old)


def clean_up_after(photo: dict) -> None:
    photo_id = photo["id"]
    logger.append_keys(photo_id=photo_id)
    likes = like_store.delete_all_likes(photo_id)
    rendition_files = files.delete_photo_files(photo_id)
    if rendition_files:
        # Renditions are cached for a year ("immutable"); a deleted photo must stop being served.
        cdn.forget(files.rendition_url_pattern(photo_id))
    logger.info(
        "Photo cleaned up", extra={"likes_deleted": likes, "renditions_deleted": rendition_files}
    )
