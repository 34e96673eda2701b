"""What a visit fetches of the site's own files, from the deploy's build (infra/deploy/site.py):
files under js/ and css/ carry hashed names and are cached for a year, so a first visit fetches
index.html, config.json and every hashed file, and a repeat visit revalidates only index.html
and config.json. Bytes are counted as CloudFront sends them, compressed
(infra/local/compression.py plays CloudFront's compression).
"""

from dataclasses import dataclass

from infra.deploy import site, site_build
from infra.local.compression import compressed

REVALIDATED_ON_EVERY_VISIT = ("index.html", "config.json")
# A config.json of the usual shape; its own values change its size by a few bytes.
EXAMPLE_STACK_OUTPUTS = {"UserPoolId": "us-east-1_AbCdEfGhI", "UserPoolClientId": "a" * 26}
MAX_UPLOAD_BYTES = 26_214_400


@dataclass(frozen=True)
class SiteVisitFacts:
    first_visit_files: list[str]
    first_visit_bytes: int  # Brotli-compressed, as CloudFront sends them
    stored_bytes: int  # every file of the build, uncompressed


def site_visit_facts() -> SiteVisitFacts:
    config = site.config_file(
        site.config_document("us-east-1", EXAMPLE_STACK_OUTPUTS, MAX_UPLOAD_BYTES)
    )
    files = {file.key: file for file in [*site.frontend_files(), config]}
    first_visit = [
        key for key in files if key in REVALIDATED_ON_EVERY_VISIT or site_build.is_hashed(key)
    ]
    return SiteVisitFacts(
        first_visit_files=sorted(first_visit),
        first_visit_bytes=sum(_bytes_sent(files[key]) for key in first_visit),
        stored_bytes=sum(len(file.body) for file in files.values()),
    )


def _bytes_sent(file: site.SiteFile) -> int:
    body, _ = compressed(file.body, file.content_type, "br")
    return len(body)
