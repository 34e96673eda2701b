"""Assumptions: what the cost model needs that is not measured by `make bench` and not decided by
the code. Each is a named constant, listed in docs/cost.md with its reason; change one and run
`make cost` again to see what it moves.

The people and followers of each scenario are assumptions too; they are in `scenarios`.
"""

FEED_PAGES_PER_VIEW = 1.5  # pages of 12 photos a visit scrolls through
LIKES_PER_FEED_VIEW = 0.5
COMMENTS_PER_FEED_VIEW = 0.05  # a comment for every ten likes
BELL_CHECKS_PER_FEED_VIEW = 2  # on opening the page, and once a minute while it stays open
DELETED_SHARE_OF_PHOTOS = 0.02  # photos deleted, as a share of photos shared in the month
MONTHS_OF_PHOTOS = 12  # the month's storage holds a year of photos at this month's rate
TYPICAL_UPLOAD = "12MP JPEG"  # the benchmark input standing for a phone photo
# Bytes of each rendition: the 12 MP benchmark photo's set was 150,378 bytes at the worker's
# WebP settings (docs/worker-sizing.md, measured once), split here in proportion to pixels
# (full 1512x2016, feed 1080x1440, grid 480x480).
FULL_RENDITION_BYTES = 95_000
FEED_RENDITION_BYTES = 48_000
RENDITION_SET_BYTES = 150_000
# A feed card offers `feed` (1080 wide) and `full` in a srcset drawn 600 px wide on a desktop and
# full-width on a phone: screens of 2x and more density pick `full`.
SHARE_OF_CARDS_LOADING_FULL = 0.5
FEED_JSON_BYTES_PER_PHOTO = 900  # one photo in a feed page's JSON, with its placeholder
# Visits from a browser that kept the site's files since an earlier visit: it revalidates only
# index.html and config.json. People come back to CloudGram on the same phone many times a month
# (100 to 200 feed views a person in the scenarios); first visits, cleared caches and the first
# visit after a deploy that changed every file make up the rest.
SHARE_OF_REPEAT_VISITS = 0.9
SHARE_OF_CLOUDFRONT_REQUESTS_TO_S3 = 0.1  # misses and revalidations CloudFront sends to S3
CLOUDFRONT_LOG_BYTES_PER_REQUEST = 100  # a ~500-byte access-log line, gzip-compressed
S3_LOG_BYTES_PER_REQUEST = 400  # an S3 server access-log line (uploads, media, site buckets)
WORKER_ZIP_BYTES = 25_000_000  # the worker's zip (Pillow, pillow-heif, Powertools) in S3
# Items as stored, with DynamoDB's 100 bytes of overhead per item and per index copy.
PHOTO_STORED_BYTES = 3 * 1_300  # the photo and its FeedIndex and OwnerIndex copies
TIMELINE_ENTRY_STORED_BYTES = 300
LIKE_STORED_BYTES = 2 * 270  # the like and its LikesIndex copy
COMMENT_STORED_BYTES = 400  # a comment of about 100 characters
NOTIFICATION_STORED_BYTES = 350
# Lambda durations: the handler's own Python work per invocation, and a DynamoDB round trip.
API_HANDLER_SECONDS = 0.010
STREAM_HANDLER_SECONDS = 0.010
DYNAMODB_ROUND_TRIP_SECONDS = 0.008
COLD_START_SHARE = 0.01  # invocations that start a new environment (AWS: "under 1 %")
# The worker's S3 and DynamoDB calls, not scaled by memory (docs/worker-sizing.md).
WORKER_WAITING_SECONDS = 0.1
ONE_VCPU_MB = 1769  # Lambda gives one full vCPU at 1,769 MB, a share of one below
# Log bytes ingested per invocation: Lambda's START/END/REPORT lines plus Powertools' JSON lines
# and metrics; the worker logs each photo and its metrics, the API mostly only the REPORT line.
API_LOG_BYTES_PER_REQUEST = 600
WORKER_LOG_BYTES_PER_PHOTO = 2_500
STREAM_LOG_BYTES_PER_INVOCATION = 800
