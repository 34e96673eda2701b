"""Who liked a photo, in a real browser: a like count is a link to the people who liked the photo
(#/p/<id>/likes), each a link to their profile with a Follow button; "0 likes" links nowhere.
On a wide screen from a card of the feed, on a phone's from the photo's page, with the keyboard.

The photos and the likes are set up over HTTP, the way the page itself calls the API."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    PHONE_VIEWPORT,
    VIEWPORT,
    assert_nothing_wider_than_the_screen,
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
)
from tests.support.images import scene_jpeg


@pytest.fixture
def a_liked_by_b(http_client):
    """A's two photos, newest first: the newer liked by B, the older by nobody."""
    a, b = new_user(http_client), new_user(http_client)
    liked, unliked = share_photos_over_http(http_client, a, [scene_jpeg(5), scene_jpeg(6)])
    assert http_client.api("PUT", f"/photos/{liked['id']}/like", b.id_token).ok
    return a, b, liked, unliked


def card(page: Page, photo: dict):
    everyone = page.get_by_role("tabpanel", name="Everyone")
    return everyone.locator(f'.photo-card[data-photo-id="{photo["id"]}"]')


def then_b_is_listed_and_followed_from_the_list(page: Page, a, b, screen: str) -> None:
    # Then the list of who liked the photo shows B, with a Follow button, and not A
    expect(page.get_by_role("heading", level=1, name="Liked by")).to_be_focused()
    expect(page.locator("#people-list .people-list__name")).to_have_text([b.username])
    follow_b = page.get_by_role("button", name=f"Follow {b.username}")
    expect(follow_b).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("button", name=f"Follow {a.username}")).to_have_count(0)
    assert_nothing_wider_than_the_screen(page, f"who liked a photo, {screen}")
    screenshot(page, f"likers-{screen}")

    # When A follows B there, Then the button says so
    follow_b.click()
    expect(follow_b).to_have_attribute("aria-pressed", "true")

    # When A follows the link of B's name, Then B's profile opens, followed
    page.locator("#people-list .people-list__link", has_text=b.username).click()
    expect(page.get_by_role("heading", level=1, name=b.username)).to_be_visible()
    expect(page.get_by_role("button", name=f"Follow {b.username}")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_on_a_wide_screen_a_cards_like_count_opens_who_liked_the_photo(page: Page, a_liked_by_b):
    # Given A, signed in, with the feed's cards of A's photos in view
    a, b, liked, unliked = a_liked_by_b
    page.set_viewport_size(VIEWPORT)
    sign_in(page, a.username)
    page.get_by_role("tab", name="Everyone").click()
    expect(card(page, unliked).locator(".like__count")).to_have_text("0 likes")

    # Then "0 likes" is no link, and "1 like" is one
    expect(card(page, unliked).get_by_role("link", name="0 likes")).to_have_count(0)
    likers_link = card(page, liked).get_by_role("link", name="1 like")
    expect(likers_link).to_have_attribute("href", f"#/p/{liked['id']}/likes")

    # When A taps the like count
    likers_link.click()

    then_b_is_listed_and_followed_from_the_list(page, a, b, "desktop")

    # And back, back again: the feed, where A was
    page.go_back()
    page.go_back()
    expect(page.get_by_role("tabpanel", name="Everyone")).to_be_visible()


def test_on_a_phone_the_photo_pages_like_count_opens_who_liked_it_from_the_keyboard(
    page: Page, a_liked_by_b
):
    # Given A, signed in, on the page of A's liked photo, on a phone's screen
    a, b, liked, _ = a_liked_by_b
    page.set_viewport_size(PHONE_VIEWPORT)
    sign_in(page, a.username)
    page.goto(f"/p/{liked['id']}")
    likers_link = page.get_by_role("link", name="1 like")
    expect(likers_link).to_be_visible()
    screenshot(page, "likers-photo-page-phone")

    # When A reaches the like count with the keyboard and presses Enter
    likers_link.focus()
    page.keyboard.press("Enter")

    then_b_is_listed_and_followed_from_the_list(page, a, b, "phone")

    # And the list's own link leads back to the photo
    page.go_back()
    page.get_by_role("link", name="Back to the photo").click()
    expect(page).to_have_url(re.compile(rf"/p/{liked['id']}$"))
    expect(page.get_by_role("link", name="1 like")).to_be_visible()
