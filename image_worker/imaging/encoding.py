"""WebP encoding of the renditions and of the placeholder.

Pillow writes EXIF, XMP or an ICC profile into a WebP only when asked to, and the pipeline never
asks: a rendition carries pixels and nothing else (no location, camera serial or comment). The
pixels are sRGB, which is what browsers assume for an image without a profile.

Settings: quality 80, method 0. Measured on this machine on the benchmark's 12 MP photo (see
docs/worker-sizing.md): method 0 encodes the three renditions in about a quarter of the time of
libwebp's default method 4, for a few per cent more bytes.
"""

import io

from PIL import Image

WEBP_QUALITY = 80
WEBP_METHOD = 0
PLACEHOLDER_QUALITY = 40
PLACEHOLDER_METHOD = 6


def encode_webp(
    image: Image.Image, quality: int = WEBP_QUALITY, method: int = WEBP_METHOD
) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=quality, method=method)
    return buffer.getvalue()
