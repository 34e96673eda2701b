"""Opening an upload safely: identify it from its bytes, check the pixel cap from the header,
then decode only as many pixels as the renditions need.

Safety comes before any pixel is decoded. `Image.open` reads only the header, so the declared
width and height are known in microseconds; anything over the cap is rejected there. Pillow's own
bomb check merely *warns* up to twice its limit, so that warning is turned into an error too.

Memory and time come from the scaled decode: a JPEG is decoded by libjpeg at 1/2, 1/4 or 1/8 of
its size when the renditions do not need more (`Image.draft`), so a 48 MP photo never exists at
full size in memory. Formats without a scaled decoder (PNG, WebP, GIF, HEIC, AVIF) are bounded by
the pixel cap alone.
"""

import contextlib
import functools
import io
import struct
import warnings
from collections.abc import Iterator

from PIL import (
    AvifImagePlugin,
    GifImagePlugin,
    Image,
    JpegImagePlugin,
    PngImagePlugin,
    WebPImagePlugin,
)

from image_worker.imaging import rejections, sniffing
from image_worker.imaging.rejections import ImageRejected

# Decide by the bytes among these decoders only: anything else Pillow could open (BMP, TIFF,
# PSD, ...) is refused, which also keeps rarely tested decoders away from hostile files.
# Importing the plugins registers them (and only them) with Pillow.
PILLOW_PLUGINS = (
    AvifImagePlugin,
    GifImagePlugin,
    JpegImagePlugin,
    PngImagePlugin,
    WebPImagePlugin,
)
# Multi-picture JPEGs (MPO, UltraHDR) open through the JPEG decoder, which reports them as "MPO".
ACCEPTED_PILLOW_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF")
HEIF_FORMAT = "HEIF"  # registered by pillow-heif, on demand

# What Pillow (and pillow-heif) raise for a file they cannot parse. They are caught only around
# the calls that parse the upload, so a bug elsewhere in the pipeline still surfaces as a bug.
DECODER_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    RuntimeError,
    ZeroDivisionError,
    struct.error,
)
PIXEL_BOMB_ERRORS = (Image.DecompressionBombError, Image.DecompressionBombWarning)


def open_upload(data: bytes, max_pixels: int) -> Image.Image:
    """The upload opened from its header only, checked against the pixel cap."""
    if not data:
        raise ImageRejected(rejections.EMPTY_FILE)
    formats = ACCEPTED_PILLOW_FORMATS
    if sniffing.is_heif(data):
        _register_heif_decoder()
        formats = (HEIF_FORMAT,)
    try:
        with _parsing_upload(max_pixels):
            image = Image.open(io.BytesIO(data), formats=formats)
    except Image.UnidentifiedImageError as error:
        raise ImageRejected(rejections.not_an_image(sniffing.describe_non_image(data))) from error
    width, height = image.size
    if width * height > max_pixels:
        raise ImageRejected(rejections.too_many_pixels(width * height / 1e6, max_pixels / 1e6))
    if width < 1 or height < 1:
        raise ImageRejected(rejections.DAMAGED_FILE)
    return image


def decode(image: Image.Image, needed_size: tuple[int, int], max_pixels: int) -> Image.Image:
    """Decode the first frame with at least `needed_size` pixels (stored orientation); a JPEG is
    decoded at the smallest 1/2^n scale that still has them."""
    with _parsing_upload(max_pixels):
        if image.format in ("JPEG", "MPO"):
            # Pillow's draft picks the smallest 1/2^n scale still at least `needed_size`.
            image.draft(None, needed_size)
        image.seek(0)
        image.load()
    return image


@functools.cache
def _register_heif_decoder() -> None:
    # Imported here, not at module load: most uploads are JPEG, and Lambda cold starts pay for
    # every import. Registering twice is harmless but pointless, hence the cache.
    from pillow_heif import register_heif_opener

    register_heif_opener()


@contextlib.contextmanager
def _parsing_upload(max_pixels: int) -> Iterator[None]:
    """Turns whatever Pillow raises about the file into an ImageRejected with a reason."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except Image.UnidentifiedImageError:
        raise  # the caller knows the bytes and can say what they look like
    except PIXEL_BOMB_ERRORS as error:
        raise ImageRejected(rejections.too_many_pixels(None, max_pixels / 1e6)) from error
    except ValueError as error:
        # Pillow's guard against PNG text chunks that inflate to gigabytes.
        if "Decompressed data too large" in str(error):
            raise ImageRejected(rejections.UNSAFE_EMBEDDED_DATA) from error
        raise ImageRejected(rejections.DAMAGED_FILE) from error
    except DECODER_ERRORS as error:
        raise ImageRejected(rejections.DAMAGED_FILE) from error
