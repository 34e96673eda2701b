"""EXIF orientation: how the camera says the stored pixels must be turned to stand upright.

Phones store a portrait photo as landscape pixels plus EXIF orientation 6 ("turn 90° clockwise").
The pipeline reads the tag from the original, shrinks the stored pixels, and only then turns the
much smaller result: turning a 2048-pixel image costs a fraction of turning a 12 MP one.
"""

import warnings

from PIL import Image

from image_worker.imaging.decoding import DECODER_ERRORS

ORIENTATION_TAG = 0x0112
Transpose = Image.Transpose

# EXIF orientation value -> the Pillow operations that make the image upright, in order.
UPRIGHTING_STEPS: dict[int, tuple[Transpose, ...]] = {
    1: (),
    2: (Transpose.FLIP_LEFT_RIGHT,),
    3: (Transpose.ROTATE_180,),
    4: (Transpose.FLIP_TOP_BOTTOM,),
    5: (Transpose.TRANSPOSE,),
    6: (Transpose.ROTATE_270,),
    7: (Transpose.TRANSVERSE,),
    8: (Transpose.ROTATE_90,),
}


def read_orientation(image: Image.Image) -> int:
    """The EXIF orientation, or 1 (upright) when it is missing, malformed or out of range."""
    try:
        # Pillow warns about each malformed EXIF field; a bad tag is no news worth a log line.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            orientation = image.getexif().get(ORIENTATION_TAG, 1)
    except DECODER_ERRORS:
        return 1
    return orientation if orientation in UPRIGHTING_STEPS else 1


def swaps_sides(orientation: int) -> bool:
    """Orientations 5 to 8 turn the picture by a quarter, so width and height trade places."""
    return orientation >= 5


def make_upright(image: Image.Image, orientation: int) -> Image.Image:
    for step in UPRIGHTING_STEPS[orientation]:
        image = image.transpose(step)
    return image
