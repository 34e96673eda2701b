"""The three implementations the benchmark compares, each making the same rendition set.

All three cut the same sizes (the worker's `geometry`) and encode WebP with the worker's quality
and method, so only the way the pixels are produced differs:

- `ours`: the worker's pipeline (`build_renditions`).
- `naive_pillow`: what most tutorials write: decode the whole photo, turn it upright, and resize
  each rendition from the full-size original.
- `pyvips_thumbnail`: libvips' `thumbnail`, once per rendition from the upload's bytes, which is
  how libvips recommends making thumbnails (it shrinks on load and turns upright itself).
"""

import io

from PIL import Image, ImageOps

from image_worker.imaging import build_renditions, geometry
from image_worker.imaging.encoding import WEBP_METHOD, WEBP_QUALITY, encode_webp
from image_worker.imaging.pipeline import RESAMPLING

# name -> (width, height, WebP bytes)
Outputs = dict[str, tuple[int, int, bytes]]
PYVIPS_UNBOUNDED_HEIGHT = 10_000_000


def ours(data: bytes) -> Outputs:
    rendition_set = build_renditions(data)
    return {r.name: (r.width, r.height, r.body) for r in rendition_set.renditions}


def naive_pillow(data: bytes) -> Outputs:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    image = Image.open(io.BytesIO(data))
    image.load()
    image = ImageOps.exif_transpose(image).convert("RGB")
    outputs = {}
    for plan in geometry.plan_renditions(*image.size):
        box = plan.source_box
        rendition = image.resize(
            plan.size, RESAMPLING, box=(box.left, box.top, box.right, box.bottom)
        )
        outputs[plan.name] = (*rendition.size, encode_webp(rendition))
    return outputs


def pyvips_thumbnail(data: bytes) -> Outputs:
    import pyvips

    header = pyvips.Image.new_from_buffer(data, "")
    orientation = header.get("orientation") if header.get_typeof("orientation") else 1
    width, height = header.width, header.height
    if orientation >= 5:
        width, height = height, width
    try:
        return _pyvips_renditions(pyvips, data, width, height)
    except pyvips.Error as error:
        # libvips decodes lazily, so an unsupported input fails at the first save.
        raise RuntimeError("libvips cannot decode this input (no HEVC decoder for HEIC)") from error


def _pyvips_renditions(pyvips, data: bytes, width: int, height: int) -> Outputs:
    outputs = {}
    for plan in geometry.plan_renditions(width, height):
        if plan.name == "grid":
            image = pyvips.Image.thumbnail_buffer(
                data, plan.size[0], height=plan.size[1], crop="centre"
            )
        else:
            image = pyvips.Image.thumbnail_buffer(data, plan.size[0], height=plan.size[1])
        body = image.webpsave_buffer(Q=WEBP_QUALITY, effort=WEBP_METHOD, keep="none")
        outputs[plan.name] = (image.width, image.height, body)
    return outputs


IMPLEMENTATIONS = {
    "ours": ours,
    "naive Pillow": naive_pillow,
    "pyvips": pyvips_thumbnail,
}
