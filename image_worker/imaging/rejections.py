"""The one exception the image pipeline raises for a bad upload, and the reasons it gives.

Every reason is a sentence the uploader reads next to their failed photo, so it says what is
wrong with the file in plain words and never mentions libraries or error codes.
"""


class ImageRejected(Exception):  # noqa: N818 (the name the worker's code reads best with)
    """The upload is not an image we can turn into renditions."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


EMPTY_FILE = "This file is empty."
DAMAGED_FILE = "This image file is damaged or incomplete, so it cannot be read."
UNSAFE_EMBEDDED_DATA = "This image carries oversized hidden data, so it cannot be read safely."
TOO_SLOW = "This image took too long to process. Please try a smaller photo."
ACCEPTED_FORMATS = "JPEG, PNG, WebP, GIF, HEIC or AVIF"


def not_an_image(looks_like: str | None) -> str:
    if looks_like is None:
        return f"This file is not an image we can read. Please upload {ACCEPTED_FORMATS}."
    return f"This file is not an image we can read (it looks like {looks_like})."


def too_many_pixels(megapixels: float | None, max_megapixels: float) -> str:
    if megapixels is None:
        return f"This image has more than the {max_megapixels:g} megapixels we accept."
    return (
        f"This image has {megapixels:.0f} megapixels; "
        f"we accept at most {max_megapixels:g} megapixels."
    )
