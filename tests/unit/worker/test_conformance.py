"""Conformance: every real-world file in ../shared/testimages meets its MANIFEST.tsv expectation.

The folder (quirky files from Pillow's own test suite) sits beside the project checkout and is
never copied into it. `ok` files must give renditions (upright ones matching hopper.jpg's, no
GPS, CMYK close to its RGB twin), `reject` files an ImageRejected with a reason, `either` files
one of the two; no file may raise anything else. Where the folder is absent the test skips with
a message, except in CI (CI=true), where a missing folder is a failure.
"""

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from image_worker.imaging import ImageRejected, RenditionSet, build_renditions
from tests.support.skipping import fail_in_ci_else_skip

PROJECT_ROOT = Path(__file__).resolve().parents[3]
TEST_IMAGES = PROJECT_ROOT / ".." / "shared" / "testimages"
MANIFEST = TEST_IMAGES / "MANIFEST.tsv"
GPS_IFD_TAG = 0x8825
# Mean absolute difference per channel (0-255) between two renditions of the same picture.
SAME_PICTURE_MAX_DIFFERENCE = 8.0
CMYK_TWIN_MAX_DIFFERENCE = 12.0

pytestmark = pytest.mark.conformance


def manifest_rows() -> list[tuple[str, str]]:
    if not MANIFEST.is_file():
        return []
    lines = MANIFEST.read_text().splitlines()[1:]
    return [tuple(line.split("\t")[:2]) for line in lines if line.strip()]


def require_test_images() -> None:
    if MANIFEST.is_file():
        return
    fail_in_ci_else_skip(
        f"the shared test images are not at {TEST_IMAGES.resolve()}; put the testimages folder "
        "beside the checkout to run this test"
    )


def render(file_name: str) -> RenditionSet:
    return build_renditions((TEST_IMAGES / file_name).read_bytes())


def decoded(rendition_set: RenditionSet, name: str) -> Image.Image:
    rendition = next(r for r in rendition_set.renditions if r.name == name)
    with Image.open(io.BytesIO(rendition.body)) as image:
        return image.convert("RGB")


def mean_difference(first: Image.Image, second: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(first, second)).mean) / 3


def test_given_the_shared_test_images_then_the_manifest_lists_every_file():
    require_test_images()
    listed = {file_name for file_name, _ in manifest_rows()}
    present = {path.name for path in TEST_IMAGES.iterdir()} - {"MANIFEST.tsv", "README.md"}

    assert listed == present


@pytest.mark.parametrize(("file_name", "expectation"), manifest_rows() or [("absent", "ok")])
def test_given_a_real_world_file_then_it_meets_its_manifest_expectation(file_name, expectation):
    require_test_images()

    try:
        rendition_set = render(file_name)
    except ImageRejected as rejected:
        assert expectation in ("reject", "either"), rejected.reason
        assert rejected.reason.strip()
        return

    assert expectation in ("ok", "either")
    for rendition in rendition_set.renditions:
        with Image.open(io.BytesIO(rendition.body)) as image:
            assert image.format == "WEBP"
            assert image.mode in ("RGB", "RGBA")
            assert not image.getexif().get_ifd(GPS_IFD_TAG)
            assert not image.info.get("exif") and not image.info.get("icc_profile")
        assert rendition.width <= 2048 and rendition.height <= 2048


@pytest.mark.parametrize("orientation", range(2, 9))
def test_given_a_hopper_orientation_case_then_it_matches_the_upright_hopper(orientation):
    require_test_images()
    reference = render("hopper.jpg")

    rotated = render(f"hopper_orientation_{orientation}.jpg")

    assert (rotated.width, rotated.height) == (reference.width, reference.height)
    for name in ("grid", "feed", "full"):
        difference = mean_difference(decoded(rotated, name), decoded(reference, name))
        assert difference < SAME_PICTURE_MAX_DIFFERENCE, name


def test_given_the_orientation_6_webp_then_it_matches_the_upright_hopper():
    require_test_images()

    difference = mean_difference(
        decoded(render("hopper_orientation_6.webp"), "full"), decoded(render("hopper.jpg"), "full")
    )

    assert difference < SAME_PICTURE_MAX_DIFFERENCE


def test_given_the_orientation_rectangle_then_it_stands_upright_as_1x2():
    require_test_images()

    rendition_set = render("orientation_rectangle.jpg")

    assert (rendition_set.width, rendition_set.height) == (1, 2)


def test_given_the_cmyk_sample_then_its_colours_are_close_to_the_rgb_twin():
    require_test_images()

    difference = mean_difference(
        decoded(render("pil_sample_cmyk.jpg"), "full"),
        decoded(render("pil_sample_rgb.jpg"), "full"),
    )

    assert difference < CMYK_TWIN_MAX_DIFFERENCE


@pytest.mark.parametrize(
    "file_name", ["exif_gps.jpg", "empty_gps_ifd.jpg", "exif_gps_typeerror.jpg"]
)
def test_given_a_file_with_gps_then_no_rendition_carries_any_exif(file_name):
    require_test_images()
    assert b"Exif" in (TEST_IMAGES / file_name).read_bytes()[:2048]

    for rendition in render(file_name).renditions:
        assert b"EXIF" not in rendition.body and b"Exif" not in rendition.body
