"""The fixed rendition set and the arithmetic of cutting it from a photo.

| name     | what the page uses it for              | size                                         |
|----------|----------------------------------------|----------------------------------------------|
| `grid`   | square tiles of a profile grid, a      | 480x480 centre crop (the short side, if      |
|          | notification's thumbnail               | smaller)                                     |
| `medium` | the feed column at 1x, phones at 2x    | 720 wide, height to scale; only when `full`  |
|          |                                        | is at least 1.25 times as wide               |
| `feed`   | the feed column on phones at 3x        | 1080 wide, height to scale (never enlarged)  |
| `large`  | the feed column and the photo page at  | 1440 wide, height to scale; only when `full` |
|          | 2x on a desktop, big phones at 3x      | is at least 1.25 times as wide               |
| `full`   | the photo page at 3x, the data export  | long edge at most 2048 (never enlarged);     |
|          |                                        | exactly 1/2, 1/4 or 1/8 of the photo when    |
|          |                                        | that lands less than 2 % short of 2048       |

The page offers the whole-photo renditions in a srcset and the browser fetches the smallest one at
least as wide as the picture is drawn, in device pixels. The widths come from the screens people
use (CSS width x device pixel ratio; the feed's picture is the screen less 34 px of margins and
borders on a phone, 598 px in the desktop column; the photo page's 650 px beside its details):

| screen                                   | feed picture   | photo page     | fetched        |
|------------------------------------------|----------------|----------------|----------------|
| 360 px phone at 2x                       | 326 x 2 = 652  | 326 x 2 = 652  | `medium` 720   |
| 412 px at 1.75x (Lighthouse's phone)     | 378 x 1.75=662 | 662            | `medium` 720   |
| 375 px phone at 2x                       | 341 x 2 = 682  | 682            | `medium` 720   |
| desktop at 1x                            | 598            | 650            | `medium` 720   |
| 414 px phone at 2x                       | 380 x 2 = 760  | 760            | `feed` 1080    |
| 360 px phone at 3x                       | 326 x 3 = 978  | 978            | `feed` 1080    |
| 390 px phone at 3x                       | 356 x 3 = 1068 | 1068           | `feed` 1080    |
| 430 px phone at 3x                       | 396 x 3 = 1188 | 1188           | `large` 1440   |
| desktop at 2x                            | 598 x 2 = 1196 | 650 x 2 = 1300 | `large` 1440   |
| desktop at 3x, a wide tablet             | 1794           | 1950           | `full` 2048    |

With `grid`, `feed` and `full` alone, the desktop at 1x and Lighthouse's phone fetched the 1080
`feed`, about twice the pixels they draw, and the desktop at 2x the 2048 `full`, almost three
times; each step of the ladder is now at most 1.5 times the one below. `grid`, `feed` and `full`
keep their sizes and names, so photos shared before `medium` and `large` existed still show: the
page lists the renditions a photo has. A new rung is skipped when the photo's `full` is less than
1.25 times as wide (a phone's portrait: `full` 1512 wide, `large` would be 1440): it would cost a
resample, an encode and the bytes of a second copy of nearly the same picture. A profile tile
shows a centre square, so there a rendition counts as wide as its short side: `grid` covers a
tile up to 480 device pixels (every phone, a desktop at 1x); a desktop at 2x takes a bigger one.

A profile picture (an avatar) has a set of its own, `plan_avatar_renditions`: `large` (320x320)
and `small` (96x96), both the centre square, never enlarged either.

All sizes are of the *upright* photo. Boxes are in the upright original's pixel coordinates.

Why the 1/2^n rule for `full`: a phone's 4032-pixel photo halves to 2016, 1.6 % short of 2048.
Enlarging 2016 to 2048 would add bytes but no detail, and cost a whole resample; keeping 2016
lets a JPEG's scaled decode (which shrinks by exactly 1/2, 1/4 or 1/8) be the `full` rendition
itself. The rule depends only on the photo's size, so every implementation the benchmark compares
makes the same sizes.
"""

import math
from dataclasses import dataclass

GRID_SIDE = 480
FEED_WIDTH = 1080
# The rungs between grid, feed and full, by width (see the table above).
IN_BETWEEN_WIDTHS = {"medium": 720, "large": 1440}
# How much wider `full` must be than a rung in between for that rung to be worth making.
IN_BETWEEN_WORTH_IT = 1.25
FULL_LONG_EDGE = 2048
FULL_NEAR_MISS = 0.02  # how far below 2048 an exact 1/2^n size may land and still be used
SCALED_DECODE_DIVISORS = (2, 4, 8)  # what libjpeg's scaled decode offers
# A profile page shows the large avatar, every other place a person appears the small one.
AVATAR_SIDES = {"large": 320, "small": 96}


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def scaled(self, x_scale: float, y_scale: float) -> tuple[float, float, float, float]:
        return (
            self.left * x_scale,
            self.top * y_scale,
            self.right * x_scale,
            self.bottom * y_scale,
        )


@dataclass(frozen=True)
class RenditionPlan:
    name: str
    source_box: Box
    size: tuple[int, int]

    @property
    def scale(self) -> float:
        """How many output pixels per original pixel this rendition needs."""
        return max(self.size[0] / self.source_box.width, self.size[1] / self.source_box.height)


def plan_renditions(width: int, height: int) -> list[RenditionPlan]:
    """The rendition set for an upright photo of this size, largest scale first."""
    whole = Box(0, 0, width, height)
    square = centre_square(width, height)
    grid_side = min(GRID_SIDE, int(square.width))
    full = full_size(width, height)
    plans = [
        RenditionPlan("grid", square, (grid_side, grid_side)),
        RenditionPlan("feed", whole, _size_at_width(width, height, FEED_WIDTH)),
        RenditionPlan("full", whole, full),
    ]
    for name, rung_width in IN_BETWEEN_WIDTHS.items():
        if full[0] >= rung_width * IN_BETWEEN_WORTH_IT:
            plans.append(RenditionPlan(name, whole, _size_at_width(width, height, rung_width)))
    return sorted(plans, key=lambda plan: plan.scale, reverse=True)


def plan_avatar_renditions(width: int, height: int) -> list[RenditionPlan]:
    """A profile picture's renditions for an upright image of this size, largest first: its
    centre square at each of AVATAR_SIDES (the short side, if smaller)."""
    square = centre_square(width, height)
    return [
        RenditionPlan(name, square, (min(side, int(square.width)),) * 2)
        for name, side in sorted(AVATAR_SIDES.items(), key=lambda named: -named[1])
    ]


def centre_square(width: int, height: int) -> Box:
    """The largest square in the middle of the image."""
    side = min(width, height)
    return Box((width - side) / 2, (height - side) / 2, (width + side) / 2, (height + side) / 2)


def full_size(width: int, height: int) -> tuple[int, int]:
    """`full`: long edge at most 2048, or an exact 1/2^n of the photo just short of it."""
    long_edge = max(width, height)
    for divisor in SCALED_DECODE_DIVISORS:
        if FULL_LONG_EDGE * (1 - FULL_NEAR_MISS) <= long_edge / divisor <= FULL_LONG_EDGE:
            # Rounded up, as libjpeg rounds the sides of a scaled decode.
            return (math.ceil(width / divisor), math.ceil(height / divisor))
    return _scaled_size(width, height, min(1.0, FULL_LONG_EDGE / long_edge))


def working_size(width: int, height: int, plans: list[RenditionPlan]) -> tuple[int, int]:
    """The one size the photo is shrunk to, from which every rendition is then cut: just big
    enough for the most demanding rendition (usually `full`; the original for a thin panorama,
    whose square crop needs every pixel of its short side)."""
    return _scaled_size(width, height, min(1.0, max(plan.scale for plan in plans)))


def _size_at_width(width: int, height: int, wanted_width: int) -> tuple[int, int]:
    """`wanted_width` wide (never enlarged), height to scale."""
    new_width = min(wanted_width, width)
    return (new_width, _scaled_side(height, new_width / width))


def _scaled_size(width: int, height: int, scale: float) -> tuple[int, int]:
    return (_scaled_side(width, scale), _scaled_side(height, scale))


def _scaled_side(side: int, scale: float) -> int:
    return max(1, round(side * scale))
