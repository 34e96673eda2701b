"""Each device fetches the rendition it needs: on a 390 px phone at 3x and on a 1280 px desktop at
1x, the feed, the photo page and the profile grid load the smallest rendition at least as wide as
the picture is drawn, in device pixels (measured on the page, against the renditions the API
lists); and the first photo of the feed is fetched at once, at high priority, the rest lazily.

A profile tile shows the middle square of the photo, so there a rendition covers as much as its
short side.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, Request, expect

from tests.support.browser import new_user, requests_to, share_photos_over_http
from tests.support.images import scene_jpeg

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "context": {"device_scale_factor": 3, "is_mobile": True, "has_touch": True},
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "context": {"device_scale_factor": 1}}
# Wide enough for every rung of the ladder: 2400 x 1800 makes grid, medium, feed, large and full.
WIDE_PHOTO_SIZE = (2400, 1800)
WHOLE_PHOTO_RENDITIONS = ("medium", "feed", "large", "full")
LOADED = re.compile("photo-frame__image--loaded")

DRAWN_PICTURE = """(image) => ({
  width: image.getBoundingClientRect().width,
  pixelRatio: window.devicePixelRatio,
  source: new URL(image.currentSrc).pathname,
})"""


@pytest.fixture(scope="module")
def shared_photos(http_client) -> tuple[str, list[dict]]:
    """Someone's username and their two wide photos, newest first, as the feeds list them."""
    owner = new_user(http_client)
    pictures = [scene_jpeg(number, WIDE_PHOTO_SIZE) for number in (21, 22)]
    photos = share_photos_over_http(http_client, owner, pictures)
    for photo in photos:
        assert set(photo["renditions"]) == {"grid", *WHOLE_PHOTO_RENDITIONS}
    return owner.username, photos


def smallest_covering(photo: dict, names, needed_pixels: float, covered_width) -> str:
    """The URL of the smallest of the named renditions whose `covered_width` reaches
    `needed_pixels` (the largest if none does)."""
    renditions = sorted(
        (photo["renditions"][name] for name in names),
        key=lambda rendition: covered_width(rendition),
    )
    covering = [rendition for rendition in renditions if covered_width(rendition) >= needed_pixels]
    return (covering or renditions[-1:])[0]["url"]


def fetched_for_width(picture: Locator, photo: dict, names=WHOLE_PHOTO_RENDITIONS, square=False):
    """What the browser fetched for the picture, and what it should have."""
    expect(picture).to_have_class(LOADED)
    drawn = picture.evaluate(DRAWN_PICTURE)
    needed = drawn["width"] * drawn["pixelRatio"]
    if square:
        expected = smallest_covering(photo, names, needed, lambda r: min(r["width"], r["height"]))
    else:
        expected = smallest_covering(photo, names, needed, lambda r: r["width"])
    return drawn["source"], expected, needed


def open_page(new_context, screen: dict, address: str) -> tuple[Page, list[str]]:
    """A new page on this screen at `address`, and the paths of the media it fetches."""
    # The viewport is set on the page: every context gets the desktop one from conftest.
    page = new_context(**screen["context"]).new_page()
    page.set_viewport_size(screen["viewport"])
    media_requests = requests_to(page, "/media/")
    page.goto(address)
    return page, media_requests


def paths(requests: list[Request]) -> set[str]:
    return {urlsplit(request.url).path for request in requests}


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone-3x", "desktop-1x"])
def test_given_wide_photos_when_the_feed_is_shown_then_the_first_is_what_it_needs_and_eager(
    new_context, shared_photos, screen
):
    # Given someone's two wide photos, the newest at the top of the feed
    _, (newest, older) = shared_photos

    # When the feed is shown on this screen
    page, _ = open_page(new_context, screen, "/")
    cards = page.locator(f".photo-card[data-photo-id='{newest['id']}'] ~ .photo-card")
    first = page.locator(".photo-card").first.locator("img.photo-frame__image")
    expect(page.locator(".photo-card").first).to_have_attribute("data-photo-id", newest["id"])

    # Then the first picture is the smallest rendition that covers it, fetched early
    source, expected, needed = fetched_for_width(first, newest)
    assert source == expected, f"{needed:.0f} device pixels wide"
    assert first.get_attribute("loading") == "eager"
    assert first.get_attribute("fetchpriority") == "high"
    # And the next one waits until it nears the screen, at no special priority
    second = cards.first.locator("img.photo-frame__image")
    expect(cards.first).to_have_attribute("data-photo-id", older["id"])
    assert second.get_attribute("loading") == "lazy"
    assert second.get_attribute("fetchpriority") is None


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone-3x", "desktop-1x"])
def test_given_a_wide_photo_when_its_page_is_shown_then_it_is_the_rendition_it_needs(
    new_context, shared_photos, screen
):
    # Given a wide photo
    _, (photo, _) = shared_photos

    # When its own page is shown on this screen
    page, media_requests = open_page(new_context, screen, f"/p/{photo['id']}")
    picture = page.locator(".photo-page__frame img.photo-frame__image")

    # Then the picture is the smallest rendition that covers it, fetched early
    source, expected, needed = fetched_for_width(picture, photo)
    assert source == expected, f"{needed:.0f} device pixels wide"
    # And nothing else: the feed, not shown, fetches no picture
    assert paths(media_requests) == {expected}
    assert picture.get_attribute("loading") == "eager"
    assert picture.get_attribute("fetchpriority") == "high"


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone-3x", "desktop-1x"])
def test_given_wide_photos_when_a_profile_is_shown_then_each_tile_is_the_rendition_it_needs(
    new_context, shared_photos, screen
):
    # Given someone with two wide photos
    username, (newest, older) = shared_photos

    # When their profile is shown on this screen
    page, media_requests = open_page(new_context, screen, f"/#/u/{username}")
    tiles = page.locator("#profile-grid img.photo-frame__image")
    expect(tiles).to_have_count(2)

    # Then each tile is the smallest rendition whose middle square covers it
    fetched = set()
    for tile, photo in zip((tiles.first, tiles.nth(1)), (newest, older), strict=True):
        names = ("grid", *WHOLE_PHOTO_RENDITIONS)
        source, expected, needed = fetched_for_width(tile, photo, names, square=True)
        assert source == expected, f"{needed:.0f} device pixels wide"
        fetched.add(expected)
    # And nothing else: the feed, not shown, fetches no picture
    assert paths(media_requests) == fetched
    # And the first row is fetched at once, only the very first tile at high priority
    assert tiles.first.get_attribute("loading") == "eager"
    assert tiles.first.get_attribute("fetchpriority") == "high"
    assert tiles.nth(1).get_attribute("loading") == "eager"
    assert tiles.nth(1).get_attribute("fetchpriority") is None
