"""The upload list in a real browser: several photos at once, each with its own caption and
progress, one cancelled halfway with nothing left behind; a HEIC file that the browser gives no
type is accepted by its bytes and shown as a neutral placeholder; and the byte signatures the
page knows, checked one by one in the page itself.
"""

import io
from pathlib import Path

import pillow_heif
from PIL import Image
from playwright.sync_api import Page, expect

from tests.support.browser import id_token, throttle_uploads

READY_TIMEOUT_MS = 20_000
# Three uploads share the throttled connection and take about this long together, which leaves
# time to cancel one halfway.
THROTTLED_UPLOAD_SECONDS = 4
GRAIN_SIZE = (700, 500)


def grainy_jpeg(path: Path, shade: int) -> Path:
    """A JPEG of a few hundred kilobytes (grain compresses badly), so its upload takes a while."""
    grain = Image.effect_noise(GRAIN_SIZE, 60).convert("RGB")
    tint = Image.new("RGB", GRAIN_SIZE, (shade, 120, 200))
    Image.blend(grain, tint, 0.6).save(path, "JPEG", quality=95)
    return path


def tiny_heic() -> bytes:
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 60)).save(buffer, "HEIF")
    return buffer.getvalue()


def test_sharing_three_photos_at_once_and_cancelling_one_halfway_leaves_only_the_other_two(
    signed_in_page: Page, account, local_stack, tmp_path: Path
):
    # Given a signed-in person on a slow connection, with three photos chosen at once
    page = signed_in_page
    files = [grainy_jpeg(tmp_path / f"beach-{number}.jpg", number * 60) for number in range(3)]
    total_bytes = sum(file.stat().st_size for file in files)
    throttle_uploads(page, total_bytes / THROTTLED_UPLOAD_SECONDS)
    created_photo_ids = []
    page.on(
        "response",
        lambda response: (
            created_photo_ids.append(response.json()["photo"]["id"])
            if response.request.method == "POST" and response.url.endswith("/api/photos")
            else None
        ),
    )
    page.get_by_label("Choose photos").set_input_files(files)
    items = page.locator(".upload-item")
    expect(items).to_have_count(3)

    # When they give each its own caption, share them all, and cancel the second halfway
    captions = ["First beach", "Second beach", "Third beach"]
    for item, caption in zip(items.all(), captions, strict=True):
        item.get_by_label("Caption").fill(caption)
    page.get_by_role("button", name="Share all 3 photos").click()
    second = items.filter(has_text="beach-1.jpg")
    expect(second).to_have_attribute("data-stage", "uploading")
    second.get_by_role("button", name="Cancel beach-1.jpg").click()

    # Then the cancelled one leaves the list, and the two others are shared with their captions
    expect(second).to_have_count(0)
    expect(items).to_have_count(2)
    for item in items.all():
        expect(item.get_by_role("status")).to_have_text(
            "Shared! It is in the feed now.", timeout=READY_TIMEOUT_MS
        )
    feed_captions = page.locator(".photo-card__caption").all_inner_texts()[:2]
    assert sorted(feed_captions) == ["First beach", "Third beach"]

    # And the API has exactly those two photos: the cancelled one was deleted, not left PENDING
    token = id_token(page)
    listed = page.request.get(
        f"/api/users/{account.username}/photos", headers={"Authorization": token}
    ).json()["items"]
    assert sorted((photo["caption"], photo["status"]) for photo in listed) == [
        ("First beach", "READY"),
        ("Third beach", "READY"),
    ]
    assert len(created_photo_ids) == 3, created_photo_ids
    (cancelled_id,) = set(created_photo_ids) - {photo["id"] for photo in listed}
    gone = page.request.get(f"/api/photos/{cancelled_id}", headers={"Authorization": token})
    assert gone.status == 404, gone.text()


def test_a_heic_file_without_a_type_is_accepted_by_its_bytes_and_shown_as_a_placeholder(
    signed_in_page: Page,
):
    # Given a signed-in person with a HEIC photo that the browser gives no MIME type, and a JPEG
    page = signed_in_page
    requests_sent = []
    page.on("request", lambda request: requests_sent.append(request))
    jpeg = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(jpeg, "JPEG")

    # When they choose both
    page.get_by_label("Choose photos").set_input_files(
        [
            {"name": "x.heic", "mimeType": "", "buffer": tiny_heic()},
            {"name": "y.jpg", "mimeType": "image/jpeg", "buffer": jpeg.getvalue()},
        ]
    )

    # Then both are listed; the JPEG shows its preview, the HEIC (which Chromium cannot draw) a
    # neutral placeholder with its name, and no broken image
    heic_item = page.locator(".upload-item").filter(has_text="x.heic")
    jpeg_item = page.locator(".upload-item").filter(has_text="y.jpg")
    expect(jpeg_item.get_by_role("img", name="Preview of y.jpg")).to_be_visible()
    expect(jpeg_item.locator(".upload-item__placeholder")).to_be_hidden()
    expect(heic_item.locator(".upload-item__placeholder")).to_be_visible()
    expect(heic_item.locator(".upload-item__placeholder")).to_contain_text("x.heic")
    expect(heic_item.locator("img")).to_have_count(0)
    expect(page.get_by_role("alert").filter(has_text="not a photo")).to_have_count(0)

    # When they cancel the JPEG before sharing, then it just leaves the list
    jpeg_item.get_by_role("button", name="Cancel y.jpg").click()
    expect(jpeg_item).to_have_count(0)
    assert [request for request in requests_sent if request.method == "POST"] == []

    # When they share the HEIC, then the page declares it as image/heic and it becomes a photo
    with page.expect_request(
        lambda request: request.method == "POST" and request.url.endswith("/api/photos")
    ) as creation:
        page.get_by_role("button", name="Share").click()
    assert creation.value.post_data_json["contentType"] == "image/heic"
    expect(heic_item.get_by_role("status")).to_have_text(
        "Shared! It is in the feed now.", timeout=READY_TIMEOUT_MS
    )


def iso_media(major_brand: bytes, *compatible_brands: bytes) -> bytes:
    """The start of an ISO BMFF file: its ftyp box (size, "ftyp", brands) and a little more."""
    body = major_brand + b"\0\0\0\0" + b"".join(compatible_brands)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\0\0\0\x08free"


# (file name, MIME type the browser gives, first bytes, the type the page must declare or None)
SIGNATURES = [
    ("photo.jpg", "image/jpeg", b"\xff\xd8\xff\xe0\0\x10JFIF\0", "image/jpeg"),
    ("3d.mpo", "", b"\xff\xd8\xff\xe1\x17\x76Exif\0\0MM", "image/jpeg"),
    ("named-wrong.jpg", "image/jpeg", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image/png"),
    ("old.gif", "image/gif", b"GIF87a\x10\0\x10\0", "image/gif"),
    ("new.gif", "image/gif", b"GIF89a\x10\0\x10\0", "image/gif"),
    ("photo.webp", "", b"RIFF\x24\0\0\0WEBPVP8 ", "image/webp"),
    ("phone.heic", "", iso_media(b"heic", b"mif1", b"heic"), "image/heic"),
    ("burst.heic", "", iso_media(b"heis"), "image/heic"),
    ("generic.heif", "", iso_media(b"mif1", b"heic"), "image/heic"),
    ("video-still.heic", "", iso_media(b"hevc"), "image/heic"),
    ("plain.heif", "", iso_media(b"mif1"), "image/heif"),
    ("sequence.heif", "", iso_media(b"msf1"), "image/heif"),
    ("photo.avif", "", iso_media(b"avif", b"mif1", b"miaf"), "image/avif"),
    ("generic.avif", "", iso_media(b"mif1", b"avif"), "image/avif"),
    ("animated.avif", "", iso_media(b"avis", b"msf1"), "image/avif"),
    ("movie.heic", "", iso_media(b"isom", b"mp41"), None),
    ("sound.webp", "", b"RIFF\x24\0\0\0WAVEfmt ", None),
    ("notes.jpg", "image/jpeg", b"these bytes are text", None),
    ("tiny.png", "image/png", b"\x89P", None),
]

DETECT_TYPES_SCRIPT = """async (files) => {
  const { detectImageType } = await import("/js/uploads/file-type.js");
  const detected = [];
  for (const { name, type, bytes } of files) {
    detected.push(await detectImageType(new File([new Uint8Array(bytes)], name, { type })));
  }
  return detected;
}"""


def test_the_page_tells_a_files_type_from_its_first_bytes_not_its_name(page: Page):
    # Given files whose names and browser types say one thing and whose bytes may say another
    page.goto("/")
    files = [
        {"name": name, "type": mime_type, "bytes": list(first_bytes)}
        for name, mime_type, first_bytes, _ in SIGNATURES
    ]

    # When the page's own file-type module reads them
    detected = page.evaluate(DETECT_TYPES_SCRIPT, files)

    # Then each gets the type its bytes name, and a file whose bytes are no known image gets none
    expected = {name: content_type for name, _, _, content_type in SIGNATURES}
    assert dict(zip(expected, detected, strict=True)) == expected
