"""Profiles, photo pages and likes in a real browser.

The photos are shared over HTTP, the way the page itself uploads them, so these tests spend their
time on what a person does with a photo: like it, open it, edit its caption, visit its owner's
profile, delete it; and on what the addresses do: reload, back, forward, unknown places. A second
browser context plays another person, who may like a photo but not change or delete it.
"""

import json
import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import id_token, new_user, requests_to, share_photos_over_http, sign_in
from tests.support.images import scene_jpeg

MEDIA_CLEAN_UP_SECONDS = 10
NOT_READY_MESSAGE = "This photo is still being processed; it can be liked once it is ready."


@pytest.fixture
def owner_with_photos(http_client):
    """Someone with two READY photos: a landscape harbour, then a portrait lighthouse."""
    owner = new_user(http_client)
    lighthouse, harbour = share_photos_over_http(
        http_client,
        owner,
        [scene_jpeg(1), scene_jpeg(2, size=(480, 640))],
        captions=["Harbour at noon", "Tall lighthouse"],
    )
    return owner, lighthouse, harbour


def feed_card(page: Page, photo: dict):
    return page.locator(f'.photo-card[data-photo-id="{photo["id"]}"]')


def grid_tile_link(page: Page, photo: dict):
    return page.locator(f'.photo-grid__item[data-photo-id="{photo["id"]}"] a')


def wait_until_media_is_gone(page: Page, url: str) -> int:
    deadline = time.monotonic() + MEDIA_CLEAN_UP_SECONDS
    status = page.request.get(url).status
    while status != 404 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        status = page.request.get(url).status
    return status


def test_the_owner_likes_edits_opens_their_profile_and_deletes_a_photo(
    page: Page, owner_with_photos
):
    # Given the owner of two photos, signed in, on the feed
    owner, lighthouse, harbour = owner_with_photos
    sign_in(page, owner.username)
    card = feed_card(page, lighthouse)
    like = card.get_by_role("button", name="Like")
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(card.locator(".like__count")).to_have_text("0 likes")

    # When they like their lighthouse, then the button is pressed and counts it, after a reload too
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(card.locator(".like__count")).to_have_text("1 like")
    page.reload()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(card.locator(".like__count")).to_have_text("1 like")

    # When they open it from the feed, then its page shows it large, named and focused
    card.get_by_role("link", name=f"Photo by {owner.username}: Tall lighthouse").click()
    expect(page).to_have_url(re.compile(f"/p/{lighthouse['id']}$"))
    heading = page.get_by_role("heading", level=1, name=f"Photo by {owner.username}")
    expect(heading).to_be_focused()
    expect(page).to_have_title(f"Photo by {owner.username} · CloudGram")
    picture = page.locator(".photo-page__frame img.photo-frame__image")
    # A 480-pixel-wide photo: every rendition of it is as wide, so the page offers just one
    expect(picture).to_have_attribute("src", re.compile(r"/full\.webp$"))
    expect(picture).not_to_have_attribute("srcset", re.compile("."))
    expect(page.get_by_role("main").get_by_role("button", name="Like")).to_have_attribute(
        "aria-pressed", "true"
    )

    # When they edit the caption past the limit (the API is the judge, so the page's own limit
    # is lifted here), then the API's refusal is shown and nothing is lost
    page.get_by_role("button", name="Edit caption").click()
    caption_box = page.get_by_role("textbox", name="Caption")
    expect(caption_box).to_be_focused()
    expect(page.locator(".caption-editor .field__counter").first).to_have_text("15 / 2200")
    caption_box.evaluate("textarea => textarea.removeAttribute('maxlength')")
    caption_box.fill("x" * 2201)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".caption-editor").get_by_role("alert")).to_have_text(
        "The changes were not saved: caption is 2201 characters long; at most 2200 are allowed."
    )

    # When they save a caption within the limit, then it replaces the old one in place
    caption_box.fill("Lighthouse at dusk")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".photo-page__caption")).to_have_text("Lighthouse at dusk")
    expect(caption_box).to_have_count(0)
    expect(page.get_by_role("button", name="Edit caption")).to_be_focused()

    # When they open their profile from their name, then it shows both photos as square tiles
    page.get_by_role("main").get_by_role("link", name=owner.username, exact=True).click()
    expect(page).to_have_url(re.compile(f"#/u/{owner.username}$"))
    expect(page.get_by_role("heading", level=1, name=owner.username)).to_be_focused()
    expect(page.locator("#profile-photo-count")).to_have_text("2 photos")
    expect(page.locator(".photo-grid__item")).to_have_count(2)

    # When they open the harbour photo and ask to delete it, then Escape cancels
    grid_tile_link(page, harbour).click()
    expect(page.locator(".photo-page__caption")).to_have_text("Harbour at noon")
    delete_button = page.get_by_role("button", name="Delete photo")
    delete_button.click()
    dialog = page.get_by_role("dialog", name="Delete this photo?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(delete_button).to_be_focused()
    assert page.request.get(f"/api/photos/{harbour['id']}").status == 200

    # When they confirm, then the page goes back to their profile, which no longer has it
    delete_button.click()
    dialog.get_by_role("button", name="Delete", exact=True).click()
    expect(page).to_have_url(re.compile(f"#/u/{owner.username}$"))
    expect(page.locator(".photo-grid__item")).to_have_count(1)
    expect(grid_tile_link(page, harbour)).to_have_count(0)
    expect(page.locator("#profile-photo-count")).to_have_text("1 photo")

    # And the feed no longer has it, and shows the new caption, before and after a reload
    page.get_by_role("link", name="CloudGram home").click()
    expect(feed_card(page, lighthouse).locator(".photo-card__caption")).to_have_text(
        "Lighthouse at dusk"
    )
    expect(feed_card(page, harbour)).to_have_count(0)
    page.reload()
    expect(feed_card(page, lighthouse)).to_be_visible()
    expect(feed_card(page, harbour)).to_have_count(0)

    # And its files follow a moment later
    media_url = harbour["renditions"]["feed"]["url"]
    assert wait_until_media_is_gone(page, media_url) == 404, f"{media_url} is still served"


def test_the_owner_deletes_a_photo_from_its_feed_card_with_the_keyboard_alone(
    page: Page, owner_with_photos
):
    # Given the owner of two photos, signed in, on the feed
    owner, lighthouse, harbour = owner_with_photos
    sign_in(page, owner.username)
    card = feed_card(page, lighthouse)

    # When they reach the card's Delete with the keyboard, press it and confirm with the keyboard
    card.get_by_role("button", name="Delete photo").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Delete this photo?")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Delete", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    # Then the card leaves the feed, and the focus goes on at the next card, not to the top
    expect(card).to_have_count(0)
    expect(
        feed_card(page, harbour).get_by_role("link", name=owner.username, exact=True)
    ).to_be_focused()
    assert page.request.get(f"/api/photos/{lighthouse['id']}").status == 404


def test_another_person_can_like_a_photo_but_not_change_or_delete_it(
    page: Page, new_context, http_client, owner_with_photos
):
    # Given the owner of a photo, signed in, and another person, signed in in another browser
    owner, lighthouse, _ = owner_with_photos
    sign_in(page, owner.username)
    someone_else = new_user(http_client)
    other_page = new_context().new_page()
    sign_in(other_page, someone_else.username)

    # When the other person looks at the photo, in the Everyone feed (they follow nobody) and on
    # its page, then they are offered the like button but no Edit or Delete
    other_page.get_by_role("tab", name="Everyone").click()
    other_card = feed_card(other_page, lighthouse)
    expect(other_card.get_by_role("button", name="Like")).to_be_visible()
    expect(other_card.get_by_role("button", name="Edit caption")).to_have_count(0)
    expect(other_card.get_by_role("button", name="Delete photo")).to_have_count(0)
    other_page.goto(f"/p/{lighthouse['id']}")
    expect(other_page.get_by_role("heading", level=1)).to_have_text(f"Photo by {owner.username}")
    expect(other_page.get_by_role("button", name="Edit caption")).to_have_count(0)
    expect(other_page.get_by_role("button", name="Delete photo")).to_have_count(0)

    # When they like it, then it counts at once, and the owner sees the like (not as theirs)
    other_like = other_page.get_by_role("main").get_by_role("button", name="Like")
    other_like.click()
    expect(other_like).to_have_attribute("aria-pressed", "true")
    expect(other_page.locator("#photo-view .like__count")).to_have_text("1 like")
    page.goto(f"/p/{lighthouse['id']}")
    expect(page.locator("#photo-view .like__count")).to_have_text("1 like")
    expect(page.get_by_role("main").get_by_role("button", name="Like")).to_have_attribute(
        "aria-pressed", "false"
    )

    # And when they call the API themselves to change or delete it, it refuses with 403
    headers = {"Authorization": id_token(other_page), "Content-Type": "application/json"}
    changed = other_page.request.patch(
        f"/api/photos/{lighthouse['id']}",
        headers=headers,
        data=json.dumps({"caption": "Mine now"}),
    )
    assert changed.status == 403, changed.text()
    deleted = other_page.request.delete(f"/api/photos/{lighthouse['id']}", headers=headers)
    assert deleted.status == 403, deleted.text()
    assert http_client.api("GET", f"/photos/{lighthouse['id']}").json()["caption"] == (
        "Tall lighthouse"
    )


def test_reload_back_and_forward_keep_the_place_and_the_feed_keeps_working(
    page: Page, owner_with_photos
):
    # Given a visitor who has scrolled the feed down to the harbour photo
    owner, lighthouse, harbour = owner_with_photos
    page.goto("/")
    harbour_card = feed_card(page, harbour)
    harbour_card.scroll_into_view_if_needed()
    scrolled_to = page.evaluate("window.scrollY")
    assert scrolled_to > 0

    # When they open the owner's profile from the card, then it is named in the title, and the
    # focus is on its heading
    harbour_card.get_by_role("link", name=owner.username, exact=True).click()
    expect(page).to_have_url(re.compile(f"#/u/{owner.username}$"))
    expect(page).to_have_title(f"{owner.username} · CloudGram")
    expect(page.get_by_role("heading", level=1, name=owner.username)).to_be_focused()

    # When they go back, then the feed is where they left it
    page.go_back()
    expect(page).to_have_title("Latest photos · CloudGram")
    expect(harbour_card).to_be_in_viewport()
    page.wait_for_function("(target) => Math.abs(window.scrollY - target) < 2", arg=scrolled_to)

    # When they go forward and open the lighthouse, then a reload keeps the photo page
    page.go_forward()
    grid_tile_link(page, lighthouse).click()
    expect(page).to_have_url(re.compile(f"/p/{lighthouse['id']}$"))
    page.reload()
    expect(page).to_have_title(f"Photo by {owner.username} · CloudGram")
    expect(page.locator(".photo-page__caption")).to_have_text("Tall lighthouse")

    # When they go back twice, then they are on the profile, then on a feed that still works
    page.go_back()
    expect(page.get_by_role("heading", level=1, name=owner.username)).to_be_visible()
    expect(page.locator(".photo-grid__item")).to_have_count(2)
    page.go_back()
    expect(page).to_have_title("Latest photos · CloudGram")
    harbour_card.get_by_role("link", name=f"Photo by {owner.username}: Harbour at noon").click()
    expect(page.locator(".photo-page__caption")).to_have_text("Harbour at noon")


@pytest.mark.parametrize(
    ("address", "heading", "explanation"),
    [
        ("/#/u/nobody-by-this-name", "User not found", "There is no CloudGram user called"),
        ("/#/u/nobody-by-this-name/followers", "User not found", "There is no CloudGram user"),
        ("/p/01J00000000000000000000000", "Photo not found", "This photo does not exist"),
        ("/p/not-a-photo-id", "Photo not found", "This photo does not exist"),
        ("/#/p/not-a-photo-id", "Photo not found", "This photo does not exist"),
        ("/#/somewhere/else", "Page not found", "This address does not lead to anything"),
    ],
)
def test_an_unknown_place_says_so_and_leads_back_to_the_feed(
    page: Page, address, heading, explanation
):
    # Given an address that names no user, photo or place; when someone opens it
    page.goto(address)

    # Then the page says so in its heading and title, and offers the way back
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(explanation)
    expect(page).to_have_title(f"{heading} · CloudGram")
    page.get_by_role("link", name="See the latest photos").filter(visible=True).click()
    expect(page).to_have_title("Latest photos · CloudGram")


def test_a_like_the_api_refuses_is_rolled_back_with_the_reason(
    page: Page, http_client, owner_with_photos
):
    # Given someone signed in on another person's photo, whose like requests are held back
    _, lighthouse, _ = owner_with_photos
    sign_in(page, new_user(http_client).username)
    page.goto(f"/p/{lighthouse['id']}")
    held_requests = []
    page.route("**/api/photos/*/like", lambda route: held_requests.append(route))
    like = page.get_by_role("main").get_by_role("button", name="Like")
    count = page.locator("#photo-view .like__count")

    # When they press Like, then it shows as liked at once, before the API has answered
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1 like")
    while not held_requests:
        page.wait_for_timeout(20)

    # When the API refuses, then the like is rolled back and the reason shown
    held_requests[0].fulfill(
        status=409, json={"Code": "ConflictError", "Message": NOT_READY_MESSAGE}
    )
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("0 likes")
    alert = page.get_by_role("main").get_by_role("alert").filter(has_text="like")
    expect(alert).to_have_text(f"Your like was not saved: {NOT_READY_MESSAGE}")

    # When the network fails on the next try, then that is rolled back and said too
    page.unroute("**/api/photos/*/like")
    page.route("**/api/photos/*/like", lambda route: route.abort())
    like.click()
    expect(alert).to_have_text(
        "Your like was not saved: CloudGram could not be reached. "
        "Check your connection and try again."
    )
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("0 likes")
    assert http_client.api("GET", f"/photos/{lighthouse['id']}").json()["likeCount"] == 0


def test_signed_out_people_pressing_like_are_asked_to_sign_in(page: Page, owner_with_photos):
    # Given a visitor who is not signed in, on a photo page
    _, lighthouse, _ = owner_with_photos
    page.goto(f"/p/{lighthouse['id']}")
    like_requests = requests_to(page, "/like")

    # When they press Like, then nothing is sent, and they are asked to sign in
    like = page.get_by_role("main").get_by_role("button", name="Like")
    like.click()
    alert = page.get_by_role("main").get_by_role("alert")
    expect(alert).to_have_text("Liking photos needs an account. Sign in")
    expect(like).to_have_attribute("aria-pressed", "false")
    assert like_requests == []

    # When they follow the prompt, then they land in the sign-in form
    alert.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title("Latest photos · CloudGram")
    expect(page.locator("#sign-in-form").get_by_label("Username")).to_be_focused()
