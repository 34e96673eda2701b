"""The feed in a real browser: a page of photos, and the next page when the person scrolls down.

The photos are put there over HTTP, the way the page itself uploads them, so this test spends its
time on the feed rather than on the upload form.
"""

from playwright.sync_api import Page, expect

from tests.support.browser import new_user, share_photos_over_http
from tests.support.images import scene_jpeg

# The feed asks for this many photos at a time (PAGE_SIZE in frontend/js/components/feed-list.js).
FEED_PAGE_SIZE = 12


def test_scrolling_to_the_end_of_the_feed_loads_the_next_page(page: Page, http_client):
    # Given more READY photos than fit on one page of the feed, shared one after another (all at
    # once would meet the limit of pending uploads)
    pictures = [scene_jpeg(number, size=(64, 48)) for number in range(FEED_PAGE_SIZE + 1)]
    share_photos_over_http(http_client, new_user(http_client), pictures)
    page.goto("/")
    cards = page.locator(".photo-card")
    expect(cards).to_have_count(FEED_PAGE_SIZE)

    # When the person scrolls to the end of the first page
    page.get_by_role("button", name="Load more photos").scroll_into_view_if_needed()

    # Then the next page follows it, without repeating a photo
    expect(cards).not_to_have_count(FEED_PAGE_SIZE)
    photo_ids = [card.get_attribute("data-photo-id") for card in cards.all()]
    assert len(photo_ids) > FEED_PAGE_SIZE
    assert len(set(photo_ids)) == len(photo_ids), f"a photo is shown twice: {photo_ids}"
