"""The bill's lines for what CloudGram keeps: the DynamoDB table (read and write units, storage,
point-in-time recovery) and the S3 buckets (renditions, the site and the worker's zip, their
requests, and the access logs the logs bucket keeps).
"""

from bench.cost.assumptions import (
    CLOUDFRONT_LOG_BYTES_PER_REQUEST,
    COMMENT_STORED_BYTES,
    LIKE_STORED_BYTES,
    MONTHS_OF_PHOTOS,
    NOTIFICATION_STORED_BYTES,
    PHOTO_STORED_BYTES,
    RENDITION_SET_BYTES,
    S3_LOG_BYTES_PER_REQUEST,
    SHARE_OF_CLOUDFRONT_REQUESTS_TO_S3,
    TIMELINE_ENTRY_STORED_BYTES,
    WORKER_ZIP_BYTES,
)
from bench.cost.charge import Charge, number, sum_text
from bench.cost.month import Month
from bench.cost.prices import (
    DYNAMODB_BACKUP_PER_GB_MONTH,
    DYNAMODB_PER_MILLION_READ_UNITS,
    DYNAMODB_PER_MILLION_WRITE_UNITS,
    DYNAMODB_STORAGE_PER_GB_MONTH,
    S3_PER_THOUSAND_READS,
    S3_PER_THOUSAND_WRITES,
    S3_STORAGE_PER_GB_MONTH,
)
from bench.cost.usage import (
    NOTIFICATION_DAYS,
    RENDITIONS_PER_PHOTO,
    S3_READS_PER_UPLOAD,
    TIMELINE_DAYS,
)


def dynamodb_charges(month: Month) -> list[Charge]:
    uses = month.dynamodb_uses()
    read_units = sum(count * use.read_units for _, count, use in uses)
    write_units = sum(count * use.write_units for _, count, use in uses)
    photos_stored = month.scenario.photos * MONTHS_OF_PHOTOS
    likes_stored = month.likes * MONTHS_OF_PHOTOS
    comments_stored = month.comments * MONTHS_OF_PHOTOS
    photos_gb = photos_stored * PHOTO_STORED_BYTES / 1e9
    timeline_entries_kept = month.timeline_entries * TIMELINE_DAYS / 30
    notifications_kept = month.notifications * NOTIFICATION_DAYS / 30
    other_gb = (
        timeline_entries_kept * TIMELINE_ENTRY_STORED_BYTES
        + likes_stored * LIKE_STORED_BYTES
        + comments_stored * COMMENT_STORED_BYTES
        + notifications_kept * NOTIFICATION_STORED_BYTES
    ) / 1e9
    return [
        Charge(
            "DynamoDB, read units",
            read_units,
            sum_text([(label, count, use.read_units) for label, count, use in uses]),
            "read units",
            DYNAMODB_PER_MILLION_READ_UNITS,
            per=1_000_000,
        ),
        Charge(
            "DynamoDB, write units",
            write_units,
            sum_text([(label, count, use.write_units) for label, count, use in uses]),
            "write units",
            DYNAMODB_PER_MILLION_WRITE_UNITS,
            per=1_000_000,
        ),
        Charge(
            "DynamoDB, storage",
            photos_gb + other_gb,
            f"({number(photos_stored)} photos x {PHOTO_STORED_BYTES:,} B + "
            f"{number(timeline_entries_kept)} timeline entries x "
            f"{TIMELINE_ENTRY_STORED_BYTES} B + {number(likes_stored)} likes x "
            f"{LIKE_STORED_BYTES} B + {number(comments_stored)} comments x "
            f"{COMMENT_STORED_BYTES} B + {number(notifications_kept)} notifications x "
            f"{NOTIFICATION_STORED_BYTES} B) / 10^9",
            "GB-months",
            DYNAMODB_STORAGE_PER_GB_MONTH,
            price_unit="GB-month",
            allowance="DynamoDB storage GB",
        ),
        Charge(
            "DynamoDB, point-in-time recovery",
            # Backups cover the table's own items, not the copies in its two global indexes.
            photos_gb / 3 + other_gb,
            f"{number(photos_gb)} GB of photos / 3 (no index copies) + {number(other_gb)} GB",
            "GB-months",
            DYNAMODB_BACKUP_PER_GB_MONTH,
            price_unit="GB-month",
        ),
    ]


def s3_charges(month: Month) -> list[Charge]:
    photos, code = month.scenario.photos, month.code
    writes = photos * (1 + RENDITIONS_PER_PHOTO)
    worker_reads = photos * S3_READS_PER_UPLOAD
    served = month.site_requests + month.image_requests
    origin_reads = served * SHARE_OF_CLOUDFRONT_REQUESTS_TO_S3
    photos_stored = photos * MONTHS_OF_PHOTOS
    stored_bytes = photos_stored * RENDITION_SET_BYTES + code.site_bytes + WORKER_ZIP_BYTES
    s3_requests = writes + worker_reads + origin_reads
    log_bytes = (
        month.cloudfront_requests * CLOUDFRONT_LOG_BYTES_PER_REQUEST
        + s3_requests * S3_LOG_BYTES_PER_REQUEST
    )
    return [
        Charge(
            "S3, storage of renditions, site and worker zip",
            stored_bytes / 1e9,
            f"({number(photos_stored)} photos x {RENDITION_SET_BYTES:,} B + "
            f"{code.site_bytes:,} B + {WORKER_ZIP_BYTES:,} B) / 10^9",
            "GB-months",
            S3_STORAGE_PER_GB_MONTH,
            price_unit="GB-month",
        ),
        Charge(
            "S3, POST and PUT requests",
            writes,
            f"{number(photos)} photos x (1 upload + {RENDITIONS_PER_PHOTO} renditions)",
            "requests",
            S3_PER_THOUSAND_WRITES,
            per=1_000,
        ),
        Charge(
            "S3, GET and HEAD requests",
            worker_reads + origin_reads,
            f"{number(photos)} photos x {S3_READS_PER_UPLOAD} (worker) + {number(served)} "
            f"site and image requests x {SHARE_OF_CLOUDFRONT_REQUESTS_TO_S3:g} passed on by "
            "CloudFront",
            "requests",
            S3_PER_THOUSAND_READS,
            per=1_000,
        ),
        Charge(
            "S3, access logs (kept 30 days)",
            log_bytes / 1e9,
            f"({number(month.cloudfront_requests)} CloudFront requests x "
            f"{CLOUDFRONT_LOG_BYTES_PER_REQUEST} B + {number(s3_requests)} S3 requests x "
            f"{S3_LOG_BYTES_PER_REQUEST} B) / 10^9",
            "GB-months",
            S3_STORAGE_PER_GB_MONTH,
            price_unit="GB-month",
        ),
    ]
