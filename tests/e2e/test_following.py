"""Following people in a real browser: the Follow button on a profile, the Following and Everyone
tabs of the feed, the lists of followers, and the suggestions of an empty Following tab.

The people and their photos are set up over HTTP, the way the page itself calls the API, when the
page is not what is tested. Home feeds are written in the background after a photo or a follow
(the fan-out), so a test that needs one written waits for it over HTTP before it reloads the page.
The local stack treats accounts with more than three followers as celebrities, whose photos are
merged into home feeds when they are read.
"""

import re
import time
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.support.browser import (
    PHONE_VIEWPORT,
    assert_nothing_wider_than_the_screen,
    new_user,
    requests_to,
    screenshot,
    share_photos_over_http,
    sign_in,
)
from tests.support.browser_like_client import BrowserLikeClient, SignedInUser
from tests.support.images import scene_jpeg

HOME_FEED_TIMEOUT_SECONDS = 10
# The page looks for a new follow's photos twice in the seconds after it
# (frontend/js/views/feed-view.js).
ARRIVAL_TIMEOUT_MS = 10_000
FANOUT_MAX_FOLLOWERS = 3  # tests/support/local_stack.py:TEST_SETTINGS, the test stack's setting
SERVER_ERROR_MESSAGE = "Something went wrong on our side (HTTP 500). Try again in a moment."
NETWORK_ERROR_MESSAGE = "CloudGram could not be reached. Check your connection and try again."


def wait_for_home_feed(
    client: BrowserLikeClient, reader: SignedInUser, condition: Callable[[list[str]], bool]
) -> None:
    """Waits until the ids on the first page of `reader`'s home feed meet `condition`."""
    deadline = time.monotonic() + HOME_FEED_TIMEOUT_SECONDS
    while True:
        response = client.api("GET", "/feed/home?limit=20", reader.id_token)
        assert response.status_code == 200, response.text
        photo_ids = [photo["id"] for photo in response.json()["items"]]
        if condition(photo_ids):
            return
        assert time.monotonic() < deadline, f"the home feed did not change in time: {photo_ids}"
        time.sleep(0.1)


def follow_over_http(client: BrowserLikeClient, follower: SignedInUser, followee: SignedInUser):
    response = client.api("PUT", f"/users/{followee.username}/follow", follower.id_token)
    assert response.status_code == 200, response.text


def card_in(panel, photo: dict):
    return panel.locator(f'.photo-card[data-photo-id="{photo["id"]}"]')


def follow_button(page: Page, username: str):
    return page.get_by_role("button", name=f"Follow {username}")


def test_a_followed_persons_photos_come_and_go_in_the_following_tab_and_a_celebritys_join_it(
    page: Page, http_client
):
    # Given A, signed in, on the profile of B, who has shared nothing yet
    a, b = new_user(http_client), new_user(http_client)
    sign_in(page, a.username)
    following = page.get_by_role("tabpanel", name="Following")
    expect(page.get_by_role("tab", name="Following")).to_have_attribute("aria-selected", "true")
    page.goto(f"/#/u/{b.username}")
    follow_b = follow_button(page, b.username)
    expect(follow_b).to_have_attribute("aria-pressed", "false")

    # When A presses Follow, then the button is pressed and B counts a follower
    follow_b.click()
    expect(follow_b).to_have_attribute("aria-pressed", "true")
    expect(follow_b.locator(".follow__label")).to_have_text("Following")
    expect(page.locator("#profile-followers-link")).to_have_text("1 follower")

    # When B shares a photo and the fan-out has put it into A's home feed
    (photo,) = share_photos_over_http(http_client, b, [scene_jpeg(21)], captions=["From B"])
    wait_for_home_feed(http_client, a, lambda photo_ids: photo["id"] in photo_ids)
    page.get_by_role("link", name="CloudGram home").click()
    page.reload()

    # Then it is in A's Following tab
    b_card = card_in(following, photo)
    expect(b_card).to_be_visible()

    # When A unfollows B from B's profile, opened from the card (and confirms, as asked)
    b_card.get_by_role("link", name=b.username, exact=True).click()
    expect(follow_b).to_have_attribute("aria-pressed", "true")
    follow_b.click()
    page.get_by_role("dialog", name=f"Unfollow @{b.username}?").get_by_role(
        "button", name="Unfollow"
    ).click()
    expect(follow_b).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#profile-followers-link")).to_have_text("0 followers")

    # Then B's photo has left A's Following tab at once, and is still gone after a reload
    page.go_back()
    expect(page.get_by_role("tab", name="Following")).to_have_attribute("aria-selected", "true")
    expect(b_card).to_have_count(0)
    wait_for_home_feed(http_client, a, lambda photo_ids: photo["id"] not in photo_ids)
    page.reload()
    expect(following.get_by_role("heading", name="Your Following feed is empty")).to_be_visible()
    expect(b_card).to_have_count(0)

    # Given C, a celebrity: A and three others follow C, more than the fan-out writes to
    c = new_user(http_client)
    for follower in [a, *(new_user(http_client) for _ in range(FANOUT_MAX_FOLLOWERS))]:
        follow_over_http(http_client, follower, c)
    assert http_client.api("GET", f"/users/{c.username}").json()["followerCount"] == 4

    # When C shares a photo (merged into A's home feed when it is read)
    (celebrity_photo,) = share_photos_over_http(http_client, c, [scene_jpeg(22)])
    wait_for_home_feed(http_client, a, lambda photo_ids: celebrity_photo["id"] in photo_ids)
    page.reload()

    # Then A sees it in the Following tab too
    expect(card_in(following, celebrity_photo)).to_be_visible()


def test_the_chosen_tab_survives_a_reload_and_signed_out_visitors_see_everyone(
    page: Page, http_client
):
    # Given someone who has shared a photo, and a reader who follows nobody, signed in
    poster = new_user(http_client)
    (photo,) = share_photos_over_http(http_client, poster, [scene_jpeg(23)])
    sign_in(page, new_user(http_client).username)
    following_tab = page.get_by_role("tab", name="Following")
    everyone_tab = page.get_by_role("tab", name="Everyone")
    everyone = page.get_by_role("tabpanel", name="Everyone")

    # Then Following is chosen at first, and is the only tab in the Tab order
    expect(following_tab).to_have_attribute("aria-selected", "true")
    expect(everyone_tab).to_have_attribute("aria-selected", "false")
    expect(everyone_tab).to_have_attribute("tabindex", "-1")

    # (the empty Following tab has looked for people to follow: the poster)
    expect(follow_button(page, poster.username)).to_be_visible()
    feed_requests = requests_to(page, "/api/feed")

    # When they move to Everyone with the arrow key, then it is chosen and shows the photo
    following_tab.focus()
    page.keyboard.press("ArrowRight")
    expect(everyone_tab).to_be_focused()
    expect(everyone_tab).to_have_attribute("aria-selected", "true")
    expect(following_tab).to_have_attribute("aria-selected", "false")
    expect(card_in(everyone, photo)).to_be_visible()
    expect(page.get_by_role("tabpanel", name="Following")).to_have_count(0)

    # When they go back and forth, then each tab keeps what it has: nothing is loaded again
    page.keyboard.press("ArrowLeft")
    expect(following_tab).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", name="Your Following feed is empty")).to_be_visible()
    page.keyboard.press("End")
    expect(card_in(everyone, photo)).to_be_visible()
    assert [request.url for request in feed_requests if "/api/feed/home" in request.url] == []
    assert len(feed_requests) == 1, [request.url for request in feed_requests]

    # When the page reloads, then Everyone is still chosen
    page.reload()
    expect(everyone_tab).to_have_attribute("aria-selected", "true")
    expect(card_in(everyone, photo)).to_be_visible()

    # When they sign out, then the feed has no tabs and shows everyone's photos, reload or not
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("tablist")).to_have_count(0)
    expect(card_in(page.locator("#everyone-panel"), photo)).to_be_visible()
    page.reload()
    expect(page.get_by_role("tablist")).to_have_count(0)
    expect(card_in(page.locator("#everyone-panel"), photo)).to_be_visible()


def test_a_follow_the_api_refuses_is_rolled_back_with_the_reason(page: Page, http_client):
    # Given someone signed in on another person's profile, whose follow requests are held back
    person = new_user(http_client)
    sign_in(page, new_user(http_client).username)
    page.goto(f"/#/u/{person.username}")
    follow = follow_button(page, person.username)
    followers = page.locator("#profile-followers-link")
    expect(followers).to_have_text("0 followers")
    held_requests = []
    page.route("**/api/users/*/follow", lambda route: held_requests.append(route))

    # When they press Follow, then it shows as followed at once, before the API has answered
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "true")
    expect(followers).to_have_text("1 follower")
    while not held_requests:
        page.wait_for_timeout(20)

    # When the API fails, then the follow is rolled back and the reason shown
    held_requests[0].fulfill(status=500, body="")
    expect(follow).to_have_attribute("aria-pressed", "false")
    expect(followers).to_have_text("0 followers")
    alert = page.get_by_role("main").get_by_role("alert")
    expect(alert).to_have_text(f"You are not following {person.username}: {SERVER_ERROR_MESSAGE}")

    # When the network fails on the next try, then that is rolled back and said too
    page.unroute("**/api/users/*/follow")
    page.route("**/api/users/*/follow", lambda route: route.abort())
    follow.click()
    expect(alert).to_have_text(f"You are not following {person.username}: {NETWORK_ERROR_MESSAGE}")
    expect(follow).to_have_attribute("aria-pressed", "false")
    expect(followers).to_have_text("0 followers")
    assert http_client.api("GET", f"/users/{person.username}").json()["followerCount"] == 0


def test_signed_out_people_pressing_follow_are_asked_to_sign_in(page: Page, http_client):
    # Given a visitor who is not signed in, on someone's profile
    person = new_user(http_client)
    page.goto(f"/#/u/{person.username}")
    follow_requests = requests_to(page, "/follow")

    # When they press Follow, then nothing is sent, and they are asked to sign in
    follow = follow_button(page, person.username)
    follow.click()
    alert = page.get_by_role("main").get_by_role("alert")
    expect(alert).to_have_text("Following people needs an account. Sign in")
    expect(follow).to_have_attribute("aria-pressed", "false")
    assert follow_requests == []

    # When they follow the prompt, then they land in the sign-in form
    alert.get_by_role("button", name="Sign in").click()
    expect(page.locator("#sign-in-form").get_by_label("Username")).to_be_focused()


def test_the_lists_of_followers_and_followed_people_name_them_and_lead_to_their_profiles(
    page: Page, http_client
):
    # Given A, who follows B, signed in on B's profile
    a, b = new_user(http_client), new_user(http_client)
    follow_over_http(http_client, a, b)
    sign_in(page, a.username)
    page.goto(f"/#/u/{b.username}")
    people = page.locator("#people-list").get_by_role("link")
    names = page.locator("#people-list .people-list__name")

    # When A opens B's followers from the count, then the list names A, with a link
    page.get_by_role("link", name="1 follower").click()
    expect(page).to_have_url(re.compile(f"#/u/{b.username}/followers$"))
    expect(page.get_by_role("heading", level=1, name=f"Followers of {b.username}")).to_be_focused()
    expect(page).to_have_title(f"Followers of {b.username} · CloudGram")
    expect(names).to_have_text([a.username])
    expect(people.first).to_have_attribute("href", f"#/u/{a.username}")

    # When A follows it, then their own profile counts one followed, with no Follow button
    people.first.click()
    expect(page.get_by_role("heading", level=1, name=a.username)).to_be_visible()
    expect(page.locator("#profile-following-link")).to_have_text("1 following")
    expect(page.locator("#profile-photo-count")).to_have_text("0 photos")
    expect(page.get_by_role("button", name=re.compile("^Follow"))).to_have_count(0)

    # When A opens whom they follow, then B is listed
    page.get_by_role("link", name="1 following").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"People {a.username} follows")
    expect(names).to_have_text([b.username])

    # And B follows nobody, which B's list says in words
    page.goto(f"/#/u/{b.username}/following")
    expect(page.get_by_role("main")).to_contain_text(f"{b.username} does not follow anyone yet.")
    expect(people).to_have_count(0)


def test_people_in_a_list_can_be_followed_from_it_and_their_profile_agrees(page: Page, http_client):
    # Given A and C, who both follow B, and A signed in on B's list of followers
    a, b, c = new_user(http_client), new_user(http_client), new_user(http_client)
    follow_over_http(http_client, a, b)
    follow_over_http(http_client, c, b)
    sign_in(page, a.username)
    page.goto(f"/#/u/{b.username}/followers")
    rows = page.locator("#people-list .people-list__item")
    expect(rows).to_have_count(2)

    # Then C has a Follow button, not yet pressed, and A, who cannot follow themselves, none
    follow_c = follow_button(page, c.username)
    expect(follow_c).to_have_attribute("aria-pressed", "false")
    expect(follow_button(page, a.username)).to_have_count(0)
    screenshot(page, "people-desktop")

    # When A follows C from the list
    follow_c.click()

    # Then the button says so, and C's profile, opened from the list, agrees
    expect(follow_c).to_have_attribute("aria-pressed", "true")
    expect(follow_c).to_contain_text("Following")
    page.locator("#people-list .people-list__link", has_text=c.username).click()
    expect(page.get_by_role("heading", level=1, name=c.username)).to_be_visible()
    expect(follow_button(page, c.username)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#profile-followers-link")).to_have_text("1 follower")

    # And back on the list, which the API reads afresh, and on a phone's screen, too
    page.go_back()
    expect(follow_button(page, c.username)).to_have_attribute("aria-pressed", "true")
    page.set_viewport_size(PHONE_VIEWPORT)
    expect(follow_c).to_be_in_viewport()
    assert_nothing_wider_than_the_screen(page, "a list of followers")
    screenshot(page, "people-phone")


def test_an_empty_following_tab_suggests_a_recent_poster_whose_photos_arrive_once_followed(
    page: Page, http_client
):
    # Given someone who has just shared a photo, and a newcomer who follows nobody, signed in
    poster = new_user(http_client)
    (photo,) = share_photos_over_http(http_client, poster, [scene_jpeg(24)], captions=["Hello"])
    people_requests = requests_to(page, "/api/users")
    sign_in(page, new_user(http_client).username)
    following = page.get_by_role("tabpanel", name="Following")

    # Then the Following tab says it is empty and suggests the poster, with a link to them and
    # the reason, found in one request
    expect(following.get_by_role("heading", name="Your Following feed is empty")).to_be_visible()
    suggestion = following.get_by_role("listitem").filter(has_text=poster.username)
    expect(suggestion.get_by_role("link")).to_have_attribute("href", f"#/u/{poster.username}")
    expect(suggestion).to_contain_text(re.compile("Recently shared|New on CloudGram"))
    assert [request.url.split("/api")[1] for request in people_requests] == ["/users/suggestions"]

    # When the newcomer presses the poster's Follow button
    follow = suggestion.get_by_role("button", name=f"Follow {poster.username}")
    follow.click()

    # Then the poster's photo arrives in the tab a moment later, without a reload
    expect(follow).to_have_attribute("aria-pressed", "true")
    expect(card_in(following, photo)).to_be_visible(timeout=ARRIVAL_TIMEOUT_MS)
    expect(card_in(following, photo)).to_contain_text("Hello")
    expect(following.get_by_role("heading", name="More people to follow")).to_be_visible()
