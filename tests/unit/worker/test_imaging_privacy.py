"""Privacy: no rendition carries EXIF, GPS, XMP, IPTC, an ICC profile or a comment.

A WebP file is a RIFF container; metadata lives in its own chunks (`EXIF`, `XMP `, `ICCP`), so
listing the chunks proves what is there.
"""

import io

from PIL import Image

from image_worker.imaging import build_renditions
from tests.support.images import GPS_IFD_TAG, phone_photo

PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def riff_chunks(body: bytes) -> list[bytes]:
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"
    chunks, offset = [], 12
    while offset + 8 <= len(body):
        name = body[offset : offset + 4]
        size = int.from_bytes(body[offset + 4 : offset + 8], "little")
        chunks.append(name)
        offset += 8 + size + (size % 2)
    return chunks


def jpeg_with_every_kind_of_metadata() -> bytes:
    image = Image.new("RGB", (800, 600), (90, 140, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0xA431] = "SERIAL-1234"  # body serial number
    exif.get_ifd(GPS_IFD_TAG).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 4.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    buffer = io.BytesIO()
    image.save(
        buffer, "JPEG", exif=exif, xmp=xmp, comment=b"home address", icc_profile=srgb_profile()
    )
    return buffer.getvalue()


def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def test_given_a_phone_photo_with_gps_when_rendered_then_no_rendition_has_exif_or_gps():
    rendition_set = build_renditions(phone_photo(1600, 1200))

    for rendition in rendition_set.renditions:
        with Image.open(io.BytesIO(rendition.body)) as decoded:
            assert not decoded.getexif()
            assert not decoded.getexif().get_ifd(GPS_IFD_TAG)
        assert set(riff_chunks(rendition.body)) <= PIXEL_CHUNKS


def test_given_exif_xmp_icc_and_a_comment_when_rendered_then_only_pixels_remain():
    data = jpeg_with_every_kind_of_metadata()

    rendition_set = build_renditions(data)

    for rendition in rendition_set.renditions:
        assert set(riff_chunks(rendition.body)) <= PIXEL_CHUNKS, rendition.name
        for secret in (b"SERIAL-1234", b"PhoneMaker", b"home address", b"xmpmeta"):
            assert secret not in rendition.body
        assert rendition.content_type == "image/webp"
