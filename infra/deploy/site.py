"""Publish the static site: frontend/ as built for the deploy (infra/deploy/site_build.py) and
the page's config.json into the site bucket, then tell CloudFront to forget the paths that
changed.

Files under js/ and css/ are named after their content and cached for a year, immutable; the
files that keep their names (index.html, config.json, sw.js, manifest.webmanifest, offline.html)
are revalidated on every use; icons and other images are cached a day. The rule goes by path,
so a file added to frontend/ lands under the right one without a change here.

Only files whose content changed are uploaded (S3's ETag of a single-part SSE-S3 object is its
MD5), hashed files before the pages that name them. Files no longer in frontend/ are removed,
except the hashed files that the pages being replaced name: a page loaded just before the
deploy still asks for them (and a service worker's cached copy of the page may, offline). They
go at the next deploy. The invalidation names only files that keep their names: a hashed name
is new, so CloudFront has nothing cached under it.
"""

import hashlib
import json
import mimetypes
import time
from dataclasses import dataclass
from pathlib import Path

from infra.deploy import aws, site_build
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
# A hashed file's content never changes under its name; the others must be revalidated, or
# a browser could mix an old page with new settings.
IMMUTABLE = "public, max-age=31536000, immutable"
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
    if site_build.is_hashed(path):
        return IMMUTABLE
    return REVALIDATE if Path(path).suffix.lower() in REVALIDATED_SUFFIXES else CACHE_A_DAY


def site_file(key: str, body: bytes) -> SiteFile:
    return SiteFile(key, body, content_type_for(key), cache_control_for(key))


def frontend_files(frontend_dir: Path = FRONTEND_DIR) -> list[SiteFile]:
    """frontend/ as the deploy publishes it: js/ and css/ under hashed names."""
    built = site_build.built_site(frontend_dir)
    return [site_file(key, built[key]) for key in sorted(built)]


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
    """Make the bucket hold these files, and the hashed files its current pages name; returns
    the keys that changed or went away."""
    s3 = aws.client("s3")
    existing = _existing_etags(bucket)
    still_named = _hashed_files_named_by_pages(bucket, existing)
    changed = [file for file in files if existing.get(file.key) != file.md5]
    for file in sorted(changed, key=_upload_order):
        s3.put_object(
            Bucket=bucket,
            Key=file.key,
            Body=file.body,
            ContentType=file.content_type,
            CacheControl=file.cache_control,
        )
    stale = sorted(set(existing) - {file.key for file in files} - still_named)
    for key in stale:
        s3.delete_object(Bucket=bucket, Key=key)
    return [file.key for file in changed] + stale


def _upload_order(file: SiteFile) -> tuple[bool, bool]:
    """Hashed files first, then the others, index.html last: a page never names a file that
    is not there yet."""
    return (not site_build.is_hashed(file.key), file.key == "index.html")


def _hashed_files_named_by_pages(bucket: str, existing: dict[str, str]) -> set[str]:
    """The hashed files that the bucket's pages (and service worker, manifest) name today."""
    s3 = aws.client("s3")
    named = set()
    for key in existing:
        if not site_build.is_hashed(key) and key.endswith(site_build.REWRITTEN_SUFFIXES):
            text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
            named |= {match.group(2) for match in site_build.ROOTED_SITE_FILE.finditer(text)}
    return named & set(existing)


def invalidation_paths(changed_keys: list[str]) -> list[str]:
    """The paths CloudFront may hold an old copy of: hashed names are never reused."""
    paths = [f"/{key}" for key in changed_keys if not site_build.is_hashed(key)]
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
