"""The benchmark's inputs, made in code: photo-like pixels saved the way cameras and phones do.

A flat or smooth test card would flatter every pipeline (it compresses to nothing), so the
pixels mix a fractal (fine detail), gradients (smooth sky-like areas) and sensor-like noise.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

ORIENTATION_TAG = 0x0112
GPS_IFD_TAG = 0x8825
PHONE_SIZE = (4032, 3024)  # 12 MP, as a phone stores it: landscape pixels
LARGE_SIZE = (8064, 6048)  # 48 MP


@dataclass(frozen=True)
class BenchInput:
    name: str
    path: Path


def write_inputs(folder: Path) -> list[BenchInput]:
    twelve = photo_like_pixels(*PHONE_SIZE)
    makers = {
        "12MP JPEG": lambda: _jpeg(twelve, phone_exif()),
        "48MP JPEG": lambda: _jpeg(photo_like_pixels(*LARGE_SIZE), Image.Exif()),
        "12MP PNG": lambda: _save(twelve, "PNG"),
        "12MP WebP": lambda: _save(twelve, "WEBP", quality=90),
        "12MP HEIC": lambda: _heic(twelve),
    }
    inputs = []
    for name, make in makers.items():
        path = folder / (name.replace(" ", "-") + ".bin")
        path.write_bytes(make())
        inputs.append(BenchInput(name, path))
    return inputs


def photo_like_pixels(width: int, height: int) -> Image.Image:
    small = (max(1, width // 4), max(1, height // 4))
    detail = Image.effect_mandelbrot(small, (-2.2, -1.2, 1.0, 1.2), 60)
    sky = Image.linear_gradient("L").resize(small).rotate(30)
    vignette = Image.radial_gradient("L").resize(small)
    scene = Image.merge("RGB", (detail, sky, vignette)).filter(ImageFilter.GaussianBlur(1))
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 10) for _ in range(3)])
    return ImageChops.add(scene.resize((width, height), Image.Resampling.BICUBIC), noise, 1, -128)


def phone_exif() -> Image.Exif:
    """Orientation 6 (held upright) and a GPS position, as a phone writes them."""
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = 6
    exif.get_ifd(GPS_IFD_TAG).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    return exif


def _jpeg(image: Image.Image, exif: Image.Exif) -> bytes:
    return _save(image, "JPEG", quality=90, exif=exif)


def _heic(image: Image.Image) -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    # x265's fastest preset: its default one takes minutes for 12 MP on a small machine, and the
    # benchmark measures decoding, not how the file was encoded.
    return _save(image, "HEIF", quality=90, enc_params={"preset": "ultrafast"})


def _save(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()
