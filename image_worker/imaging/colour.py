"""Colour: every rendition is 8-bit sRGB with no transparency, whatever the upload used.

Two steps, either side of the shrink:
- `prepare_for_shrink` (before): modes that cannot be resized smoothly become ones that can.
  Palette images become RGB(A) (resizing palette indices would pick pixels, not blend them), and
  16-bit greys are scaled to 8 bits (Pillow would clip them instead).
- `to_srgb` (after, on the small image, where it is cheap): an embedded ICC profile is converted
  to sRGB with LittleCMS (Pillow's ImageCms), CMYK becomes RGB through its profile when it has
  one, and transparency is laid on white, so a transparent logo never turns black.
"""

import io

from PIL import Image, ImageCms

WHITE = (255, 255, 255)
SIXTEEN_BIT_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I")
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Modes the shrink can blend directly (Pillow premultiplies alpha for RGBA and LA itself).
RESIZABLE_MODES = ("RGB", "RGBA", "L", "LA", "CMYK")


def prepare_for_shrink(image: Image.Image) -> Image.Image:
    if image.mode in RESIZABLE_MODES:
        return image
    if image.mode in ("P", "PA"):
        has_alpha = image.mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if image.mode in SIXTEEN_BIT_MODES:
        return image.convert("I").point(lambda value: value / 257).convert("L")
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGBA" if "A" in image.getbands() else "RGB")


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """The image as opaque 8-bit sRGB; `icc_profile` is the original's embedded profile."""
    if image.mode == "LA":
        image = image.convert("RGBA")
    image = _apply_profile(image, icc_profile) if icc_profile else image
    if image.mode == "RGBA":
        return _flatten_on_white(image)
    # convert() copies even when the mode already matches: skip it for the common RGB case.
    return image if image.mode == "RGB" else image.convert("RGB")


def _apply_profile(image: Image.Image, icc_profile: bytes) -> Image.Image:
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.profileToProfile(
            image, source_profile, SRGB_PROFILE, outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken or mismatched profile (an RGB profile on a greyscale image, say) is common in
        # the wild. The pixels are still fine: show them as if they were sRGB already.
        return image


def _flatten_on_white(image: Image.Image) -> Image.Image:
    background = Image.new("RGB", image.size, WHITE)
    background.paste(image, mask=image.getchannel("A"))
    return background
