"""The feed in a real browser: a page of photos, and the next page when the person scrolls down.

The photos are put there over HTTP, the way the page itself uploads them, so this test spends its
time on the feed rather than on the upload form.
"""

import io

from PIL import Image
from playwright.sync_api import Page, expect

from tests.support.browser_like_client import BrowserLikeClient

# The feed asks for this many photos at a time (PAGE_SIZE in frontend/js/components/feed-list.js).
FEED_PAGE_SIZE = 12


def small_jpeg(shade: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (shade, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def share_photos_over_http(local_stack, count: int) -> None:
    client = BrowserLikeClient(local_stack.site_url, local_stack.config)
    user = client.sign_up_and_in()
    pending = []
    for number in range(count):
        data = small_jpeg(shade=number * 15)
        created = client.request_upload(user, data)
        posted = client.post_file(created["upload"], data, "image/jpeg")
        assert posted.status_code == 204, posted.text
        pending.append(created["photo"]["id"])
    for photo_id in pending:
        assert client.wait_until_settled(user, photo_id)["status"] == "READY"


def test_scrolling_to_the_end_of_the_feed_loads_the_next_page(page: Page, local_stack):
    # Given more READY photos than fit on one page of the feed
    share_photos_over_http(local_stack, FEED_PAGE_SIZE + 1)
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
