"""The API's settings, read once from environment variables.

Settings, like the API's other small records (the caller, a page request), are NamedTuples:
immutable, like a frozen dataclass, and several times cheaper to define, which a cold start of
the API notices (`make bench`).

In AWS the values come from `.chalice/config.json` (written by the deploy driver from the
CloudFormation outputs); locally the local stack sets them before it loads app.py.
"""

import functools
import os
from typing import NamedTuple

ALLOWED_CONTENT_TYPES = (
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heic",
    "image/heif",
    "image/avif",
    "image/gif",
)
CAPTION_MAX_LENGTH = 2200
# A photo's description for people who cannot see it (the <img> alt text), as Instagram allows.
ALT_TEXT_MAX_LENGTH = 1000
# A comment (or a reply) may be as long as a caption, as on Instagram; it is never empty.
COMMENT_MAX_LENGTH = 2200
# A profile picture is shown at most 320 pixels wide: a phone's photo is far larger than that
# needs, but a person should not have to shrink one first (chalicelib/avatars/).
AVATAR_MAX_BYTES = 15 * 1024 * 1024
AVATAR_UPLOADS_PER_HOUR = 20


class Settings(NamedTuple):
    region: str
    table_name: str
    uploads_bucket: str
    media_bucket: str
    user_pool_id: str
    user_pool_client_id: str
    jwks_url: str
    max_upload_bytes: int
    upload_expiry_seconds: int
    feed_shards: int
    # Where the site's own page (index.html) is published (infra/deploy/site.py), and the
    # site's public origin (`https://<distribution>.cloudfront.net`): a photo's page at /p/<id>
    # is made of the one and names its addresses on the other (chalicelib/edge/photo_page.py).
    site_bucket: str
    site_url: str
    # The CloudFront distribution serving media, whose cache forgets deleted photos; empty
    # locally, where nothing caches.
    distribution_id: str
    # The SHA-256 of the secret header CloudFront adds to each request it sends the API; the
    # edge refuses requests without it (chalicelib/edge/origin_check.py). Empty refuses all.
    origin_secret_sha256: str
    # Accounts with more followers than this are celebrities: their photos are not fanned out
    # to every follower's timeline but merged into home feeds when they are read.
    fanout_max_followers: int
    # Limits on what one person may start at once and in an hour (photos.upload_limits).
    max_pending_uploads: int
    max_photos_per_hour: int
    # What one account may write in a minute (likes, follows, and their undoing) and how many
    # accounts it may follow (shared.account_writes, people.follows).
    max_writes_per_minute: int
    max_following: int
    # Where a person's "download your data" archives are written (a private bucket that forgets
    # them after a week) and the queue that asks the export function to write one
    # (chalicelib/accounts/).
    exports_bucket: str
    exports_queue_url: str

    @property
    def token_issuer(self) -> str:
        # Cognito (and the local pool) name the real AWS address as issuer in every token.
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"


@functools.cache
def load_settings() -> Settings:
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    user_pool_id = os.environ["USER_POOL_ID"]
    default_jwks_url = (
        f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}/.well-known/jwks.json"
    )
    expiry_seconds = int(os.environ.get("UPLOAD_EXPIRY_SECONDS", "600"))
    return Settings(
        region=region,
        table_name=os.environ["TABLE_NAME"],
        uploads_bucket=os.environ["UPLOADS_BUCKET"],
        media_bucket=os.environ["MEDIA_BUCKET"],
        site_bucket=os.environ.get("SITE_BUCKET", ""),
        site_url=os.environ.get("SITE_URL", "").rstrip("/"),
        user_pool_id=user_pool_id,
        user_pool_client_id=os.environ["USER_POOL_CLIENT_ID"],
        # Locally the pool's keys are served by the local AWS endpoint, not by Cognito.
        jwks_url=os.environ.get("COGNITO_JWKS_URL", default_jwks_url),
        max_upload_bytes=int(os.environ.get("MAX_UPLOAD_BYTES", str(25 * 1024 * 1024))),
        # An upload policy never lives longer than ten minutes, whatever the environment says.
        upload_expiry_seconds=min(expiry_seconds, 600),
        feed_shards=int(os.environ.get("FEED_SHARDS", "1")),
        distribution_id=os.environ.get("DISTRIBUTION_ID", ""),
        origin_secret_sha256=os.environ.get("ORIGIN_SECRET_SHA256", ""),
        fanout_max_followers=int(os.environ.get("FANOUT_MAX_FOLLOWERS", "10000")),
        max_pending_uploads=int(os.environ.get("MAX_PENDING_UPLOADS", "10")),
        max_photos_per_hour=int(os.environ.get("MAX_PHOTOS_PER_HOUR", "100")),
        max_writes_per_minute=int(os.environ.get("MAX_WRITES_PER_MINUTE", "60")),
        max_following=int(os.environ.get("MAX_FOLLOWING", "7500")),
        exports_bucket=os.environ.get("EXPORTS_BUCKET", ""),
        exports_queue_url=os.environ.get("EXPORTS_QUEUE_URL", ""),
    )


def user_pool_arn_for_deployment() -> str:
    """The pool ARN that Chalice writes into API Gateway's Cognito authorizer.

    Chalice reads it when it imports app.py to package or deploy, before any Lambda runs, so it
    comes from the deploying shell's environment (the deploy driver sets it). Locally the value is
    never used: the local gateway verifies tokens against the local pool itself.
    """
    return os.environ.get(
        "USER_POOL_ARN", "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_local"
    )


def table_stream_arn_for_deployment() -> str:
    """The table's stream, which Chalice subscribes the stream function to (app.py).

    Like the pool ARN above, Chalice reads it when it packages or deploys, from the deploying
    shell's environment (the deploy driver sets it from the stack's outputs). Locally the value
    is never used: the local stack's stream loop reads the table's stream itself.
    """
    return os.environ.get(
        "TABLE_STREAM_ARN",
        "arn:aws:dynamodb:us-east-1:000000000000:table/cloudgram-local-photos/stream/local",
    )


def exports_queue_arn_for_deployment() -> str:
    """The queue Chalice subscribes the export function to (app.py's `write_export`). Like the
    stream's ARN, Chalice reads it when it packages or deploys (the deploy driver sets it from
    the stack's outputs); locally the value is never used: the local stack polls the queue."""
    return os.environ.get(
        "EXPORTS_QUEUE_ARN", "arn:aws:sqs:us-east-1:000000000000:cloudgram-local-exports"
    )


def api_name_for_deployment() -> str:
    """The REST API's name, which Chalice takes from app.py's app name: cloudgram-<stage>, so
    that dev and prod in one account never share an API name, or its metrics and alarms.
    The deploy driver sets API_NAME when it runs chalice (and the stage's environment has it)."""
    return os.environ.get("API_NAME", "cloudgram")
