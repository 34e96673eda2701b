"""The committed icons under frontend/icons/ are what infra/app_icons.py draws, and the maskable
ones keep their ring inside the safe zone that any phone's mask leaves visible."""

import math

import pytest
from PIL import Image, ImageChops

from infra import app_icons

# What a mask may cut: everything outside the circle of 40% of the size around the centre.
SAFE_ZONE_RADIUS = 0.4


@pytest.mark.parametrize("name", sorted(app_icons.icon_files()))
def test_given_the_icon_module_then_each_committed_icon_has_the_pixels_it_draws(name):
    # Given the icon the module draws today
    drawn = app_icons.icon_files()[name]
    # When the committed file is read
    committed = Image.open(app_icons.ICONS_DIR / name).convert("RGBA")
    # Then they are the same picture (run `python -m infra.app_icons` if not)
    assert committed.size == drawn.size
    assert ImageChops.difference(committed, drawn).getbbox() is None


@pytest.mark.parametrize("size", app_icons.SIZES)
def test_given_a_maskable_icon_then_every_white_pixel_lies_in_the_safe_zone(size):
    # Given a maskable icon
    image = app_icons.icon(size, maskable=True)
    # When its ring's pixels (anything whiter than the purple) are found
    centre = size / 2
    farthest = max(
        math.dist((x + 0.5, y + 0.5), (centre, centre))
        for x in range(size)
        for y in range(size)
        if image.getpixel((x, y))[1] > 0x80
    )
    # Then none is outside the safe zone, and the background reaches every corner
    assert farthest <= SAFE_ZONE_RADIUS * size
    assert image.getpixel((0, 0)) == app_icons.BRAND_PURPLE
    assert image.getpixel((size - 1, size - 1)) == app_icons.BRAND_PURPLE


def test_given_an_icon_for_any_purpose_then_its_corners_are_transparent_as_the_favicons():
    # Given the icon shown as it is (not cut by a mask)
    image = app_icons.icon(192, maskable=False)
    # Then its corner is see-through, and the square's edge is purple
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((96, 2)) == app_icons.BRAND_PURPLE
