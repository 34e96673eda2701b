"""Hostile and broken uploads end in ImageRejected with a reason, quickly, in little memory.

Nothing else may escape `build_renditions` for a bad file: the worker turns ImageRejected into a
FAILED photo, while any other exception would mean retries and, in the end, the dead-letter queue.
"""

import io
import json
import random
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from image_worker.imaging import ImageRejected, build_renditions, deadline

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    )


def png_declaring(width: int, height: int, pixel_data: bytes = b"") -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(pixel_data or b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def png_bomb() -> bytes:
    """20000x20000 black pixels (400 MP, 1.2 GB decoded) in about 1 MB of zlib data."""
    row = b"\x00" + b"\x00" * (20000 * 3)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(20000)) + compressor.flush()
    return png_declaring(20000, 20000)[:33] + png_chunk(b"IDAT", data) + png_chunk(b"IEND", b"")


def png_with_text_bomb() -> bytes:
    """A small valid PNG with a zTXt chunk that inflates to 200 MB of text."""
    small = io.BytesIO()
    Image.new("RGB", (8, 8)).save(small, "PNG")
    text = b"comment\x00\x00" + zlib.compress(b"A" * 200_000_000, 9)
    body = small.getvalue()
    return body[:33] + png_chunk(b"zTXt", text) + body[33:]


HOSTILE = {
    "60000x60000 header on a tiny file": lambda: png_declaring(60000, 60000),
    "PNG bomb": png_bomb,
    "HTML posing as JPEG": lambda: b"<!DOCTYPE html><html><body>not a photo</body></html>",
    "empty file": lambda: b"",
    "PNG text-chunk bomb": png_with_text_bomb,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_given_a_hostile_upload_when_rendered_then_it_is_rejected_within_a_second(name):
    data = HOSTILE[name]()
    started = time.perf_counter()

    with pytest.raises(ImageRejected) as rejected:
        build_renditions(data)

    assert time.perf_counter() - started < 1.0
    assert rejected.value.reason.endswith(".")


def test_given_the_hostile_uploads_when_rendered_then_peak_memory_barely_moves():
    # A fresh process, so the peak (ru_maxrss) belongs to these four files and nothing else.
    script = """
import json, resource, sys
from tests.unit.worker.test_imaging_hostile import HOSTILE
from image_worker.imaging import ImageRejected, build_renditions
inputs = {name: make() for name, make in HOSTILE.items()}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for data in inputs.values():
    try:
        build_renditions(data)
    except ImageRejected:
        pass
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grown_mb": (after - before) / 1024}))
"""
    finished = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(finished.stdout)["grown_mb"] < 20


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>hi</body></html>", "HTML"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"just some words in a file\n", "text"),
        # So far over the cap that Pillow refuses it before we see its size: the cap is named.
        (png_declaring(60000, 60000), "50 megapixels"),
    ],
    ids=["empty", "HTML", "SVG", "PDF", "text", "60000x60000 header"],
)
def test_given_a_non_image_when_rendered_then_the_reason_says_what_it_is(data, words):
    with pytest.raises(ImageRejected) as rejected:
        build_renditions(data)

    assert words in rejected.value.reason


def test_given_a_photo_over_a_lower_pixel_cap_when_rendered_then_it_is_rejected():
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 1000)).save(buffer, "JPEG")

    with pytest.raises(ImageRejected) as rejected:
        build_renditions(buffer.getvalue(), max_pixels=999_999)

    assert "1 megapixels" in rejected.value.reason


def test_given_the_time_budget_is_spent_when_rendering_then_the_photo_is_rejected(monkeypatch):
    monkeypatch.setattr(deadline, "PER_PHOTO_SECONDS", -1.0)
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100)).save(buffer, "JPEG")

    with pytest.raises(ImageRejected) as rejected:
        build_renditions(buffer.getvalue())

    assert "too long" in rejected.value.reason


def valid_files() -> dict[str, bytes]:
    photo = Image.radial_gradient("L").convert("RGB").resize((300, 200))
    files = {}
    for image_format in ("JPEG", "PNG", "WEBP", "GIF"):
        buffer = io.BytesIO()
        photo.save(buffer, image_format)
        files[image_format] = buffer.getvalue()
    return files


@pytest.mark.parametrize(("image_format", "data"), valid_files().items())
def test_given_cut_or_corrupted_files_when_rendered_then_only_image_rejected_escapes(
    image_format, data
):
    randomness = random.Random(image_format)
    damaged = [data[:cut] for cut in range(0, len(data), max(1, len(data) // 40))]
    for _ in range(40):
        corrupted = bytearray(data)
        for _ in range(8):
            corrupted[randomness.randrange(len(corrupted))] = randomness.randrange(256)
        damaged.append(bytes(corrupted))

    outcomes = set()
    for sample in damaged:
        try:
            build_renditions(sample)
            outcomes.add("rendered")
        except ImageRejected as rejected:
            assert rejected.reason
            outcomes.add("rejected")

    assert "rejected" in outcomes
