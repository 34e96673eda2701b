"""Sharing a photo in a real browser: choose it, watch the upload's progress, and see it upright
in the feed; a file that is not a photo is refused by its bytes before anything is sent, and a
broken one fails with the worker's reason in its place in the upload list.

The photo is a phone-style JPEG made here: stored sideways with EXIF orientation 6, a sky at the
top of the upright scene and grass at the bottom, so the test can tell upright from rotated.
"""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from tests.support.browser import throttle_uploads

# Stored 1600 wide and 1200 tall; upright (as the camera saw it) 1200 wide and 1600 tall.
UPRIGHT_SIZE = (1200, 1600)
EXIF_ORIENTATION_TAG = 0x0112
ROTATE_90_CLOCKWISE_TO_VIEW = 6
SKY_BLUE = (70, 130, 220)
GRASS_GREEN = (60, 160, 70)
GRAIN_SIGMA = 40
GRAIN_WEIGHT = 0.1
# On loopback an upload is instant and reports no progress; throttled, it takes this long.
THROTTLED_UPLOAD_SECONDS = 1.5
READY_TIMEOUT_MS = 15_000

# Records every value the first upload item's progress bar shows, straight from the DOM.
RECORD_PROGRESS_SCRIPT = """() => {
  window.progressValues = [];
  const bar = document.querySelector(".upload-item__progress-bar");
  new MutationObserver(() => {
    if (bar.hasAttribute("value")) window.progressValues.push(Number(bar.value));
  }).observe(bar, { attributes: true, attributeFilter: ["value"] });
}"""

# The loaded feed image's pixel size and the colour at its top and bottom middle.
READ_FEED_IMAGE_SCRIPT = """(image) => {
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const colourAt = (x, y) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
  const middle = Math.floor(image.naturalWidth / 2);
  return {
    width: image.naturalWidth,
    height: image.naturalHeight,
    top: colourAt(middle, Math.floor(image.naturalHeight * 0.1)),
    bottom: colourAt(middle, Math.floor(image.naturalHeight * 0.9)),
  };
}"""


@pytest.fixture
def sideways_phone_photo(tmp_path: Path) -> Path:
    """A JPEG stored landscape with EXIF orientation 6, as phones save portrait shots."""
    upright = Image.new("RGB", UPRIGHT_SIZE, GRASS_GREEN)
    drawing = ImageDraw.Draw(upright)
    drawing.rectangle((0, 0, UPRIGHT_SIZE[0], UPRIGHT_SIZE[1] // 2), fill=SKY_BLUE)
    drawing.ellipse((780, 180, 1020, 420), fill=(250, 210, 80))  # a sun, for the screenshot
    # A little grain, as in a real photo: the file grows to several hundred kilobytes, enough
    # for the browser to report the upload's progress several times.
    grain = Image.effect_noise(UPRIGHT_SIZE, GRAIN_SIGMA).convert("RGB")
    upright = Image.blend(upright, grain, GRAIN_WEIGHT)
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise: how it is stored
    exif = Image.Exif()
    exif[EXIF_ORIENTATION_TAG] = ROTATE_90_CLOCKWISE_TO_VIEW
    path = tmp_path / "IMG_0001.jpg"
    stored.save(path, "JPEG", quality=92, exif=exif)
    return path


def test_a_shared_phone_photo_shows_its_progress_then_appears_upright_in_the_feed(
    signed_in_page: Page, sideways_phone_photo: Path, tmp_path: Path
):
    # Given a signed-in person on a slow connection
    page = signed_in_page
    caption = "Blue sky over the meadow"
    throttle_uploads(page, sideways_phone_photo.stat().st_size / THROTTLED_UPLOAD_SECONDS)

    # When they have looked at both tabs of the feed, then choose a sideways-stored phone photo,
    # caption it and share it
    page.get_by_role("tab", name="Everyone").click()
    page.get_by_role("tab", name="Following").click()
    page.get_by_label("Choose photos").set_input_files(sideways_phone_photo)
    item = page.locator(".upload-item")
    expect(item).to_contain_text("IMG_0001.jpg")
    page.evaluate(RECORD_PROGRESS_SCRIPT)
    item.get_by_label("Caption").fill(caption)
    page.get_by_role("button", name="Share").click()

    # Then the progress bar moves, and the photo appears at the top of both tabs, upright
    expect(item.get_by_role("status")).to_have_text(
        "Shared! It is in the feed now.", timeout=READY_TIMEOUT_MS
    )
    new_card = page.get_by_role("tabpanel", name="Following").locator(".photo-card").first
    expect(new_card).to_contain_text(caption)
    expect(new_card).to_contain_text(page.locator("#account-name").inner_text())
    new_photo_id = new_card.get_attribute("data-photo-id")
    page.get_by_role("tab", name="Everyone").click()
    everyone_first_card = page.get_by_role("tabpanel", name="Everyone").locator(".photo-card").first
    expect(everyone_first_card).to_have_attribute("data-photo-id", new_photo_id)
    page.get_by_role("tab", name="Following").click()

    progress_values = page.evaluate("window.progressValues")
    intermediate = {value for value in progress_values if 0 < value < 100}
    assert len(intermediate) >= 2, f"progress bar showed only {progress_values}"
    assert progress_values == sorted(progress_values), "progress went backwards"

    image = new_card.locator("img.photo-frame__image")
    expect(image).to_have_class("photo-frame__image photo-frame__image--loaded")
    shown = image.evaluate(READ_FEED_IMAGE_SCRIPT)
    assert shown["height"] > shown["width"], f"the feed shows the photo sideways: {shown}"
    red, green, blue = shown["top"]
    assert blue > green and blue > red, f"the top of the photo is not sky: {shown}"
    red, green, blue = shown["bottom"]
    assert green > blue and green > red, f"the bottom of the photo is not grass: {shown}"

    page.screenshot(path=tmp_path / "feed.png", animations="disabled")


def test_files_that_are_not_photos_are_refused_by_their_bytes_before_anything_is_uploaded(
    signed_in_page: Page, tmp_path: Path
):
    # Given a signed-in person with a text file, and a text file named like a photo
    page = signed_in_page
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo")
    pretender = tmp_path / "holiday.jpg"
    pretender.write_bytes(b"these bytes are not an image at all" * 100)
    requests_sent = []
    page.on("request", lambda request: requests_sent.append(request))

    # When they choose both
    page.get_by_label("Choose photos").set_input_files([notes, pretender])

    # Then the page names each and says what it takes instead, and sends nothing anywhere
    refusals = page.get_by_role("alert").filter(has_text="notes.txt")
    expect(refusals).to_contain_text(
        "“notes.txt” is not a photo CloudGram can take. Choose a JPEG, PNG, WebP"
    )
    expect(refusals).to_contain_text("“holiday.jpg” is not a photo CloudGram can take.")
    expect(page.locator(".upload-item")).to_have_count(0)
    expect(page.get_by_role("button", name="Share")).to_be_hidden()
    uploads = [request.url for request in requests_sent if request.method == "POST"]
    assert uploads == []


def test_a_photo_broken_after_its_first_bytes_fails_with_the_reason_shown(
    signed_in_page: Page, tmp_path: Path
):
    # Given a signed-in person with a file that starts like a JPEG and then holds no image
    page = signed_in_page
    broken_photo = tmp_path / "holiday.jpg"
    broken_photo.write_bytes(b"\xff\xd8\xff\xe0" + b"these bytes are not an image at all" * 100)

    # When they share it (the page judges the first bytes; the worker reads the rest)
    page.get_by_label("Choose photos").set_input_files(broken_photo)
    page.get_by_role("button", name="Share").click()

    # Then the worker's reason reaches the photo's item, and the person can try another photo
    item = page.locator(".upload-item")
    expect(item.get_by_role("status")).to_contain_text(
        "CloudGram could not use this photo:", timeout=READY_TIMEOUT_MS
    )
    expect(item.get_by_role("button", name="Dismiss")).to_be_visible()
    expect(page.get_by_label("Choose photos")).to_be_enabled()
