"""Usage per operation, counted from the code: the DynamoDB requests and units of each route and
of the worker, the table-stream records, S3 and SQS requests, custom metrics and X-Ray's sampling.

Each number is what the code does today, and the comment above it names the code and counts it,
so a change there means recounting here. What `make bench` measures is read by `inputs`; what
neither the code nor the benchmark decides is in `assumptions`.
"""

from typing import NamedTuple

# DynamoDB per operation, counted from the code. On-demand billing: an eventually consistent
# read of up to 4 KB is half a read unit, a strongly consistent one a whole unit; a write is
# one unit per started KB of the item (the larger of before and after); a transaction doubles
# both; and every index an item is written to costs that write again. Both indexes of the table
# project ALL attributes, so a photo's index copies are as big as the photo.
# A READY photo item is about 1.2 KB (estimated from the attributes photos.service and
# photo_records write, with a 100-character caption and a placeholder of up to 400 characters):
# 2 write units.


class DynamoDBUse(NamedTuple):
    """What one operation costs DynamoDB: its requests (each a round trip) and units."""

    requests: float
    read_units: float
    write_units: float


# GET /me (people.profiles.ensure_profile), on every visit: one GetItem of the profile.
ME_DYNAMODB = DynamoDBUse(requests=1, read_units=0.5, write_units=0)
# POST /photos (photos.service.request_upload): a GetItem of the profile (0.5), a consistent
# Query of the person's upload slots (1), then one TransactWriteItems
# (photos.upload_limits.store_within_limits): the PENDING photo, about 0.5 KB (1, doubled: 2,
# plus 1 for its OwnerIndex copy), its upload slot (1, doubled: 2) and the hour's counter (1,
# doubled: 2).
UPLOAD_REQUEST_DYNAMODB = DynamoDBUse(requests=3, read_units=1.5, write_units=7)
# GET /photos/{id}, the page's polling until READY (frontend/js/uploads/upload.js): one GetItem.
POLL_DYNAMODB = DynamoDBUse(requests=1, read_units=0.5, write_units=0)
# The worker (image_worker/processing.py, photo_records.py): an UpdateItem noting that the
# PENDING photo's file arrived (about 0.5 KB: 1, plus 1 for its OwnerIndex copy), then one
# TransactWriteItems: the photo turning READY (2 units, doubled: 4) and the owner's photoCount
# (1, doubled: 2); the READY photo enters FeedIndex (2) and its OwnerIndex copy is rewritten (2).
WORKER_DYNAMODB = DynamoDBUse(requests=2, read_units=0, write_units=12)
# PUT /photos/{id}/like (photos.like_store.add_like, photos.likes): a GetItem of the photo (0.5:
# whose it is, for the notification), a TransactWriteItems of the like item (1, doubled: 2), the
# photo's likeCount (2, doubled: 4) plus the photo's two index copies (2 + 2), the like's
# LikesIndex copy (1, the list of who liked) and the liker's writes this minute (1, doubled: 2);
# then a strongly consistent GetItem of the photo (1).
LIKE_DYNAMODB = DynamoDBUse(requests=3, read_units=1.5, write_units=13)
# POST /photos/{id}/comments (comments.service.post_comment, comment_store.add_comment): a
# GetItem of the profile (0.5) and of the photo (0.5), then a TransactWriteItems of the comment
# (under 1 KB: 1, doubled: 2), the photo's commentCount (2, doubled: 4) plus its two index copies
# (2 + 2) and the writer's writes this minute (1, doubled: 2).
COMMENT_DYNAMODB = DynamoDBUse(requests=3, read_units=1.0, write_units=12)
# A notification (notifications.reaction), written by the stream function after each like and
# comment: one BatchWriteItem of an item under 1 KB (1). Taking one back costs the same.
NOTIFICATION_DYNAMODB = DynamoDBUse(requests=1, read_units=0, write_units=1)
# The bell's check, GET /notifications?limit=1 (notifications.service.inbox_page): a GetItem of
# the last-read mark (0.5), a Query of one notification (0.5), a BatchGetItem of its photo (0.5)
# and the unread count, a Query reading the unread notifications, at most 100 of about 300
# bytes: a few, one 4 KB block (0.5).
BELL_CHECK_DYNAMODB = DynamoDBUse(requests=4, read_units=2.0, write_units=0)
# DELETE /photos/{id} (photos.service.delete_photo): a consistent GetItem (1), a transaction that
# deletes the photo (2, doubled: 4) and uncounts it (2), and the two index copies going (2 + 2).
# Its likes, files and timeline entries are removed later by the stream function (not counted).
DELETE_DYNAMODB = DynamoDBUse(requests=2, read_units=1.0, write_units=10)
# A home page (feeds.home_feed): `make bench` counts its requests, one Query of the timeline
# and one BatchGetItem, whatever the page size. The Query reads up to a page plus 10 entries
# (room for celebrity marks), about 190 bytes each: two 4 KB blocks, half a unit each. The
# BatchGetItem reads each of the page's photos and each like key as its own item, half a unit
# each, found or not.
TIMELINE_QUERY_READ_UNITS = 1.0
ITEMS_FETCHED_PER_PHOTO_SHOWN = 2  # the photo and the viewer's like of it
# The fan-out (feeds.fanout.fan_out): a GetItem of the owner's profile, a Query of their
# FOLLOWER# edges (about 270 bytes each, as bench/fan_out.py writes them), then BatchWriteItem,
# 25 timeline entries a request (batches.MAX_WRITE_ITEMS); `make bench` measures the units.
FOLLOW_EDGE_BYTES = 270
ENTRIES_PER_BATCH_WRITE = 25
# Table-stream records each operation makes (one per item changed): an upload writes the hourly
# counter, the upload slot and the PENDING photo, its file's arrival, then the photo and the
# profile when READY, and the stream function frees the slot; a like writes the like, the
# photo, the liker's counter for the minute and then its notification; a comment the same
# four; a delete removes the photo and changes the profile. Timeline entries and notifications
# expire by the table's time-to-live (free) after timeline_store.TIMELINE_DAYS and
# notifications.deeds.KEPT_DAYS, each a stream record too.
STREAM_RECORDS_PER_UPLOAD = 7
STREAM_RECORDS_PER_LIKE = 4
STREAM_RECORDS_PER_COMMENT = 4
STREAM_RECORDS_PER_DELETE = 2
STREAM_BATCH_SIZE = 100  # app.py's on_dynamodb_record(batch_size=100)
TIMELINE_DAYS = 30
NOTIFICATION_DAYS = 90

# Other facts of the code.
RENDITIONS_PER_PHOTO = 3  # grid, feed, full (image_worker/imaging/geometry.py)
# The page lists photos 12 at a time (frontend/js/components/feed-list.js PAGE_SIZE, read below);
# it asks for a photo every 250 ms while it waits for READY (frontend/js/uploads/upload.js
# POLL_INTERVAL_MS).
# Lambda's SQS trigger long-polls the uploads queue with 5 pollers, 20 s a poll, day and night.
SQS_POLLERS = 5
SQS_LONG_POLL_SECONDS = 20
# Per upload: S3's notification sends one message; the trigger deletes it after the batch.
SQS_REQUESTS_PER_PHOTO = 2
# S3 requests per upload: the browser's presigned POST (a write); the worker's HeadObject and
# GetObject (reads), its DeleteObject (free), and one PutObject per rendition (writes).
S3_READS_PER_UPLOAD = 2
# Custom metrics (EMF): UploadsRequested, PhotosDeleted, TimelineEntriesWritten,
# FanOutWriteUnits, AccountLimitRefusals, PhotosReady, ProcessingTime, UploadToReadyTime, the
# worker's ColdStart, and PhotosFailed for each of its 3 reasons (ImageRejected, UploadProblem,
# ProcessingError).
CUSTOM_METRICS = 12
# X-Ray's default sampling rule: the first request each second, then 5 % of the rest.
XRAY_RESERVOIR_PER_SECOND = 1
XRAY_SAMPLED_SHARE = 0.05
