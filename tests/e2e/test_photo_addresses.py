"""A photo's address is a real path, /p/<id>, on a phone's screen and a desktop's: opened from the
feed without reloading the page (and Back returns to the feed where it was), opened directly or
reloaded, reached from an older #/p/<id> link; and from it, the other places keep their hash
addresses at the site's root, whether a link leads there or the owner lands there after deleting
the photo. The page served at /p/<id> carries the photo's link preview, and the page gives a
photo's full address to share."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    PHONE_VIEWPORT,
    VIEWPORT,
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
)
from tests.support.images import scene_jpeg
from tests.support.page_head import page_head

VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"]
)
LOADED = re.compile("photo-frame__image--loaded")
# Set on the page's window: still there after a navigation, the page was not loaded again.
MARK_THE_PAGE = "() => { window.notReloaded = true; }"
STILL_THE_SAME_PAGE = "() => window.notReloaded === true"
PHOTO_URL_SCRIPT = "async (id) => (await import('/js/helpers/router.js')).photoUrl(id)"


@pytest.fixture
def owner_with_photos(http_client):
    """Someone with three READY photos, the pier shared first (so shown lowest of the three)."""
    owner = new_user(http_client)
    photos = share_photos_over_http(
        http_client,
        owner,
        [scene_jpeg(11), scene_jpeg(12, size=(480, 640)), scene_jpeg(13)],
        captions=["Evening on the pier", "Lighthouse in fog", "Boats at rest"],
    )
    return owner, photos[-1]


def size_of(viewport: dict) -> str:
    return "phone" if viewport == PHONE_VIEWPORT else "desktop"


@VIEWPORTS
def test_a_photo_opened_from_the_feed_is_at_its_path_and_back_returns_to_the_feed(
    page: Page, owner_with_photos, viewport
):
    # Given a visitor who has scrolled the feed down to a photo
    owner, pier = owner_with_photos
    page.set_viewport_size(viewport)
    page.goto("/")
    page.evaluate(MARK_THE_PAGE)
    card = page.locator(f'.photo-card[data-photo-id="{pier["id"]}"]')
    card.scroll_into_view_if_needed()
    scrolled_to = page.evaluate("window.scrollY")
    assert scrolled_to > 0

    # When they open the photo from its card
    card.get_by_role("link", name=f"Photo by {owner.username}: Evening on the pier").click()

    # Then the address is the photo's path, the photo page shows it, and the page was not
    # loaded again
    expect(page).to_have_url(re.compile(f"/p/{pier['id']}$"))
    expect(page.get_by_role("heading", level=1, name=f"Photo by {owner.username}")).to_be_focused()
    expect(page.locator(".photo-page__frame img.photo-frame__image")).to_have_class(LOADED)
    assert page.evaluate(STILL_THE_SAME_PAGE)
    screenshot(page, f"photo-address-{size_of(viewport)}")

    # When they go back, then the feed is at the site's root, where they left it
    page.go_back()
    expect(page).to_have_title("Latest photos · CloudGram")
    assert page.evaluate("location.pathname") == "/"
    expect(card).to_be_in_viewport()
    page.wait_for_function("(target) => Math.abs(window.scrollY - target) < 2", arg=scrolled_to)

    # And forward brings the photo back, still without a reload
    page.go_forward()
    expect(page).to_have_url(re.compile(f"/p/{pier['id']}$"))
    expect(page.locator(".photo-page__caption")).to_have_text("Evening on the pier")
    assert page.evaluate(STILL_THE_SAME_PAGE)


@VIEWPORTS
def test_a_photo_address_opened_directly_or_reloaded_shows_the_photo_and_links_lead_home(
    page: Page, owner_with_photos, viewport, local_stack
):
    # Given a photo's address, as someone shared it
    owner, pier = owner_with_photos
    page.set_viewport_size(viewport)
    address = f"/p/{pier['id']}"

    # When it is opened, then the photo page shows the photo, named in the title
    page.goto(address)
    expect(page.locator(".photo-page__caption")).to_have_text("Evening on the pier")
    expect(page.locator(".photo-page__frame img.photo-frame__image")).to_have_class(LOADED)
    expect(page).to_have_title(f"Photo by {owner.username} · CloudGram")
    screenshot(page, f"photo-address-opened-{size_of(viewport)}", full_page=True)

    # And the page gives the photo's full address to share
    assert page.evaluate(PHOTO_URL_SCRIPT, pier["id"]) == f"{local_stack.site_url}{address}"

    # When it is reloaded, then it still shows the photo
    page.reload()
    expect(page.locator(".photo-page__caption")).to_have_text("Evening on the pier")

    # When they follow the owner's name, then the profile is at the root, not under the photo
    page.evaluate(MARK_THE_PAGE)
    page.get_by_role("main").get_by_role("link", name=owner.username, exact=True).click()
    expect(page).to_have_url(f"{local_stack.site_url}/#/u/{owner.username}")
    expect(page.get_by_role("heading", level=1, name=owner.username)).to_be_visible()
    assert page.evaluate(STILL_THE_SAME_PAGE)

    # And back shows the photo again, and the home link leads to the feed at the root
    page.go_back()
    expect(page).to_have_url(f"{local_stack.site_url}{address}")
    expect(page.locator(".photo-page__caption")).to_have_text("Evening on the pier")
    page.get_by_role("link", name="CloudGram home").click()
    expect(page).to_have_url(f"{local_stack.site_url}/#/")
    expect(page).to_have_title("Latest photos · CloudGram")


@VIEWPORTS
def test_an_old_hash_link_to_a_photo_opens_it_at_its_path(
    page: Page, owner_with_photos, viewport, local_stack
):
    # Given a link to a photo as CloudGram wrote them before photos had a path
    owner, pier = owner_with_photos
    page.set_viewport_size(viewport)

    # When it is opened
    page.goto(f"/#/p/{pier['id']}")

    # Then the photo shows, and the address becomes the photo's path
    expect(page.locator(".photo-page__caption")).to_have_text("Evening on the pier")
    expect(page).to_have_url(f"{local_stack.site_url}/p/{pier['id']}")
    expect(page).to_have_title(f"Photo by {owner.username} · CloudGram")


def test_the_owner_deleting_a_photo_opened_from_a_link_lands_on_their_profile_at_the_root(
    page: Page, owner_with_photos, local_stack
):
    # Given the owner, signed in, who opened one of their photos from a link
    owner, pier = owner_with_photos
    sign_in(page, owner.username)
    page.goto(f"/p/{pier['id']}")

    # When they delete it
    page.get_by_role("button", name="Delete photo").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete", exact=True).click()

    # Then they are on their profile, at its hash address at the root, without the photo
    expect(page).to_have_url(f"{local_stack.site_url}/#/u/{owner.username}")
    expect(page.locator(".photo-grid__item")).to_have_count(2)
    expect(page.locator(f'.photo-grid__item[data-photo-id="{pier["id"]}"]')).to_have_count(0)


def test_the_page_at_a_photos_address_carries_its_link_preview(page: Page, owner_with_photos):
    # Given a READY photo; when a chat app fetches its address
    owner, pier = owner_with_photos
    response = page.request.get(f"/p/{pier['id']}")

    # Then the page's head previews the photo, with its feed rendition
    head = page_head(response.text())
    assert response.status == 200
    assert head.preview["og:title"] == f"Photo by {owner.username}"
    assert head.preview["og:description"] == "Evening on the pier"
    assert head.preview["og:image"].endswith(pier["renditions"]["feed"]["url"])
