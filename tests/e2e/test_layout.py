"""The pages at a phone's width (360 px) and a desktop's (1280 px): screenshots of the feed, a
profile and a photo page, of the Following tab (empty with its suggestions, then with photos), a
profile with its Follow button, and the sign-up form refusing a username, for people to look at,
written to build/screenshots/;
and checks of what a person would notice at once: nothing wider than the screen, profile tiles
that are square and three to a row, the like and Follow buttons on screen.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    PHONE_VIEWPORT,
    SCREENSHOTS_DIR,
    VIEWPORT,
    Account,
    assert_nothing_wider_than_the_screen,
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
    submit_sign_up,
)
from tests.support.images import scene_jpeg

LOADED = re.compile("photo-frame__image--loaded")
# Rounding of fractional CSS pixels.
TOLERANCE_PX = 1.5


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])
def test_the_feed_a_profile_and_a_photo_page_fit_the_screen(page: Page, http_client, viewport):
    # Given someone with photos of several shapes, signed in, on a screen of this size
    size = "phone" if viewport == PHONE_VIEWPORT else "desktop"
    owner = new_user(http_client)
    share_photos_over_http(
        http_client,
        owner,
        [scene_jpeg(5), scene_jpeg(6, (480, 640)), scene_jpeg(7, (800, 400)), scene_jpeg(8)],
        captions=[
            "Morning on the pier",
            "",
            "A very wide view of the bay, with a caption long enough to wrap onto a second line "
            "and a-word-so-long-that-it-would-overflow-a-narrow-screen-if-nothing-broke-it",
            "Picnic",
        ],
    )
    page.set_viewport_size(viewport)
    sign_in(page, owner.username)

    # When they look at the feed, then it fits the screen
    first_card = page.locator(".photo-card").first
    expect(first_card.locator("img.photo-frame__image")).to_have_class(LOADED)
    assert_nothing_wider_than_the_screen(page, "the feed")
    expect(first_card.get_by_role("button", name="Like")).to_be_in_viewport()
    screenshot(page, f"feed-{size}")

    # And with two photos in the upload list, one the browser cannot preview, it still fits
    page.get_by_label("Choose photos").set_input_files(
        [
            {"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": scene_jpeg(9)},
            {"name": "IMG_2042.heic", "mimeType": "", "buffer": heic_header_only()},
        ]
    )
    expect(page.get_by_role("img", name="Preview of IMG_2041.jpg")).to_be_visible()
    expect(page.locator(".upload-item img")).to_have_count(1)
    assert_nothing_wider_than_the_screen(page, "the upload list")
    page.locator("#composer-panel").screenshot(
        path=SCREENSHOTS_DIR / f"upload-list-{size}.png", animations="disabled"
    )

    # When they open their profile, then its tiles are square, three to a row
    page.locator("#account-name").click()
    tiles = page.locator(".photo-grid__link")
    expect(tiles).to_have_count(4)
    for tile in tiles.all():
        expect(tile.locator("img.photo-frame__image")).to_have_class(LOADED)
    boxes = [tile.bounding_box() for tile in tiles.all()]
    for box in boxes:
        assert abs(box["width"] - box["height"]) <= TOLERANCE_PX, f"a tile is not square: {box}"
    assert len({round(box["y"]) for box in boxes[:3]}) == 1, f"not three to a row: {boxes}"
    assert boxes[3]["y"] > boxes[0]["y"], f"a fourth tile in the first row: {boxes}"
    assert_nothing_wider_than_the_screen(page, "the profile")
    screenshot(page, f"profile-{size}", full_page=True)

    # When they open the wide photo, then it is shown whole, with its details, within the screen
    page.locator(".photo-grid__link").nth(1).click()
    picture = page.locator(".photo-page__frame img.photo-frame__image")
    expect(picture).to_have_class(LOADED)
    expect(page.locator(".photo-page__caption")).to_contain_text("A very wide view")
    assert_nothing_wider_than_the_screen(page, "the photo page")
    expect(page.get_by_role("main").get_by_role("button", name="Like")).to_be_in_viewport()
    screenshot(page, f"photo-{size}", full_page=True)

    # When they open the tall photo, then it stands centred, no taller than most of the screen
    page.go_back()
    page.locator(".photo-grid__link").nth(2).click()
    expect(page.locator(".photo-page__caption")).to_be_hidden()  # the tall photo has no caption
    frame = page.locator(".photo-page__frame")
    expect(frame.locator("img.photo-frame__image")).to_have_class(LOADED)
    frame_box, media_box = frame.bounding_box(), page.locator(".photo-page__media").bounding_box()
    frame_middle = frame_box["x"] + frame_box["width"] / 2
    media_middle = media_box["x"] + media_box["width"] / 2
    assert abs(frame_middle - media_middle) <= TOLERANCE_PX, f"off centre: {frame_box}, {media_box}"
    assert frame_box["height"] <= 0.8 * viewport["height"] + TOLERANCE_PX, frame_box
    screenshot(page, f"photo-tall-{size}")


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])
def test_the_following_tab_and_a_profile_with_its_follow_button_fit_the_screen(
    page: Page, http_client, viewport
):
    # Given someone who has just shared two photos, and a newcomer signed in on a screen of this
    # size, who follows nobody
    size = "phone" if viewport == PHONE_VIEWPORT else "desktop"
    poster = new_user(http_client)
    share_photos_over_http(
        http_client,
        poster,
        [scene_jpeg(11), scene_jpeg(12, (600, 600))],
        captions=["Evening swim", "Lunch in the garden"],
    )
    page.set_viewport_size(viewport)
    sign_in(page, new_user(http_client).username)
    following = page.get_by_role("tabpanel", name="Following")

    # When they look at their empty Following tab, then its suggestions fit the screen
    follow = following.get_by_role("button", name=f"Follow {poster.username}")
    expect(follow).to_be_visible()
    assert_nothing_wider_than_the_screen(page, "the empty Following tab")
    screenshot(page, f"following-empty-{size}", full_page=True)

    # When they open the poster's profile from the suggestion, then its Follow button is on screen
    following.get_by_role("link", name=poster.username).click()
    follow = page.get_by_role("button", name=f"Follow {poster.username}")
    expect(follow).to_be_in_viewport()
    tiles = page.locator(".photo-grid__link")
    expect(tiles).to_have_count(2)
    for tile in tiles.all():
        expect(tile.locator("img.photo-frame__image")).to_have_class(LOADED)
    assert_nothing_wider_than_the_screen(page, "a profile with its Follow button")
    screenshot(page, f"profile-follow-{size}")

    # When they follow the poster and go back, then the photos arrive in the Following tab
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "true")
    page.go_back()
    first_card = following.locator(".photo-card").first
    expect(first_card).to_contain_text("Lunch in the garden", timeout=10_000)
    first_card.scroll_into_view_if_needed()
    expect(first_card.locator("img.photo-frame__image")).to_have_class(LOADED)
    expect(first_card.get_by_role("button", name="Like")).to_be_in_viewport()
    assert_nothing_wider_than_the_screen(page, "the Following tab")
    screenshot(page, f"following-{size}")


def heic_header_only() -> bytes:
    """The first bytes of a HEIC file: enough to be accepted, never drawn by Chromium."""
    brands = b"heic\0\0\0\0mif1heic"
    return (8 + len(brands)).to_bytes(4, "big") + b"ftyp" + brands + b"\0" * 64


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])
def test_the_sign_up_form_refusing_a_look_alike_username_fits_the_screen(page: Page, viewport):
    # Given the sign-up form on a screen of this size
    size = "phone" if viewport == PHONE_VIEWPORT else "desktop"
    page.set_viewport_size(viewport)
    page.goto("/")

    # When someone types a name with a fullwidth letter in it
    submit_sign_up(page, Account("\uff4barl.marx", "karl@example.com", "Photo-Lover-2026"))

    # Then the refusal shows under the username, and the form still fits
    expect(page.locator("#sign-up-username-error")).to_be_visible()
    assert_nothing_wider_than_the_screen(page, "the sign-up form")
    screenshot(page, f"sign-up-refused-{size}", full_page=True)
