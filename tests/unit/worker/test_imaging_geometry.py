"""The rendition set's sizes and the placeholder, for ordinary, tiny and extreme shapes."""

import base64
import io

import pytest
from PIL import Image

from image_worker.imaging import build_renditions


def jpeg(width: int, height: int, colour=(120, 160, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def sizes(data: bytes) -> dict[str, tuple[int, int]]:
    return {r.name: (r.width, r.height) for r in build_renditions(data).renditions}


LANDSCAPE_RUNGS = {"medium": (720, 540), "feed": (1080, 810), "large": (1440, 1080)}


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (4000, 3000, {"grid": (480, 480), **LANDSCAPE_RUNGS, "full": (2048, 1536)}),
        # A portrait's `full` is 1536 wide: a `large` 1440 wide would nearly repeat it.
        (
            3000,
            4000,
            {"grid": (480, 480), "medium": (720, 960), "feed": (1080, 1440), "full": (1536, 2048)},
        ),
        (300, 200, {"grid": (200, 200), "feed": (300, 200), "full": (300, 200)}),
        # Exact halves just short of 2048 are kept instead of enlarged (geometry.full_size).
        (4032, 3024, {"grid": (480, 480), **LANDSCAPE_RUNGS, "full": (2016, 1512)}),
        (8063, 6047, {"grid": (480, 480), **LANDSCAPE_RUNGS, "full": (2016, 1512)}),
        (1, 1, {"grid": (1, 1), "feed": (1, 1), "full": (1, 1)}),
        (
            10000,
            10,
            {
                "grid": (10, 10),
                "medium": (720, 1),
                "feed": (1080, 1),
                "large": (1440, 1),
                "full": (2048, 2),
            },
        ),
        (10, 10000, {"grid": (10, 10), "feed": (10, 10000), "full": (2, 2048)}),
        # `medium` only where `full` is at least 1.25 times as wide: 900 is, 899 is not.
        (
            900,
            600,
            {"grid": (480, 480), "medium": (720, 480), "feed": (900, 600), "full": (900, 600)},
        ),
        (899, 600, {"grid": (480, 480), "feed": (899, 600), "full": (899, 600)}),
    ],
)
def test_given_a_photo_of_some_shape_when_rendered_then_each_rendition_has_its_fixed_size(
    width, height, expected
):
    assert sizes(jpeg(width, height)) == expected


def test_given_a_thin_panorama_when_rendered_then_its_grid_square_keeps_every_short_side_pixel():
    panorama = Image.new("RGB", (10000, 10), (0, 0, 200))
    panorama.paste((200, 0, 0), (4995, 0, 5005, 10))  # a red square at the very centre
    buffer = io.BytesIO()
    panorama.save(buffer, "PNG")

    grid = next(r for r in build_renditions(buffer.getvalue()).renditions if r.name == "grid")

    with Image.open(io.BytesIO(grid.body)) as image:
        red, _, blue = image.convert("RGB").getpixel((5, 5))
    assert red > 150 and blue < 80


def test_given_an_animated_gif_when_rendered_then_the_still_is_its_first_frame():
    frames = [Image.new("RGB", (120, 80), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)

    full = next(r for r in build_renditions(buffer.getvalue()).renditions if r.name == "full")

    with Image.open(io.BytesIO(full.body)) as image:
        assert getattr(image, "n_frames", 1) == 1
        red, _, blue = image.convert("RGB").getpixel((60, 40))
    assert red > 150 and blue < 80


@pytest.mark.parametrize(("width", "height"), [(4000, 3000), (1, 1), (10000, 10), (640, 480)])
def test_given_any_photo_when_rendered_then_the_placeholder_is_a_tiny_webp_data_url(width, height):
    placeholder = build_renditions(jpeg(width, height)).placeholder

    assert placeholder.startswith("data:image/webp;base64,")
    assert len(placeholder) <= 400
    body = base64.b64decode(placeholder.split(",", 1)[1])
    with Image.open(io.BytesIO(body)) as image:
        assert image.format == "WEBP"
        assert max(image.size) <= 24
