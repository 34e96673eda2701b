"""Publish the static site: frontend/ and the page's config.json into the site bucket, then
tell CloudFront to forget the paths that changed.

Only files whose content changed are uploaded (S3's ETag of a single-part SSE-S3 object is its
MD5), and files no longer in frontend/ are removed, so the invalidation names just those paths.
"""

import hashlib
import json
import mimetypes
import time
from dataclasses import dataclass
from pathlib import Path

from infra.deploy import aws
from infra.site_config import site_config

FRONTEND_DIR = Path(__file__).resolve().parents[2] / "frontend"
CONFIG_KEY = "config.json"
# Text types get an explicit charset; the rest come from the mimetypes table.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}
# The site has no build step, so file names carry no content hash: browsers must revalidate the
# page, its modules and config.json on every load (a cheap 304 when unchanged) or they could mix
# old and new modules. Images and fonts may be cached for a day.
REVALIDATE = "no-cache"
CACHE_A_DAY = "public, max-age=86400"
REVALIDATED_SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".webmanifest"}
# Past this many changed paths one wildcard is cheaper (the first 1,000 paths a month are free).
MAX_LISTED_INVALIDATION_PATHS = 15


@dataclass(frozen=True)
class SiteFile:
    key: str
    body: bytes
    content_type: str
    cache_control: str

    @property
    def md5(self) -> str:
        return hashlib.md5(self.body, usedforsecurity=False).hexdigest()


def content_type_for(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


def cache_control_for(path: str) -> str:
    return REVALIDATE if Path(path).suffix.lower() in REVALIDATED_SUFFIXES else CACHE_A_DAY


def site_file(key: str, body: bytes) -> SiteFile:
    return SiteFile(key, body, content_type_for(key), cache_control_for(key))


def frontend_files(frontend_dir: Path = FRONTEND_DIR) -> list[SiteFile]:
    return [
        site_file(path.relative_to(frontend_dir).as_posix(), path.read_bytes())
        for path in sorted(frontend_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    ]


def config_document(region: str, outputs: dict[str, str], max_upload_bytes: int) -> dict:
    """The page's /config.json for this deployment (its shape: infra/site_config.py)."""
    return site_config(
        region=region,
        user_pool_id=outputs["UserPoolId"],
        user_pool_client_id=outputs["UserPoolClientId"],
        cognito_endpoint=f"https://cognito-idp.{region}.amazonaws.com/",
        max_upload_bytes=max_upload_bytes,
        local=False,
    )


def config_file(document: dict) -> SiteFile:
    return site_file(CONFIG_KEY, (json.dumps(document, indent=2) + "\n").encode())


def publish(bucket: str, files: list[SiteFile]) -> list[str]:
    """Make the bucket hold exactly these files; returns the keys that changed or went away."""
    s3 = aws.client("s3")
    existing = _existing_etags(bucket)
    changed = [file for file in files if existing.get(file.key) != file.md5]
    for file in changed:
        s3.put_object(
            Bucket=bucket,
            Key=file.key,
            Body=file.body,
            ContentType=file.content_type,
            CacheControl=file.cache_control,
        )
    stale = sorted(set(existing) - {file.key for file in files})
    for key in stale:
        s3.delete_object(Bucket=bucket, Key=key)
    return [file.key for file in changed] + stale


def invalidation_paths(changed_keys: list[str]) -> list[str]:
    paths = [f"/{key}" for key in changed_keys]
    if "index.html" in changed_keys:
        # The site's root is served from index.html too, and so is every photo's page (the
        # API makes /p/<id> of it), which CloudFront keeps a minute: one wildcard path.
        paths += ["/", "/p/*"]
    if len(paths) > MAX_LISTED_INVALIDATION_PATHS:
        return ["/*"]
    return paths


def invalidate(distribution_id: str, paths: list[str]) -> None:
    """Ask CloudFront to drop its cached copies of these paths, and wait until it has."""
    cloudfront = aws.client("cloudfront")
    invalidation = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": paths},
            "CallerReference": f"cloudgram-deploy-{time.time_ns()}",
        },
    )
    cloudfront.get_waiter("invalidation_completed").wait(
        DistributionId=distribution_id,
        Id=invalidation["Invalidation"]["Id"],
        WaiterConfig={"Delay": 10, "MaxAttempts": 60},
    )


def _existing_etags(bucket: str) -> dict[str, str]:
    paginator = aws.client("s3").get_paginator("list_objects_v2")
    return {
        item["Key"]: item["ETag"].strip('"')
        for page in paginator.paginate(Bucket=bucket)
        for item in page.get("Contents", [])
    }
