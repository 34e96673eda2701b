"""The worker's image pipeline: an uploaded file in, web renditions out, or a clear refusal.

    from image_worker.imaging import ImageRejected, build_renditions

    try:
        rendition_set = build_renditions(upload_bytes, max_pixels=50_000_000)
    except ImageRejected as rejected:
        ...  # mark the photo FAILED with rejected.reason

The rendition set is fixed (see `geometry`): `grid` (480x480 centre crop), `feed` (1080 wide) and
`full` (long edge at most 2048), never enlarged, all WebP, upright, sRGB, with no metadata, plus
a tiny placeholder; a profile picture's (`kind=AVATAR`) is `large` (320x320) and `small` (96x96),
both centre squares, with the same guards. The modules, in the order the pixels meet them:

- `sniffing`: what the first bytes say (HEIF or not; what a non-image looks like)
- `decoding`: open from the header, pixel cap, scaled decode
- `colour`: modes made resizable; ICC profiles to sRGB, CMYK to RGB, alpha on white
- `orientation`: EXIF orientation, applied after the shrink
- `geometry`: rendition sizes and crop boxes
- `encoding`, `placeholder`: WebP bytes and the inline placeholder
- `deadline`: the per-photo time budget
- `pipeline`: `build_renditions`, which ties them together

Any bad upload raises `ImageRejected` with a reason for the uploader; any other exception is a
bug in the pipeline, not a problem with the file.
"""

from image_worker.imaging.pipeline import AVATAR, PHOTO, RenditionKind, build_renditions
from image_worker.imaging.rejections import ImageRejected
from image_worker.imaging.results import Rendition, RenditionSet

__all__ = [
    "AVATAR",
    "PHOTO",
    "ImageRejected",
    "Rendition",
    "RenditionKind",
    "RenditionSet",
    "build_renditions",
]
