"""Test photos made in code, so the repository carries no binary fixtures.

`phone_photo()` makes what a phone camera writes when held upright: pixels stored sideways
(landscape) plus EXIF orientation 6, which says "rotate 90° clockwise to display". The stored
left half is red and the right half blue, so an upright rendition is red on top, blue below.
"""

import io

from PIL import Image, ImageDraw

ORIENTATION_TAG = 0x0112
GPS_IFD_TAG = 0x8825
RED = (220, 30, 30)
BLUE = (30, 30, 220)


def phone_photo(width: int = 4032, height: int = 3024, quality: int = 90) -> bytes:
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = 6
    gps = exif.get_ifd(GPS_IFD_TAG)
    gps.update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif)
    return buffer.getvalue()


def is_red(pixel) -> bool:
    red, green, blue = pixel[:3]
    return red > 150 and green < 90 and blue < 90


def is_blue(pixel) -> bool:
    red, green, blue = pixel[:3]
    return blue > 150 and red < 90 and green < 90


def scene_jpeg(number: int, size: tuple[int, int] = (640, 480)) -> bytes:
    """A small, recognisable picture: a sky of a colour set by `number`, a sun, a field."""
    width, height = size
    sky = ((70 + number * 53) % 200 + 30, (110 + number * 31) % 160 + 60, 200)
    image = Image.new("RGB", size, sky)
    drawing = ImageDraw.Draw(image)
    sun_size, left, top = min(width, height) // 5, width // 5, height // 6
    drawing.ellipse((left, top, left + sun_size, top + sun_size), fill=(250, 205, 80))
    drawing.rectangle((0, height * 2 // 3, width, height), fill=(60, 150, 80))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
