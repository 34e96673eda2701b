"""Is a rendition as good as the naive one? Same size, bytes within 10 %, PSNR at least 38 dB.

PSNR (peak signal-to-noise ratio) compares the decoded pixels: 40 dB and above is hard to tell
apart by eye, 30 dB is visibly different.
"""

import io
import math

from PIL import Image, ImageChops, ImageStat

MIN_PSNR_DB = 38.0
MAX_BYTES_DIFFERENCE = 0.10


def psnr(first: bytes, second: bytes) -> float:
    with Image.open(io.BytesIO(first)) as one, Image.open(io.BytesIO(second)) as other:
        difference = ImageChops.difference(one.convert("RGB"), other.convert("RGB"))
    stat = ImageStat.Stat(difference)
    pixels = difference.width * difference.height
    mean_squared_error = sum(stat.sum2) / (pixels * len(stat.sum2))
    if mean_squared_error == 0:
        return math.inf
    return 10 * math.log10(255**2 / mean_squared_error)


def compare(ours: dict, naive: dict) -> list[str]:
    """One line per rendition; a line starting with "FAIL" means the check failed."""
    lines = []
    for name, (width, height, body) in ours.items():
        naive_width, naive_height, naive_body = naive[name]
        if (width, height) != (naive_width, naive_height):
            lines.append(f"FAIL {name}: {width}x{height}, naive {naive_width}x{naive_height}")
            continue
        bytes_ratio = len(body) / len(naive_body)
        decibels = psnr(body, naive_body)
        good = abs(bytes_ratio - 1) <= MAX_BYTES_DIFFERENCE and decibels >= MIN_PSNR_DB
        lines.append(
            f"{'ok  ' if good else 'FAIL'} {name} {width}x{height}: {len(body)} bytes "
            f"({bytes_ratio - 1:+.1%} vs naive), PSNR {decibels:.1f} dB"
        )
    return lines
