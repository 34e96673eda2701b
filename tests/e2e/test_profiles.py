"""Profiles people make their own, and finding people, in a real browser: alt text typed at
upload reaches the picture's `alt`; a display name, a bio and a picture set from the profile page
show on an older photo's card; someone who only signed up is found by the header's search and
followed from its results.

Everything the page is not testing (other accounts, their photos) is set up over HTTP.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    VIEWPORT,
    assert_nothing_wider_than_the_screen,
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
)
from tests.support.images import is_blue, is_red, phone_photo, scene_jpeg

READY_TIMEOUT_MS = 15_000
# A phone as wide as most sold today, and the desktop width of the other browser tests.
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": VIEWPORT}

# The loaded picture's pixel size and whether its top and bottom middle are red and blue.
READ_PICTURE_SCRIPT = """(image) => {
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const colourAt = (y) =>
    Array.from(context.getImageData(image.naturalWidth / 2, y, 1, 1).data.slice(0, 3));
  return {
    width: image.naturalWidth,
    height: image.naturalHeight,
    top: colourAt(Math.floor(image.naturalHeight * 0.1)),
    bottom: colourAt(Math.floor(image.naturalHeight * 0.9)),
  };
}"""


def test_alt_text_typed_at_upload_is_the_pictures_alt_in_the_feed_and_can_be_edited(
    signed_in_page: Page, tmp_path: Path
):
    # Given a signed-in person with a photo to share
    page = signed_in_page
    photo = tmp_path / "harbour.jpg"
    photo.write_bytes(scene_jpeg(5))
    page.get_by_label("Choose photos").set_input_files(photo)
    item = page.locator(".upload-item")

    # When they open "Add alt text", describe the photo and share it
    alt_text = "Three red boats moored in a calm harbour at noon"
    expect(item.get_by_label("Alt text")).to_be_hidden()
    item.get_by_text("Add alt text").click()
    item.get_by_label("Caption").fill("Lunch break")
    item.get_by_label("Alt text").fill(alt_text)
    screenshot(page, "profiles-alt-text-at-upload")
    page.get_by_role("button", name="Share").click()
    expect(item.get_by_role("status")).to_have_text(
        "Shared! It is in the feed now.", timeout=READY_TIMEOUT_MS
    )

    # Then the picture in the feed is described by it, not by its caption
    card = page.get_by_role("tabpanel", name="Following").locator(".photo-card").first
    expect(card.locator("img.photo-frame__image")).to_have_attribute("alt", alt_text)

    # When the owner edits the alt text on the card
    card.get_by_role("button", name="Edit caption and alt text").click()
    card.get_by_label("Alt text").fill("Three red boats in a harbour")
    card.get_by_role("button", name="Save").click()

    # Then the picture says the new words, and the caption is as it was
    expect(card.locator("img.photo-frame__image")).to_have_attribute(
        "alt", "Three red boats in a harbour"
    )
    expect(card.locator(".photo-card__caption")).to_have_text("Lunch break")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_name_bio_and_picture_set_on_the_profile_show_on_an_older_photos_card(
    page: Page, http_client, tmp_path: Path, width: str
):
    # Given someone who shared a photo before they had a name or a picture, signed in on the page
    owner = new_user(http_client)
    (older,) = share_photos_over_http(http_client, owner, [scene_jpeg(2)], captions=["Old pier"])
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, owner.username)
    portrait = tmp_path / "portrait.jpg"
    portrait.write_bytes(phone_photo(1200, 900))  # stored sideways, EXIF orientation 6

    # When they open their profile and Edit profile, and choose a picture
    page.goto(f"/#/u/{owner.username}")
    page.get_by_role("button", name="Edit profile").click()
    editor = page.get_by_role("form", name="Edit profile")
    expect(editor.get_by_label("Display name")).to_be_focused()
    editor.get_by_label("Choose picture").set_input_files(portrait)

    # Then the new picture is shown once the worker has made it, upright and square
    expect(editor.get_by_role("status")).to_have_text(
        "Your new picture is shown.", timeout=READY_TIMEOUT_MS
    )
    header_picture = page.locator("#profile-avatar img.avatar__image")
    expect(header_picture).to_have_js_property("complete", True)
    shown = header_picture.evaluate(READ_PICTURE_SCRIPT)
    assert shown["width"] == shown["height"], f"the picture is not square: {shown}"
    assert is_red(shown["top"]) and is_blue(shown["bottom"]), f"not upright: {shown}"

    # When they type a bio past its limit (the API is the judge, so the page's limit is lifted)
    editor.get_by_label("Display name").fill("Ana Lima")
    bio_box = editor.get_by_label("Bio")
    expect(editor.locator(".field__counter").nth(1)).to_have_text("0 / 150")
    bio_box.evaluate("box => box.removeAttribute('maxlength')")
    bio_box.fill("x" * 151)
    editor.get_by_role("button", name="Save").click()

    # Then the API's refusal is shown next to the bio, and nothing is lost
    expect(editor.locator("[id$='-bio-error']")).to_have_text(
        "bio is 151 characters long; at most 150 are allowed."
    )
    expect(bio_box).to_be_focused()
    expect(editor.get_by_label("Display name")).to_have_value("Ana Lima")
    screenshot(page, f"profiles-edit-refused-{width}")
    assert_nothing_wider_than_the_screen(page, f"the profile editor ({width})")

    # When they write a bio within it and save
    bio_box.fill("Photos of harbours <b>and</b> piers")
    editor.get_by_role("button", name="Save").click()

    # Then the profile shows the display name above the username, and the bio as text
    expect(editor).to_have_count(0)
    heading = page.get_by_role("heading", level=1)
    expect(heading.locator(".profile__display-name")).to_have_text("Ana Lima")
    expect(heading.locator(".profile__username")).to_have_text(f"@{owner.username}")
    expect(page.locator("#profile-bio")).to_have_text("Photos of harbours <b>and</b> piers")
    expect(page.get_by_role("button", name="Edit profile")).to_be_focused()
    screenshot(page, f"profiles-profile-{width}")

    # And the older photo's card in the feed shows the new name and picture
    page.goto("/")
    page.get_by_role("tab", name="Everyone").click()
    everyone = page.get_by_role("tabpanel", name="Everyone")
    card = everyone.locator(f'.photo-card[data-photo-id="{older["id"]}"]')
    expect(card.locator(".photo-card__owner")).to_have_text(f"Ana Lima @{owner.username}")
    expect(card.locator(".photo-card__header img.avatar__image")).to_have_attribute("alt", "")
    expect(card.locator("img.photo-frame__image")).to_have_attribute(
        "alt", "Photo by Ana Lima: Old pier"
    )
    card.scroll_into_view_if_needed()
    screenshot(page, f"profiles-card-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_someone_who_only_signed_up_is_found_by_search_and_followed_from_the_results(
    page: Page, http_client, width: str
):
    # Given a newcomer who signed up and was confirmed but never opened the page, and someone
    # else, signed in on the page
    newcomer = http_client.sign_up_and_in_to_cognito()
    searcher = new_user(http_client)
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, searcher.username)

    # When they type the start of the newcomer's name in the header's search
    field = page.get_by_role("combobox", name="Search people")
    if width == "phone":
        page.get_by_role("button", name="Search people").click()
        expect(field).to_be_focused()
    else:
        field.click()
    field.press_sequentially(newcomer.username[:-2], delay=30)

    # Then the newcomer is among the results, with a Follow button
    results = page.get_by_role("grid", name="People found")
    row = results.get_by_role("row").filter(has_text=newcomer.username)
    expect(row).to_have_count(1)
    follow = row.get_by_role("button", name=f"Follow {newcomer.username}")
    expect(follow).to_have_attribute("aria-pressed", "false")
    screenshot(page, f"profiles-search-{width}")
    assert_nothing_wider_than_the_screen(page, f"the search results ({width})")

    # When they follow them from the results (the button turns at once; the follow is then
    # on its way, so the API is asked once it has answered)
    with page.expect_response(
        lambda response: response.request.method == "PUT" and response.url.endswith("/follow")
    ):
        follow.click()

    # Then the button says so, and the API agrees
    expect(follow).to_have_attribute("aria-pressed", "true")
    profile = http_client.api("GET", f"/users/{newcomer.username}", searcher.id_token).json()
    assert profile["followedByMe"] is True

    # When they choose the newcomer with the arrow keys and press Enter
    field.focus()
    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "search-result-0-person")
    field.press("Enter")

    # Then the newcomer's profile opens, the results closed
    expect(page.get_by_role("heading", level=1, name=newcomer.username)).to_be_visible()
    expect(results).to_be_hidden()

    # And Escape closes the results while typing
    field = page.get_by_role("combobox", name="Search people")
    if width == "phone":
        page.get_by_role("button", name="Search people").click()
    field.fill(newcomer.username)
    expect(row).to_have_count(1)
    field.press("Escape")
    expect(results).to_be_hidden()
    expect(field).to_be_focused()
