"""A profile picture through the photos' pipeline (`kind=AVATAR`): two centre squares, 320 and
96 pixels, upright whichever way the camera stored it, never enlarged, without metadata; and
every quirky or hostile file of ../shared/testimages treated as it is for a photo: the same
refusal, or squares."""

import io
from pathlib import Path

import pytest
from PIL import Image

from image_worker.imaging import AVATAR, ImageRejected, build_renditions, geometry
from tests.support.images import is_blue, is_red, phone_photo
from tests.support.skipping import fail_in_ci_else_skip

PROJECT_ROOT = Path(__file__).resolve().parents[3]
TEST_IMAGES = PROJECT_ROOT / ".." / "shared" / "testimages"
MANIFEST = TEST_IMAGES / "MANIFEST.tsv"


def manifest_rows() -> list[tuple[str, str]]:
    if not MANIFEST.is_file():
        return []
    lines = MANIFEST.read_text().splitlines()[1:]
    return [tuple(line.split("\t")[:2]) for line in lines if line.strip()]


def sizes(rendition_set) -> dict[str, tuple[int, int]]:
    return {r.name: (r.width, r.height) for r in rendition_set.renditions}


@pytest.mark.parametrize(
    ("upright", "expected_sides"),
    [
        ((3024, 4032), {"large": 320, "small": 96}),  # a phone's portrait
        ((4000, 500), {"large": 320, "small": 96}),  # a panorama: its middle square
        ((200, 150), {"large": 150, "small": 96}),  # small: never enlarged
        ((40, 60), {"large": 40, "small": 40}),
    ],
)
def test_given_an_upright_size_then_the_plan_is_two_centre_squares(upright, expected_sides):
    plans = geometry.plan_avatar_renditions(*upright)

    assert [plan.name for plan in plans] == ["large", "small"]
    for plan in plans:
        side = expected_sides[plan.name]
        assert plan.size == (side, side)
        box = plan.source_box
        assert box.width == box.height == min(upright)
        assert (box.left + box.right, box.top + box.bottom) == upright  # centred


def test_given_a_portrait_phone_photo_with_orientation_6_then_both_squares_stand_upright():
    rendition_set = build_renditions(phone_photo(), kind=AVATAR)

    assert sizes(rendition_set) == {"large": (320, 320), "small": (96, 96)}
    assert (rendition_set.width, rendition_set.height) == (3024, 4032)
    for rendition in rendition_set.renditions:
        image = Image.open(io.BytesIO(rendition.body))
        assert image.format == "WEBP"
        assert not image.getexif() and not {"exif", "xmp", "icc_profile"} & set(image.info)
        side = rendition.width
        pixels = image.convert("RGB")
        assert is_red(pixels.getpixel((side // 2, 1))) and is_blue(
            pixels.getpixel((side // 2, side - 2))
        )
    assert rendition_set.placeholder.startswith("data:image/webp;base64,")
    assert len(rendition_set.placeholder) <= 400


@pytest.mark.conformance
@pytest.mark.parametrize(("file_name", "expectation"), manifest_rows() or [("absent", "ok")])
def test_given_a_real_world_file_then_the_avatar_meets_its_manifest_expectation(
    file_name, expectation
):
    if not MANIFEST.is_file():
        fail_in_ci_else_skip(f"the shared test images are not at {TEST_IMAGES.resolve()}")

    try:
        rendition_set = build_renditions((TEST_IMAGES / file_name).read_bytes(), kind=AVATAR)
    except ImageRejected as rejected:
        assert expectation in ("reject", "either"), rejected.reason
        assert rejected.reason.strip()
        return

    assert expectation in ("ok", "either")
    for name, (width, height) in sizes(rendition_set).items():
        assert width == height <= geometry.AVATAR_SIDES[name]
