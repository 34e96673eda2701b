"""Colour: CMYK shows its real colours, transparency lands on white, 16-bit and palette images
keep their tones, and a broken ICC profile does not stop a photo."""

import io

from PIL import Image, ImageCms

from image_worker.imaging import build_renditions


def rendition_pixel(data: bytes, name: str = "full", point=(0.5, 0.5)) -> tuple[int, ...]:
    rendition = next(r for r in build_renditions(data).renditions if r.name == name)
    with Image.open(io.BytesIO(rendition.body)) as image:
        rgb = image.convert("RGB")
        return rgb.getpixel((int(rgb.width * point[0]), int(rgb.height * point[1])))


def saved(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def near(colour, expected, tolerance=25) -> bool:
    return all(
        abs(channel - want) <= tolerance for channel, want in zip(colour, expected, strict=True)
    )


def test_given_a_cmyk_jpeg_when_rendered_then_the_colours_are_rgb_equivalents():
    pure_cyan = Image.new("CMYK", (300, 200), (255, 0, 0, 0))
    pure_cyan.paste((0, 0, 255, 0), (150, 0, 300, 200))  # right half pure yellow

    data = saved(pure_cyan, "JPEG", quality=95)

    assert near(rendition_pixel(data, point=(0.25, 0.5)), (0, 255, 255))
    assert near(rendition_pixel(data, point=(0.75, 0.5)), (255, 255, 0))


def test_given_a_transparent_png_when_rendered_then_transparency_is_white_not_black():
    logo = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    logo.paste((200, 0, 0, 255), (100, 100, 200, 200))

    data = saved(logo, "PNG")

    assert near(rendition_pixel(data, point=(0.1, 0.1)), (255, 255, 255), tolerance=8)
    assert near(rendition_pixel(data, point=(0.5, 0.5)), (200, 0, 0))


def test_given_a_palette_gif_with_a_transparent_colour_when_rendered_then_it_is_white():
    palette_image = Image.new("P", (200, 200), 0)
    palette_image.putpalette([0, 0, 0, 30, 160, 30] + [0] * 762)
    palette_image.paste(1, (50, 50, 150, 150))

    data = saved(palette_image, "GIF", transparency=0)

    assert near(rendition_pixel(data, point=(0.05, 0.05)), (255, 255, 255), tolerance=8)
    assert near(rendition_pixel(data, point=(0.5, 0.5)), (30, 160, 30))


def test_given_a_16_bit_grey_png_when_rendered_then_mid_grey_stays_mid_grey():
    grey = Image.new("I;16", (100, 100), 32768)

    data = saved(grey, "PNG")

    assert near(rendition_pixel(data), (128, 128, 128), tolerance=6)


def test_given_an_sRGB_profile_when_rendered_then_colours_are_unchanged():  # noqa: N802
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

    data = saved(Image.new("RGB", (64, 64), (200, 120, 40)), "PNG", icc_profile=profile)

    assert near(rendition_pixel(data), (200, 120, 40), tolerance=8)


def test_given_a_garbage_icc_profile_when_rendered_then_the_pixels_are_used_as_srgb():
    data = saved(Image.new("RGB", (64, 64), (200, 120, 40)), "PNG", icc_profile=b"not a profile")

    assert near(rendition_pixel(data), (200, 120, 40), tolerance=8)


def test_given_an_rgba_webp_when_rendered_then_half_transparent_red_is_pink_on_white():
    half_red = Image.new("RGBA", (64, 64), (255, 0, 0, 128))

    data = saved(half_red, "WEBP", lossless=True)

    assert near(rendition_pixel(data), (255, 127, 127), tolerance=12)
