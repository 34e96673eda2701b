"""The placeholder: a tiny blurred picture the page shows, inlined, before a rendition arrives.

It is a WebP a few pixels across, as a `data:` URL short enough to store on the photo item and
send with every feed entry (at most about 400 bytes). The browser stretches it to the
rendition's size, which blurs it into the photo's overall colours and layout.
"""

import base64

from PIL import Image

from image_worker.imaging.encoding import PLACEHOLDER_METHOD, PLACEHOLDER_QUALITY, encode_webp

MAX_PLACEHOLDER_LENGTH = 400
# Tried in order until the data URL fits: most photos fit at the first size.
LONG_EDGES = (24, 16, 12, 8, 4)
DATA_URL_PREFIX = "data:image/webp;base64,"


def make_placeholder(image: Image.Image) -> str:
    """`image` is any upright, opaque RGB rendition of the whole photo."""
    data_url = ""
    for long_edge in LONG_EDGES:
        tiny = image.resize(_fit(image.size, long_edge), Image.Resampling.BOX)
        body = encode_webp(tiny, quality=PLACEHOLDER_QUALITY, method=PLACEHOLDER_METHOD)
        data_url = DATA_URL_PREFIX + base64.b64encode(body).decode("ascii")
        if len(data_url) <= MAX_PLACEHOLDER_LENGTH:
            break
    return data_url


def _fit(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, long_edge / max(width, height))
    return (max(1, round(width * scale)), max(1, round(height * scale)))
