"""What an upload's first bytes say it is, before any decoder sees it.

Pillow itself decides which image decoder to use from the bytes (never from a file name or a
declared Content-Type). This module only answers the two questions Pillow does not: whether the
HEIF decoder must be loaded at all (it is large, so cold starts skip it unless needed), and what a
file that is *not* an image looks like, so the uploader gets a reason they understand.
"""

HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
AVIF_BRANDS = {b"avif", b"avis"}
SNIFF_LENGTH = 1024


def is_heif(data: bytes) -> bool:
    """An ISO-BMFF `ftyp` box naming a HEIF brand. AVIF shares the container and the generic
    `mif1` brand, so any AVIF brand wins: Pillow decodes AVIF itself."""
    brands = _ftyp_brands(data)
    return bool(brands & HEIF_BRANDS) and not brands & AVIF_BRANDS


def describe_non_image(data: bytes) -> str | None:
    """A short description of a common non-image file ("HTML", "a PDF document"), or None."""
    head = data[:SNIFF_LENGTH].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]:
        return "HTML"
    if b"<svg" in head:
        return "an SVG drawing"
    if head.startswith(b"%pdf"):
        return "a PDF document"
    if head.startswith(b"pk\x03\x04"):
        return "a ZIP archive"
    if _is_text(head):
        return "plain text"
    return None


def _ftyp_brands(data: bytes) -> set[bytes]:
    if data[4:8] != b"ftyp":
        return set()
    box_size = int.from_bytes(data[0:4], "big")
    box = data[8 : min(box_size, 256)]
    major_brand, compatible = box[0:4], box[8:]
    return {major_brand} | {compatible[i : i + 4] for i in range(0, len(compatible) - 3, 4)}


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        # The cut at SNIFF_LENGTH may split a character: judge the text before it.
        head[: SNIFF_LENGTH - 4].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
