"""What a person does with a photo and its owner beyond the like button, in a real browser, on a
phone (390 px, with a touch screen) and on a desktop: liking a photo its owner has just deleted
elsewhere, unfollowing (which asks first), leaving the photo page with Back or Escape, liking with
a double tap, and copying or sharing a photo's link.

The people and their photos are set up over HTTP, the way the page itself calls the API, when the
page is not what is tested. Screenshots go to build/screenshots/photo-actions-*.png.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    SCREENSHOTS_DIR,
    VIEWPORT,
    assert_nothing_wider_than_the_screen,
    new_user,
    requests_to,
    screenshot,
    share_photos_over_http,
    sign_in,
)
from tests.support.images import scene_jpeg

# The phone the issue was found on: 390 CSS pixels wide, with a touch screen.
PHONE_VIEWPORT = {"width": 390, "height": 844}
SCREENS = {
    "phone": ({"has_touch": True, "is_mobile": True}, PHONE_VIEWPORT),
    "desktop": ({}, VIEWPORT),
}
# A single tap on a feed card's picture waits this long for a second tap before it opens the
# photo (frontend/js/components/double-tap-like.js).
DOUBLE_TAP_MS = 300
DELETED_NOTE = "This photo was deleted by its owner."
# Records what the page hands the Clipboard API and the Web Share API, instead of the system's.
RECORD_CLIPBOARD_SCRIPT = """
window.copiedTexts = [];
Object.defineProperty(navigator, "clipboard", {
  value: { writeText: async (text) => { window.copiedTexts.push(text); } },
});
"""
REFUSE_CLIPBOARD_SCRIPT = """
const refusal = () => new DOMException("Write permission denied.", "NotAllowedError");
Object.defineProperty(navigator, "clipboard", {
  value: { writeText: async () => { throw refusal(); } },
});
"""
RECORD_SHARES_SCRIPT = """
window.sharedData = [];
navigator.share = async (data) => { window.sharedData.push(data); };
"""


@pytest.fixture(params=SCREENS, ids=list(SCREENS))
def screen(request) -> str:
    """ "phone" or "desktop"."""
    return request.param


@pytest.fixture
def screen_page(new_context, screen) -> Page:
    """A page in a browser of that kind, of that size."""
    options, viewport = SCREENS[screen]
    page = new_context(**options).new_page()
    page.set_viewport_size(viewport)
    return page


@pytest.fixture
def owner_with_photos(http_client):
    """Someone with three READY photos, newest first: a pier, a lighthouse, a harbour."""
    owner = new_user(http_client)
    photos = share_photos_over_http(
        http_client,
        owner,
        [scene_jpeg(31), scene_jpeg(32, size=(480, 640)), scene_jpeg(33)],
        captions=["Harbour at noon", "Tall lighthouse", "Old pier"],
    )
    return owner, photos


def feed_card(page: Page, photo: dict):
    return page.locator(f'.photo-card[data-photo-id="{photo["id"]}"]')


def card_picture(page: Page, photo: dict):
    return feed_card(page, photo).locator("a.photo-card__picture")


def show_everyone_tab(page: Page) -> None:
    page.get_by_role("tab", name="Everyone").click()
    expect(page.get_by_role("tab", name="Everyone")).to_have_attribute("aria-selected", "true")


def photo_page_like(page: Page):
    return page.locator("#photo-view").get_by_role("button", name="Like")


def single_tap(target, screen: str) -> None:
    """A tap on a touch screen, or a click with a mouse."""
    if screen == "phone":
        target.tap()
    else:
        target.click()


def double_tap(target, screen: str) -> None:
    """Two taps on a touch screen, or a double click with a mouse."""
    if screen == "phone":
        target.tap()
        target.tap()
    else:
        target.dblclick()


def test_liking_or_unliking_a_photo_deleted_elsewhere_says_so_and_takes_it_away(
    screen_page, screen, http_client, owner_with_photos
):
    # Given someone who liked the lighthouse, signed in on the Everyone feed, and the owner, in
    # another session, deleting the pier
    owner, (pier, lighthouse, harbour) = owner_with_photos
    viewer = new_user(http_client)
    assert http_client.api("PUT", f"/photos/{lighthouse['id']}/like", viewer.id_token).ok
    page = screen_page
    sign_in(page, viewer.username)
    show_everyone_tab(page)
    pier_like = feed_card(page, pier).get_by_role("button", name="Like")
    expect(pier_like).to_have_attribute("aria-pressed", "false")
    assert http_client.api("DELETE", f"/photos/{pier['id']}", owner.id_token).status_code == 204

    # When they like the pier from the keyboard, then they are told it was deleted, and its card
    # leaves the feed, with the focus on the next card rather than lost
    pier_like.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text=DELETED_NOTE)).to_be_visible()
    expect(feed_card(page, pier)).to_have_count(0)
    expect(
        feed_card(page, lighthouse).get_by_role("link", name=owner.username, exact=True)
    ).to_be_focused()
    screenshot(page, f"photo-actions-deleted-{screen}")

    # When they open the lighthouse, which the owner then deletes, and unlike it on its page
    single_tap(card_picture(page, lighthouse), screen)
    like = photo_page_like(page)
    expect(like).to_have_attribute("aria-pressed", "true")
    assert http_client.api("DELETE", f"/photos/{lighthouse['id']}", owner.id_token).ok
    like.click()

    # Then the page says the photo no longer exists, with the focus there, and no heart is left
    gone = page.get_by_role("heading", level=1, name="This photo no longer exists")
    expect(gone).to_be_focused()
    expect(page.get_by_role("main")).to_contain_text("It was deleted by its owner.")
    expect(photo_page_like(page)).to_have_count(0)
    screenshot(page, f"photo-actions-photo-gone-{screen}")

    # And Back lands on a feed that has neither photo
    page.get_by_role("button", name="Back").click()
    expect(page).to_have_title("Latest photos · CloudGram")
    expect(feed_card(page, harbour)).to_be_visible()
    expect(feed_card(page, lighthouse)).to_have_count(0)
    expect(feed_card(page, pier)).to_have_count(0)


def test_unliking_a_photo_deleted_elsewhere_empties_the_heart_rather_than_refilling_it(
    page: Page, http_client, owner_with_photos
):
    # Given someone who likes the pier, on the Everyone feed, whose like requests are held back,
    # and the owner deleting the pier in another session
    owner, (pier, lighthouse, _) = owner_with_photos
    viewer = new_user(http_client)
    assert http_client.api("PUT", f"/photos/{pier['id']}/like", viewer.id_token).ok
    sign_in(page, viewer.username)
    show_everyone_tab(page)
    held = []
    page.route("**/api/photos/*/like", lambda route: held.append(route))
    assert http_client.api("DELETE", f"/photos/{pier['id']}", owner.id_token).status_code == 204
    like = feed_card(page, pier).get_by_role("button", name="Like")
    expect(like).to_have_attribute("aria-pressed", "true")

    # When they unlike it, it shows as unliked until the API answers that there is no such photo
    like.click()
    expect(like).to_have_attribute("aria-pressed", "false")
    while not held:
        page.wait_for_timeout(20)
    hearts_shown = like.evaluate_handle("""heart => {
      const shown = [];
      new MutationObserver(() => shown.push(heart.getAttribute("aria-pressed")))
        .observe(heart, { attributes: true, attributeFilter: ["aria-pressed"] });
      return shown;
    }""")
    held[0].continue_()

    # Then the heart stays empty (a deleted photo is liked by nobody), the card leaves, and the
    # person is told why
    expect(feed_card(page, pier)).to_have_count(0)
    assert hearts_shown.json_value() == ["false"]
    expect(page.get_by_role("status").filter(has_text=DELETED_NOTE)).to_be_visible()
    expect(feed_card(page, lighthouse)).to_be_visible()


def test_unfollowing_asks_first_and_the_button_says_unfollow_on_hover_and_focus(
    screen_page, screen, http_client
):
    # Given A, who follows B, signed in on B's profile
    a, b = new_user(http_client), new_user(http_client)
    assert http_client.api("PUT", f"/users/{b.username}/follow", a.id_token).ok
    page = screen_page
    sign_in(page, a.username)
    page.goto(f"/#/u/{b.username}")
    follow = page.get_by_role("button", name=f"Follow {b.username}")
    followers = page.locator("#profile-followers-link")
    label = follow.locator(".follow__label")
    unfollow_label = follow.locator(".follow__unfollow-label")
    expect(follow).to_have_attribute("aria-pressed", "true")
    expect(label).to_have_text("Following")

    # Then it reads "Unfollow" while the keyboard's focus is on it, and while a mouse is over it,
    # and its accessible name still says what it is (Follow B, pressed)
    page.locator("#profile-following-link").focus()
    page.keyboard.press("Tab")
    expect(follow).to_be_focused()
    expect(unfollow_label).to_be_visible()
    expect(label).to_be_hidden()
    screenshot(page, f"photo-actions-unfollow-focused-{screen}")
    page.locator("#profile-following-link").focus()
    expect(label).to_be_visible()
    if screen == "desktop":
        follow.hover()
        expect(unfollow_label).to_be_visible()
        page.mouse.move(0, 0)
        expect(label).to_have_text("Following")
        expect(label).to_be_visible()

    # When A presses it, then a dialog asks first, with Cancel focused; Cancel changes nothing
    follow.click()
    dialog = page.get_by_role("dialog", name=f"Unfollow @{b.username}?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    screenshot(page, f"photo-actions-unfollow-dialog-{screen}")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(follow).to_be_focused()
    expect(follow).to_have_attribute("aria-pressed", "true")
    expect(followers).to_have_text("1 follower")

    # And Escape changes nothing either
    follow.click()
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(follow).to_have_attribute("aria-pressed", "true")
    assert http_client.api("GET", f"/users/{b.username}", a.id_token).json()["followedByMe"]

    # When A confirms, then A no longer follows B
    follow.click()
    with page.expect_response(lambda response: response.request.method == "DELETE"):
        dialog.get_by_role("button", name="Unfollow").click()
    expect(follow).to_have_attribute("aria-pressed", "false")
    expect(label).to_have_text("Follow")
    expect(label).to_be_visible()
    expect(followers).to_have_text("0 followers")
    assert not http_client.api("GET", f"/users/{b.username}", a.id_token).json()["followedByMe"]

    # And following again is one press, with no question (answered before the list is read)
    with page.expect_response(lambda response: response.request.method == "PUT"):
        follow.click()
    expect(follow).to_have_attribute("aria-pressed", "true")
    expect(dialog).to_be_hidden()

    # And in a list of people too, unfollowing asks first
    page.goto(f"/#/u/{a.username}/following")
    listed = page.locator("#people-list").get_by_role("button", name=f"Follow {b.username}")
    expect(listed).to_have_attribute("aria-pressed", "true")
    listed.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Unfollow").click()
    expect(listed).to_have_attribute("aria-pressed", "false")
    assert_nothing_wider_than_the_screen(page, "a list of people after an unfollow")


def test_back_on_the_photo_page_returns_where_the_person_came_from_or_to_the_feed(
    screen_page, screen, http_client, owner_with_photos
):
    # Given the owner of three photos, signed in, scrolled down the feed to the harbour
    owner, (pier, lighthouse, harbour) = owner_with_photos
    page = screen_page
    sign_in(page, owner.username)
    harbour_card = feed_card(page, harbour)
    harbour_card.scroll_into_view_if_needed()

    # When they open the harbour and press Back, then they are on the feed, at the harbour
    card_picture(page, harbour).click()
    expect(page.locator(".photo-page__caption")).to_have_text("Harbour at noon")
    back = page.get_by_role("button", name="Back")
    expect(back).to_be_in_viewport()
    screenshot(page, f"photo-actions-photo-page-{screen}")
    back.click()
    expect(page).to_have_title("Latest photos · CloudGram")
    expect(harbour_card).to_be_in_viewport()

    # When they open the lighthouse from its owner's profile, then Back (reached with the keyboard
    # from the page's heading) returns to the profile
    page.goto(f"/#/u/{owner.username}")
    page.locator(f'.photo-grid__item[data-photo-id="{lighthouse["id"]}"] a').click()
    expect(page.get_by_role("heading", level=1, name=f"Photo by {owner.username}")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(back).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_title(f"{owner.username} · CloudGram")

    # When they open the pier and press Escape with the delete dialog open, then only the dialog
    # closes; the next Escape leaves the photo page, back to the profile
    page.locator(f'.photo-grid__item[data-photo-id="{pier["id"]}"] a').click()
    expect(page.locator(".photo-page__caption")).to_have_text("Old pier")
    page.get_by_role("button", name="Delete photo").click()
    expect(page.get_by_role("dialog", name="Delete this photo?")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page).to_have_title(f"Photo by {owner.username} · CloudGram")
    page.keyboard.press("Escape")
    expect(page).to_have_title(f"{owner.username} · CloudGram")

    # When someone arrives at a photo straight from outside, then Back takes them to the feed
    visitor = page.context.new_page()
    visitor.set_viewport_size(SCREENS[screen][1])
    visitor.goto(f"/p/{lighthouse['id']}")
    expect(visitor.locator(".photo-page__caption")).to_have_text("Tall lighthouse")
    visitor.get_by_role("button", name="Back").click()
    expect(visitor).to_have_title("Latest photos · CloudGram")
    expect(feed_card(visitor, lighthouse)).to_be_visible()


def test_a_double_tap_likes_a_photo_once_with_a_heart_and_a_single_tap_still_opens_it(
    screen_page, screen, http_client, owner_with_photos
):
    # Given someone signed in on the Everyone feed
    _, (pier, lighthouse, _) = owner_with_photos
    page = screen_page
    sign_in(page, new_user(http_client).username)
    show_everyone_tab(page)
    like = feed_card(page, pier).get_by_role("button", name="Like")
    count = feed_card(page, pier).locator(".like__count")
    expect(like).to_have_attribute("aria-pressed", "false")
    like_requests = requests_to(page, "/like")

    # When they double tap the pier's picture, then it is liked, a heart shows over it, and the
    # photo page does not open
    picture = card_picture(page, pier)
    with page.expect_response(lambda response: response.url.endswith("/like")):
        double_tap(picture, screen)
    expect(picture.locator(".like-burst")).to_be_visible()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1 like")
    page.wait_for_timeout(DOUBLE_TAP_MS * 2)
    expect(page).to_have_title("Latest photos · CloudGram")

    # When they double tap it again, then the heart shows again and the like stays
    expect(picture.locator(".like-burst")).to_have_count(0)
    double_tap(picture, screen)
    expect(picture.locator(".like-burst")).to_be_visible()
    page.wait_for_timeout(DOUBLE_TAP_MS * 2)
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1 like")
    assert [request.method for request in like_requests] == ["PUT"]
    assert http_client.api("GET", f"/photos/{pier['id']}").json()["likeCount"] == 1

    # When they tap the lighthouse once, then its page opens, where a double tap likes it too,
    # with the heart shown still (not popping) for people who ask for less motion
    single_tap(card_picture(page, lighthouse), screen)
    expect(page).to_have_url(re.compile(f"/p/{lighthouse['id']}$"))
    page.emulate_media(reduced_motion="reduce")
    frame = page.locator(".photo-page__frame")
    double_tap(frame, screen)
    heart = frame.locator(".like-burst")
    expect(heart).to_be_visible()
    assert heart.evaluate("heart => getComputedStyle(heart).animationName") == "none"
    screenshot(page, f"photo-actions-double-tap-{screen}")
    expect(photo_page_like(page)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#photo-view .like__count")).to_have_text("1 like")

    # And from the keyboard, Enter on a card's picture opens the photo at once
    page.get_by_role("button", name="Back").click()
    card_picture(page, pier).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/p/{pier['id']}$"), timeout=DOUBLE_TAP_MS)


def test_a_signed_out_double_tap_does_what_the_like_button_does(
    screen_page, screen, owner_with_photos
):
    # Given a visitor who is not signed in, on the feed
    _, (pier, _, _) = owner_with_photos
    page = screen_page
    page.goto("/")
    like_requests = requests_to(page, "/like")

    # When they double tap a picture, then, as pressing Like would, nothing is sent and they are
    # asked to sign in; no heart shows, since nothing was liked
    picture = card_picture(page, pier)
    double_tap(picture, screen)
    card = feed_card(page, pier)
    expect(card.get_by_role("alert")).to_contain_text("Liking photos needs an account.")
    expect(picture.locator(".like-burst")).to_have_count(0)
    expect(card.get_by_role("button", name="Like")).to_have_attribute("aria-pressed", "false")
    page.wait_for_timeout(DOUBLE_TAP_MS * 2)
    expect(page).to_have_title("Latest photos · CloudGram")
    assert like_requests == []


def test_copy_link_puts_the_photos_address_on_the_clipboard_and_says_so(
    screen_page, screen, local_stack, owner_with_photos
):
    # Given a visitor on a photo's page, in a browser that has no Web Share API
    _, (pier, lighthouse, _) = owner_with_photos
    page = screen_page
    page.add_init_script(RECORD_CLIPBOARD_SCRIPT + "delete Navigator.prototype.share;")
    page.goto(f"/p/{pier['id']}")
    expect(page.locator(".photo-page__caption")).to_have_text("Old pier")

    # Then Share is not offered, Copy link is
    expect(page.get_by_role("button", name="Share…")).to_have_count(0)
    copy = page.locator("#photo-view").get_by_role("button", name="Copy link")

    # When they press Copy link, then the photo's own address is copied and "Link copied" shown
    copy.click()
    status = page.get_by_role("status").filter(has_text="Link copied")
    expect(status).to_be_visible()
    assert page.evaluate("window.copiedTexts") == [f"{local_stack.site_url}/p/{pier['id']}"]
    screenshot(page, f"photo-actions-link-copied-{screen}")

    # And a card's Copy link, an icon beside the heart, copies its own photo's address
    page.goto("/")
    card = feed_card(page, lighthouse)
    card.get_by_role("button", name="Copy link").click()
    expect(status).to_be_visible()
    card.screenshot(
        path=SCREENSHOTS_DIR / f"photo-actions-card-{screen}.png", animations="disabled"
    )
    assert page.evaluate("window.copiedTexts") == [f"{local_stack.site_url}/p/{lighthouse['id']}"]
    assert_nothing_wider_than_the_screen(page, "the feed with Copy link on its cards")


def test_a_refused_clipboard_offers_the_link_to_copy_by_hand(
    screen_page, screen, local_stack, owner_with_photos
):
    # Given a visitor on a photo's page, in a browser that refuses the page the clipboard
    _, (pier, _, _) = owner_with_photos
    page = screen_page
    page.add_init_script(REFUSE_CLIPBOARD_SCRIPT)
    page.goto(f"/p/{pier['id']}")

    # When they press Copy link, then the link is offered in a field, selected, to copy by hand
    page.locator("#photo-view").get_by_role("button", name="Copy link").click()
    field = page.get_by_role("textbox", name="Copy the link to this photo")
    expect(field).to_be_focused()
    expect(field).to_have_value(f"{local_stack.site_url}/p/{pier['id']}")
    selected = field.evaluate(
        "field => field.value.slice(field.selectionStart, field.selectionEnd)"
    )
    assert selected == f"{local_stack.site_url}/p/{pier['id']}"
    expect(page.get_by_role("status").filter(has_text="Link copied")).to_have_count(0)
    assert_nothing_wider_than_the_screen(page, "the photo page offering its link")
    screenshot(page, f"photo-actions-copy-by-hand-{screen}")

    # And a card's Copy link offers its photo's link in the card the same way
    page.goto("/")
    card = feed_card(page, pier)
    card.get_by_role("button", name="Copy link").click()
    expect(card.get_by_role("textbox", name="Copy the link to this photo")).to_be_focused()
    assert_nothing_wider_than_the_screen(page, "a card offering its link")
    card.screenshot(
        path=SCREENSHOTS_DIR / f"photo-actions-card-copy-by-hand-{screen}.png",
        animations="disabled",
    )


def test_share_is_offered_where_the_browser_has_the_web_share_api(
    screen_page, screen, local_stack, owner_with_photos
):
    # Given a visitor on a photo's page, in a browser with the Web Share API
    owner, (pier, _, _) = owner_with_photos
    page = screen_page
    page.add_init_script(RECORD_SHARES_SCRIPT)
    page.goto(f"/p/{pier['id']}")

    # When they press Share…, then the system's share sheet gets the photo's title and address
    page.get_by_role("button", name="Share…").click()
    page.wait_for_function("window.sharedData.length === 1")
    assert page.evaluate("window.sharedData") == [
        {
            "title": f"Photo by {owner.username}: Old pier",
            "url": f"{local_stack.site_url}/p/{pier['id']}",
        }
    ]
    assert_nothing_wider_than_the_screen(page, "the photo page with Share")
    screenshot(page, f"photo-actions-share-{screen}")
