"""Back where they were after signing in, with what they started done, in a real browser on a
phone and a desktop: a like pressed on a photo page before signing in (or signing up) is there
afterwards, once, with the right count; a follow pressed on a profile too. What makes no sense
for the person who signs in (following themselves), or is more than ten minutes old, is dropped.

The people and photos are set up over HTTP, the way the page calls the API, when the page is
not what is tested; the sign-in itself goes through the page's forms.
"""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    PHONE_VIEWPORT,
    VIEWPORT,
    Account,
    new_user,
    requests_to,
    screenshot,
    share_photos_over_http,
    submit_sign_up,
)
from tests.support.browser_like_client import PASSWORD, BrowserLikeClient, SignedInUser
from tests.support.images import scene_jpeg

SIZES = pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])
API_TIMEOUT_SECONDS = 10
# Where the page keeps the place and the action (frontend/js/helpers/after-sign-in.js).
REMEMBERED_KEY = "cloudgram.afterSignIn"


def size_of(viewport) -> str:
    return "phone" if viewport == PHONE_VIEWPORT else "desktop"


def sign_in_here(page: Page, username: str, password: str = PASSWORD) -> None:
    """Signs in through the form on the page as it is (not after going to the feed first)."""
    form = page.locator("#sign-in-form")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign in").click()


def photo_page_address(photo: dict) -> re.Pattern:
    """A photo page's address, as a hash route or as a real path."""
    return re.compile(rf"/(#/)?p/{re.escape(photo['id'])}$")


def wait_for_api(client: BrowserLikeClient, path: str, token: str | None, expected: dict) -> None:
    """Waits until GET `path` answers with `expected` among its fields (the page's request may
    still be on its way when the button already shows the change)."""
    deadline = time.monotonic() + API_TIMEOUT_SECONDS
    while True:
        answer = client.api("GET", path, token).json()
        if all(answer.get(name) == value for name, value in expected.items()):
            return
        assert time.monotonic() < deadline, f"{path} did not become {expected}: {answer}"
        time.sleep(0.1)


@pytest.fixture
def shared_photo(http_client) -> tuple[SignedInUser, dict]:
    owner = new_user(http_client)
    (photo,) = share_photos_over_http(http_client, owner, [scene_jpeg(5)], captions=["Quay"])
    return owner, photo


@SIZES
def test_signing_in_from_a_photo_page_returns_to_it_with_the_like_done_once(
    page: Page, http_client, shared_photo, viewport
):
    # Given a visitor, not signed in, on someone's photo page
    owner, photo = shared_photo
    visitor = new_user(http_client)
    page.set_viewport_size(viewport)
    page.goto(f"/#/p/{photo['id']}")
    likes = requests_to(page, "/like")
    main = page.get_by_role("main")

    # When they press Like, follow the prompt to sign in, and sign in
    main.get_by_role("button", name="Like").click()
    main.get_by_role("alert").get_by_role("button", name="Sign in").click()
    expect(page.locator("#sign-in-form").get_by_label("Username")).to_be_focused()
    sign_in_here(page, visitor.username)

    # Then they are back on the photo page, the photo is liked, its count says so, and the focus
    # is on the like button
    expect(page).to_have_url(photo_page_address(photo))
    expect(page.get_by_role("heading", name=f"Photo by {owner.username}")).to_be_visible()
    like = main.get_by_role("button", name="Like")
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(main.locator(".like__count")).to_have_text("1 like")
    expect(like).to_be_focused()
    screenshot(page, f"after-sign-in-liked-{size_of(viewport)}")
    wait_for_api(
        http_client,
        f"/photos/{photo['id']}",
        visitor.id_token,
        {"likeCount": 1, "likedByMe": True},
    )

    # And it was done once: a reload neither likes it again nor takes the like back
    page.reload()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(main.locator(".like__count")).to_have_text("1 like")
    assert [(r.method, r.url.split("/api")[-1]) for r in likes if r.method != "GET"] == [
        ("PUT", f"/photos/{photo['id']}/like")
    ]
    assert page.evaluate(f"() => sessionStorage.getItem('{REMEMBERED_KEY}')") is None


@SIZES
def test_following_from_a_profile_while_signed_out_follows_once_signed_in(
    page: Page, http_client, viewport
):
    # Given a visitor, not signed in, on someone's profile
    person = new_user(http_client)
    visitor = new_user(http_client)
    page.set_viewport_size(viewport)
    page.goto(f"/#/u/{person.username}")
    follow = page.get_by_role("button", name=f"Follow {person.username}")

    # When they press Follow, then sign in from the header's button instead of the prompt
    follow.click()
    expect(page.get_by_role("main").get_by_role("alert")).to_contain_text("needs an account")
    page.locator("#sign-in-button").click()
    sign_in_here(page, visitor.username)

    # Then they are back on the profile, following the person, with the count and the focus right
    expect(page).to_have_url(re.compile(rf"/(#/)?u/{person.username}$"))
    expect(follow).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#profile-followers-link")).to_have_text("1 follower")
    expect(follow).to_be_focused()
    screenshot(page, f"after-sign-in-following-{size_of(viewport)}")
    wait_for_api(
        http_client,
        f"/users/{person.username}",
        visitor.id_token,
        {"followerCount": 1, "followedByMe": True},
    )


@SIZES
def test_signing_up_from_a_photo_page_returns_to_it_after_confirming_with_the_like_done(
    page: Page, http_client, shared_photo, account: Account, viewport
):
    # Given a newcomer on a photo page who presses Like
    _, photo = shared_photo
    page.set_viewport_size(viewport)
    page.goto(f"/#/p/{photo['id']}")
    main = page.get_by_role("main")
    main.get_by_role("button", name="Like").click()
    main.get_by_role("alert").get_by_role("button", name="Sign in").click()

    # When they create an account, reload the page on the way (the place is not forgotten), and
    # confirm it by signing in
    submit_sign_up(page, account)
    expect(page.get_by_role("heading", name="Confirm your account")).to_be_visible()
    page.reload()
    sign_in_here(page, account.username, account.password)
    page.get_by_label("Confirmation code").fill("123456")
    page.get_by_role("button", name="Confirm and sign in").click()

    # Then they are back on the photo page, with their like on it
    expect(page).to_have_url(photo_page_address(photo))
    like = main.get_by_role("button", name="Like")
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(main.locator(".like__count")).to_have_text("1 like")
    expect(like).to_be_focused()
    wait_for_api(http_client, f"/photos/{photo['id']}", None, {"likeCount": 1})


def test_signing_in_as_the_person_to_follow_returns_to_their_profile_and_follows_no_one(
    page: Page, http_client
):
    # Given someone, not signed in, on their own profile, who presses its Follow button
    person = new_user(http_client)
    page.goto(f"/#/u/{person.username}")
    follows = requests_to(page, "/follow")
    page.get_by_role("button", name=f"Follow {person.username}").click()
    page.locator("#sign-in-button").click()

    # When they sign in as that very person
    sign_in_here(page, person.username)

    # Then they are back on the profile, now their own, and nothing was sent: following yourself
    # makes no sense; the profile's name has the focus
    expect(page).to_have_url(re.compile(rf"/(#/)?u/{person.username}$"))
    name = page.get_by_role("heading", name=person.username, exact=True)
    expect(name).to_be_focused()
    expect(page.get_by_role("button", name=f"Follow {person.username}")).to_have_count(0)
    assert follows == []


def test_a_like_pressed_more_than_ten_minutes_before_signing_in_is_not_done(
    page: Page, http_client, shared_photo
):
    # Given a visitor who pressed Like on a photo page, then left it for more than ten minutes
    _, photo = shared_photo
    visitor = new_user(http_client)
    page.goto(f"/#/p/{photo['id']}")
    likes = requests_to(page, "/like")
    main = page.get_by_role("main")
    main.get_by_role("button", name="Like").click()
    main.get_by_role("alert").get_by_role("button", name="Sign in").click()
    page.evaluate(
        """(key) => {
          const remembered = JSON.parse(sessionStorage.getItem(key));
          remembered.savedAt -= 11 * 60 * 1000;
          sessionStorage.setItem(key, JSON.stringify(remembered));
        }""",
        REMEMBERED_KEY,
    )

    # When they sign in
    sign_in_here(page, visitor.username)

    # Then they stay on the feed, ready to share, and the photo is not liked
    expect(page.get_by_role("heading", name="Share photos")).to_be_visible()
    expect(page).to_have_title("Latest photos · CloudGram")
    page.wait_for_timeout(500)
    assert likes == []
    assert http_client.api("GET", f"/photos/{photo['id']}").json()["likeCount"] == 0


def test_a_like_started_on_a_feed_card_is_done_though_signing_in_opens_another_tab(
    page: Page, http_client, shared_photo
):
    # Given a visitor, not signed in, who presses Like on a card of the feed (Everyone's photos),
    # with the page's clock under the test's control
    _, photo = shared_photo
    visitor = new_user(http_client)
    page.clock.install()
    page.goto("/")
    card = page.locator(f'.photo-card[data-photo-id="{photo["id"]}"]')
    card.get_by_role("button", name="Like").click()
    card.get_by_role("alert").get_by_role("button", name="Sign in").click()

    # When they sign in, which opens their Following tab, where the card is not
    sign_in_here(page, visitor.username)
    expect(page.get_by_role("tab", name="Following")).to_have_attribute("aria-selected", "true")

    # Then a few seconds later the like is done all the same, and Everyone's tab shows it
    page.clock.run_for(11_000)
    wait_for_api(
        http_client,
        f"/photos/{photo['id']}",
        visitor.id_token,
        {"likeCount": 1, "likedByMe": True},
    )
    page.get_by_role("tab", name="Everyone").click()
    expect(card.get_by_role("button", name="Like")).to_have_attribute("aria-pressed", "true")
    expect(card.locator(".like__count")).to_have_text("1 like")
