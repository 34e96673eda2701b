"""CloudFront's automatic compression (`Compress: true` on the site's cache behaviours), played by
the local gateway for what it serves itself: the site's files, `/config.json` and its own
messages.

CloudFront compresses an answer when the browser's `Accept-Encoding` allows it, the type is one
it compresses (text, scripts, styles, JSON, SVG...), and the body is between 1,000 bytes and
10,000,000 bytes; given the choice it prefers Brotli to gzip. WebP renditions are compressed
already and are sent as they are. Without this the local page would load several times the bytes
the deployed one does, and no measurement of it would mean much.

It also compresses a photo's page (/p/<id>), which the API makes, as CloudFront's /p/* behaviour
does; the API's own answers under /api/ are sent as they are, as that behaviour caches nothing
and so cannot compress.
"""

import functools
import gzip

import brotli

# The smallest and largest bodies CloudFront compresses.
MIN_BYTES = 1_000
MAX_BYTES = 10_000_000
# The kinds of file the site serves that CloudFront's list of compressed types names.
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
)
# Brotli first: CloudFront picks it over gzip when a browser accepts both.
PREFERRED_ENCODINGS = ("br", "gzip")


def compressed(body: bytes, content_type: str, accept_encoding: str | None) -> tuple[bytes, str]:
    """The body as it goes on the wire, and its `Content-Encoding` ("" when sent as it is)."""
    if not MIN_BYTES <= len(body) <= MAX_BYTES or not content_type.startswith(COMPRESSED_TYPES):
        return body, ""
    accepted = accepted_encodings(accept_encoding)
    encoding = next((name for name in PREFERRED_ENCODINGS if name in accepted), "")
    if not encoding:
        return body, ""
    return _encoded(body, encoding), encoding


# The site's files are the same bytes on every page load: each is compressed once (Brotli's
# best quality takes about 20 ms for a 10 KB script; a page loads dozens of files).
@functools.lru_cache(maxsize=256)
def _encoded(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body)
    # mtime=0: the same file always gives the same bytes.
    return gzip.compress(body, mtime=0)


def accepted_encodings(accept_encoding: str | None) -> set[str]:
    """The encodings an `Accept-Encoding` header allows: each one named without `q=0` (a `*`
    allows both that CloudFront uses)."""
    accepted = set()
    for part in (accept_encoding or "").split(","):
        name, _, parameters = part.strip().partition(";")
        name = name.strip().lower()
        if not name or _quality(parameters) == 0:
            continue
        accepted |= set(PREFERRED_ENCODINGS) if name == "*" else {name}
    return accepted


def _quality(parameters: str) -> float:
    for parameter in parameters.split(";"):
        key, _, value = parameter.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0
