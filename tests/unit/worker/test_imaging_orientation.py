"""EXIF orientation: every rendition stands upright, whichever of the 8 ways the camera stored it.

The reference picture has four differently coloured quadrants, so any wrong turn or mirror shows
up as a wrong colour in some corner of the rendition.
"""

import io

import pytest
from PIL import Image

from image_worker.imaging import build_renditions
from tests.support.images import phone_photo

ORIENTATION_TAG = 0x0112
QUADRANT_COLOURS = {
    "top left": (220, 30, 30),
    "top right": (30, 200, 30),
    "bottom left": (30, 30, 220),
    "bottom right": (240, 220, 40),
}
# How a camera stores an upright picture for each EXIF orientation (the EXIF specification's
# table, written out independently of the code under test).
STORED_FROM_UPRIGHT = {
    1: [],
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_90],  # shown after turning 90° clockwise
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_270],
}


def upright_reference(width: int = 600, height: int = 400) -> Image.Image:
    image = Image.new("RGB", (width, height))
    half_width, half_height = width // 2, height // 2
    image.paste(QUADRANT_COLOURS["top left"], (0, 0, half_width, half_height))
    image.paste(QUADRANT_COLOURS["top right"], (half_width, 0, width, half_height))
    image.paste(QUADRANT_COLOURS["bottom left"], (0, half_height, half_width, height))
    image.paste(QUADRANT_COLOURS["bottom right"], (half_width, half_height, width, height))
    return image


def stored_as(orientation: int, image_format: str = "JPEG") -> bytes:
    stored = upright_reference()
    for step in STORED_FROM_UPRIGHT[orientation]:
        stored = stored.transpose(step)
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    buffer = io.BytesIO()
    stored.save(buffer, image_format, quality=95, exif=exif)
    return buffer.getvalue()


def quadrant_colours(body: bytes) -> dict[str, tuple[int, ...]]:
    image = Image.open(io.BytesIO(body)).convert("RGB")
    width, height = image.size
    points = {
        "top left": (width // 4, height // 4),
        "top right": (3 * width // 4, height // 4),
        "bottom left": (width // 4, 3 * height // 4),
        "bottom right": (3 * width // 4, 3 * height // 4),
    }
    return {name: image.getpixel(point) for name, point in points.items()}


def close_to(colour: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 30) -> bool:
    return all(
        abs(channel - want) <= tolerance for channel, want in zip(colour, expected, strict=True)
    )


@pytest.mark.parametrize("orientation", range(1, 9))
def test_given_any_exif_orientation_when_rendered_then_full_and_feed_match_the_upright_picture(
    orientation,
):
    rendition_set = build_renditions(stored_as(orientation))

    assert (rendition_set.width, rendition_set.height) == (600, 400)
    for rendition in rendition_set.renditions:
        if rendition.name == "grid":
            continue  # a centre square: checked below
        assert (rendition.width, rendition.height) == (600, 400)
        colours = quadrant_colours(rendition.body)
        for quadrant, expected in QUADRANT_COLOURS.items():
            assert close_to(colours[quadrant], expected), (rendition.name, quadrant)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_given_any_exif_orientation_when_rendered_then_the_grid_square_is_the_upright_centre(
    orientation,
):
    rendition_set = build_renditions(stored_as(orientation))

    grid = next(r for r in rendition_set.renditions if r.name == "grid")
    assert (grid.width, grid.height) == (400, 400)
    colours = quadrant_colours(grid.body)
    for quadrant, expected in QUADRANT_COLOURS.items():
        assert close_to(colours[quadrant], expected), quadrant


def test_given_a_webp_with_orientation_6_when_rendered_then_it_is_upright():
    rendition_set = build_renditions(stored_as(6, "WEBP"))

    full = next(r for r in rendition_set.renditions if r.name == "full")
    colours = quadrant_colours(full.body)
    assert close_to(colours["top left"], QUADRANT_COLOURS["top left"])
    assert close_to(colours["bottom right"], QUADRANT_COLOURS["bottom right"])


def test_given_a_12mp_phone_portrait_when_rendered_then_sizes_are_those_of_the_upright_photo():
    rendition_set = build_renditions(phone_photo())

    assert (rendition_set.width, rendition_set.height) == (3024, 4032)
    sizes = {r.name: (r.width, r.height) for r in rendition_set.renditions}
    # Half of 4032 is 2016: `full` keeps that exact half rather than enlarging it to 2048; and a
    # `large` 1440 wide would nearly repeat that `full`, so there is none.
    assert sizes == {
        "full": (1512, 2016),
        "feed": (1080, 1440),
        "medium": (720, 960),
        "grid": (480, 480),
    }
