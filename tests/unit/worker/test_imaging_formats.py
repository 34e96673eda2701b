"""Every accepted format is recognised from its bytes and turned into renditions."""

import io

import pytest
from PIL import Image, features

from image_worker.imaging import build_renditions


def photo(mode: str = "RGB") -> Image.Image:
    image = Image.new("RGB", (640, 480), (40, 120, 200))
    image.paste((230, 200, 40), (320, 0, 640, 480))
    return image.convert(mode)


def saved(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def heic(image: Image.Image) -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return saved(image, "HEIF", quality=90)


FORMATS = {
    "jpeg": lambda: saved(photo(), "JPEG", quality=90),
    "progressive jpeg": lambda: saved(photo(), "JPEG", quality=90, progressive=True),
    "greyscale jpeg": lambda: saved(photo("L"), "JPEG"),
    "png": lambda: saved(photo(), "PNG"),
    "palette png": lambda: saved(photo("P"), "PNG"),
    "webp": lambda: saved(photo(), "WEBP"),
    "gif": lambda: saved(photo("P"), "GIF"),
    "avif": lambda: saved(photo(), "AVIF", quality=90),
    "heic": lambda: heic(photo()),
    "mpo": lambda: saved(photo(), "MPO", save_all=True, append_images=[photo()]),
}


@pytest.mark.parametrize("name", FORMATS)
def test_given_an_image_in_an_accepted_format_when_rendered_then_colours_and_size_survive(name):
    if name == "avif":
        assert features.check("avif"), "Pillow was built without AVIF"

    rendition_set = build_renditions(FORMATS[name]())

    assert (rendition_set.width, rendition_set.height) == (640, 480)
    full = next(r for r in rendition_set.renditions if r.name == "full")
    with Image.open(io.BytesIO(full.body)) as image:
        left = image.convert("RGB").getpixel((100, 240))
        right = image.convert("RGB").getpixel((540, 240))
    if name == "greyscale jpeg":
        assert left[0] == left[1] == left[2]
    else:
        assert left[2] > left[0] and right[0] > right[2]


def test_given_a_bmp_when_rendered_then_it_is_refused_as_not_accepted():
    from image_worker.imaging import ImageRejected

    with pytest.raises(ImageRejected) as rejected:
        build_renditions(saved(photo(), "BMP"))

    assert "not an image we can read" in rejected.value.reason


@pytest.mark.parametrize("image_format", ["GIF", "WEBP"])
def test_given_an_animation_when_rendered_then_the_renditions_are_its_first_frame(image_format):
    # Given a three-frame animation: red, then green, then blue
    frames = [Image.new("RGB", (320, 240), colour) for colour in ("red", "lime", "blue")]
    animation = saved(
        frames[0], image_format, save_all=True, append_images=frames[1:], duration=100
    )

    # When it is rendered
    rendition_set = build_renditions(animation)

    # Then every rendition is a still of the first (red) frame
    for rendition in rendition_set.renditions:
        with Image.open(io.BytesIO(rendition.body)) as image:
            assert getattr(image, "n_frames", 1) == 1
            red, green, blue = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
        assert red > 200 and green < 60 and blue < 60, rendition.name
