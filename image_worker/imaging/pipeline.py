"""From uploaded bytes to the rendition set, in one pass over the pixels.

    header ─► pixel cap ─► scaled decode ─► one shrink ─► sRGB, flattened ─► upright
           ─► working image ─► full ─► large ─► feed ─► medium ─► grid ─► WebP, no metadata

(each rendition cut from the smallest image made so far that still has enough pixels for it)

The expensive work happens once: the photo is decoded at the smallest scale libjpeg offers for
the largest rendition, shrunk once to that rendition's size, and only then converted and turned
upright. Every other rendition is cut from an already small image. The speed and memory this
buys, against a naive Pillow pipeline and pyvips, are measured by `python -m bench`.

A profile picture goes through the very same steps and guards, with its own rendition set
(`kind=AVATAR`: two centre squares, see `geometry`).
"""

from collections.abc import Callable
from typing import NamedTuple

from PIL import Image

from image_worker.imaging import colour, decoding, geometry, orientation
from image_worker.imaging.deadline import Deadline
from image_worker.imaging.encoding import encode_webp
from image_worker.imaging.geometry import RenditionPlan
from image_worker.imaging.placeholder import make_placeholder
from image_worker.imaging.results import Rendition, RenditionSet

RESAMPLING = Image.Resampling.LANCZOS


class RenditionKind(NamedTuple):
    """Which renditions to make of an upload, and which of them the placeholder is made from."""

    plan: Callable[[int, int], list[RenditionPlan]]
    placeholder_from: str


PHOTO = RenditionKind(geometry.plan_renditions, placeholder_from="feed")
# A profile picture: the page shows its placeholder in the same square as the picture.
AVATAR = RenditionKind(geometry.plan_avatar_renditions, placeholder_from="large")


def build_renditions(
    data: bytes, *, max_pixels: int = 50_000_000, kind: RenditionKind = PHOTO
) -> RenditionSet:
    """The renditions of an uploaded image; raises ImageRejected for anything we cannot use."""
    deadline = Deadline()
    image = decoding.open_upload(data, max_pixels)
    turn = orientation.read_orientation(image)
    upright_width, upright_height = _upright_size(image.size, turn)
    plans = kind.plan(upright_width, upright_height)
    working_upright = geometry.working_size(upright_width, upright_height, plans)
    working_stored = _stored_size(working_upright, turn)

    working = _working_image(image, working_stored, turn, max_pixels, deadline)
    deadline.check()

    images = _cut_renditions(working, (upright_width, upright_height), plans)
    renditions = tuple(
        Rendition(plan.name, *images[plan.name].size, encode_webp(images[plan.name]))
        for plan in plans
    )
    deadline.check()
    return RenditionSet(
        width=upright_width,
        height=upright_height,
        renditions=renditions,
        placeholder=make_placeholder(images[kind.placeholder_from]),
    )


def _working_image(
    image: Image.Image,
    size: tuple[int, int],
    turn: int,
    max_pixels: int,
    deadline: Deadline,
) -> Image.Image:
    """The photo shrunk once to `size` (stored orientation), in sRGB, then turned upright.

    Its own function so the decoded pixels are freed as soon as the shrink is done: the rest of
    the pipeline only ever holds images of rendition size."""
    icc_profile = image.info.get("icc_profile")
    decoded = decoding.decode(image, size, max_pixels)
    deadline.check()
    shrunk = _resize(colour.prepare_for_shrink(decoded), size)
    if shrunk is not image:
        image.close()  # releases the full-size decoded pixels held by the opened file
    return orientation.make_upright(colour.to_srgb(shrunk, icc_profile), turn)


def _cut_renditions(
    working: Image.Image, original_size: tuple[int, int], plans: list[RenditionPlan]
) -> dict[str, Image.Image]:
    """Each rendition cut from the smallest whole-photo image made so far that has enough pixels
    for it: `full` from the working image, then each smaller one from the one just above it."""
    sources = [working]
    images = {}
    for plan in plans:  # largest scale first, so each source is smaller than the last
        source = _smallest_sufficient_source(sources, original_size, plan)
        x_scale = source.width / original_size[0]
        y_scale = source.height / original_size[1]
        left, top, right, bottom = plan.source_box.scaled(x_scale, y_scale)
        # Floating-point scaling may overshoot the edge by a hair, which Pillow refuses.
        box = (left, top, min(right, source.width), min(bottom, source.height))
        if box == (0, 0, *source.size) and plan.size == source.size:
            images[plan.name] = source
        else:
            images[plan.name] = source.resize(plan.size, RESAMPLING, box=box)
        if plan.source_box == geometry.Box(0, 0, *original_size):
            sources.append(images[plan.name])
    return images


def _smallest_sufficient_source(
    sources: list[Image.Image], original_size: tuple[int, int], plan: RenditionPlan
) -> Image.Image:
    enough = [source for source in sources if source.width / original_size[0] >= plan.scale]
    return min(enough or sources[:1], key=lambda source: source.width)


def _resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    return image if image.size == size else image.resize(size, RESAMPLING)


def _upright_size(stored_size: tuple[int, int], turn: int) -> tuple[int, int]:
    width, height = stored_size
    return (height, width) if orientation.swaps_sides(turn) else (width, height)


def _stored_size(upright_size: tuple[int, int], turn: int) -> tuple[int, int]:
    return _upright_size(upright_size, turn)  # swapping sides is its own inverse
