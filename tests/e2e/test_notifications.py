"""Notifications in a real browser, on a phone and a desktop: B comments on A's photo, replies to
A's comment, likes the photo and follows A; A, signed in, sees the bell's count, opens the list,
reads who did what, and follows a notification to B's reply, which the photo's page shows
highlighted among the opened replies. Then A deletes B's comment on the photo (asked first), and
the photo's like count lists B. Also: @names in a caption and a comment are links to profiles,
the bell keeps its place at 360 px, an empty inbox says so, a signed-out visitor is asked to sign
in, and axe-core finds no violation on the list.

The people, the photo and what B does are set up over HTTP, the way the page calls the API.
Notifications are written by the table's stream a moment after the action, so the tests wait
for the API to list them before they open the page.
"""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import axe_script, axe_violations, blocking_violations
from tests.support.browser import (
    PHONE_VIEWPORT,
    VIEWPORT,
    assert_nothing_wider_than_the_screen,
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
)
from tests.support.browser_like_client import PASSWORD, BrowserLikeClient, SignedInUser
from tests.support.images import scene_jpeg
from tests.support.waiting import eventually

__all__ = ["axe_script"]  # a fixture, used by name

SIZES = pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])
# What B does to A, one notification each.
KINDS_FROM_B = {"comment", "reply", "like", "follow"}


def size_of(viewport) -> str:
    return "phone" if viewport == PHONE_VIEWPORT else "desktop"


def notifications_of(client: BrowserLikeClient, user: SignedInUser) -> dict:
    answer = client.api("GET", "/notifications?limit=50", user.id_token)
    assert answer.status_code == 200, answer.text
    return answer.json()


def wait_for_notifications(client: BrowserLikeClient, user: SignedInUser, kinds: set) -> dict:
    """The user's notifications, once the stream has written one of each of `kinds`."""
    found = {}

    def arrived() -> bool:
        found.update(notifications_of(client, user))
        return kinds <= {item["kind"] for item in found["items"]}

    assert eventually(arrived), f"the stream wrote only {json.dumps(found)}"
    return found


@pytest.fixture
def talk_about_a_photo(http_client):
    """A's photo, its caption naming B; A's comment on it; and from B a comment, a reply to A's
    comment, a like and a follow, each in A's notifications."""
    a, b = new_user(http_client), new_user(http_client)
    (photo,) = share_photos_over_http(
        http_client, a, [scene_jpeg(8)], captions=[f"Harbour at dusk, with @{b.username}"]
    )
    comments = f"/photos/{photo['id']}/comments"

    def said(user, text, **extra) -> dict:
        answer = http_client.api("POST", comments, user.id_token, json={"text": text, **extra})
        assert answer.status_code == 201, answer.text
        return answer.json()

    a_comment = said(a, "Taken from the lighthouse")
    b_comment = said(b, "Where is this?")
    b_reply = said(b, "Looks cold up there", replyTo=a_comment["id"])
    assert http_client.api("PUT", f"/photos/{photo['id']}/like", b.id_token).ok
    assert http_client.api("PUT", f"/users/{a.username}/follow", b.id_token).ok
    inbox = wait_for_notifications(http_client, a, KINDS_FROM_B)
    return a, b, photo, b_comment, b_reply, inbox


def open_signed_in(new_context, user: SignedInUser, viewport) -> Page:
    page = new_context().new_page()
    page.set_viewport_size(viewport)
    sign_in(page, user.username)
    return page


@SIZES
def test_a_reads_notifications_follows_one_to_a_reply_deletes_a_comment_and_sees_who_liked(
    new_context, http_client, talk_about_a_photo, viewport
):
    a, b, photo, b_comment, b_reply, inbox = talk_about_a_photo
    unread = inbox["unreadCount"]
    assert unread >= len(KINDS_FROM_B)

    # Given A, signed in: the bell shows how many notifications are unread
    page = open_signed_in(new_context, a, viewport)
    bell = page.get_by_role("link", name=f"Notifications, {unread} unread")
    expect(bell).to_be_visible()
    expect(page.locator("#notifications-badge")).to_have_text(str(unread))
    assert_nothing_wider_than_the_screen(page, "the header with the bell")
    screenshot(page, f"notifications-bell-{size_of(viewport)}")

    # When A opens the bell
    bell.click()

    # Then the list says who did what, newest first, each new one marked "New" in words
    expect(page.get_by_role("heading", level=1, name="Notifications")).to_be_focused()
    expect(page.locator("#notifications-bell")).to_have_attribute("aria-current", "page")
    items = page.locator(".notification")
    expect(items).to_have_count(len(inbox["items"]))
    sentences = [
        f"{b.username} started following you",
        f"{b.username} liked your photo",
        f"{b.username} replied to your comment: “Looks cold up there”",
        f"{b.username} commented: “Where is this?”",
    ]
    for sentence in sentences:
        expect(items.filter(has_text=sentence)).to_have_count(1)
    expect(items.first).to_contain_text(sentences[0])
    expect(page.locator(".notification .notification__new")).to_have_count(unread)
    expect(
        items.filter(has_text=sentences[1]).locator("img.notification__thumbnail")
    ).to_be_visible()

    # And the list counts as read: the bell's badge goes, for the page and for the API
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.locator("#notifications-badge")).to_be_hidden()
    assert eventually(lambda: notifications_of(http_client, a)["unreadCount"] == 0)
    assert_nothing_wider_than_the_screen(page, "the notifications")
    screenshot(page, f"notifications-{size_of(viewport)}", full_page=True)

    # And each name leads to its profile, a follow to the follower's
    follow = items.filter(has_text=sentences[0])
    expect(follow.get_by_role("link", name=b.username, exact=True)).to_have_attribute(
        "href", f"#/u/{b.username}"
    )
    expect(follow.get_by_role("link", name="started following you")).to_have_attribute(
        "href", f"#/u/{b.username}"
    )

    # When A follows the reply's notification
    items.filter(has_text=sentences[2]).get_by_role("link", name=re.compile("replied")).click()

    # Then the photo's page opens at the reply, its replies open, the reply highlighted
    expect(page).to_have_url(re.compile(rf"/p/{photo['id']}#comment-{re.escape(b_reply['id'])}$"))
    reply = page.locator(f'.comment[data-comment-id="{b_reply["id"]}"]')
    expect(reply).to_have_class(re.compile("comment--highlighted"))
    expect(reply).to_be_focused()
    expect(reply).to_be_in_viewport()
    expect(page.get_by_role("button", name="Hide replies")).to_have_attribute(
        "aria-expanded", "true"
    )
    screenshot(page, f"notifications-reply-shown-{size_of(viewport)}")
    expect(reply).not_to_have_class(re.compile("comment--highlighted"), timeout=10_000)

    # And the caption's @name is a link to that profile
    caption = page.locator(".photo-page__caption")
    expect(caption.get_by_role("link", name=f"@{b.username}")).to_have_attribute(
        "href", f"#/u/{b.username}"
    )

    # When A deletes B's comment on the photo, and confirms
    b_comment_shown = page.locator(f'.comment[data-comment-id="{b_comment["id"]}"]')
    b_comment_shown.get_by_role("button", name=f"Delete {b.username}'s comment").click()
    dialog = page.get_by_role("dialog", name="Delete this comment?")
    dialog.get_by_role("button", name="Delete").click()

    # Then it is gone, and the API no longer lists it
    expect(b_comment_shown).to_have_count(0)
    listed = http_client.api("GET", f"/photos/{photo['id']}/comments?limit=50").json()["items"]
    assert b_comment["id"] not in [comment["id"] for comment in listed]

    # When A opens who liked the photo, from its like count
    page.get_by_role("link", name="1 like").click()

    # Then B is listed
    expect(page.get_by_role("heading", level=1, name="Liked by")).to_be_focused()
    expect(page.locator("#people-list .people-list__name")).to_have_text([b.username])

    # And back on the list, nothing is new any more
    page.get_by_role("link", name="Notifications", exact=True).click()
    expect(items.first).to_contain_text(sentences[0])
    expect(page.locator(".notification .notification__new")).to_have_count(0)


def test_a_comment_link_from_a_notification_loads_later_pages_of_comments(new_context, http_client):
    # Given A's photo with 25 comments of A's, then B's comment, the 26th: past the first page
    a, b = new_user(http_client), new_user(http_client)
    (photo,) = share_photos_over_http(http_client, a, [scene_jpeg(9)])
    comments = f"/photos/{photo['id']}/comments"
    for number in range(25):
        assert http_client.api("POST", comments, a.id_token, json={"text": f"Note {number}"}).ok
    late = http_client.api("POST", comments, b.id_token, json={"text": f"Late, @{a.username}"})
    assert late.status_code == 201, late.text
    wait_for_notifications(http_client, a, {"comment"})

    # When A follows the comment's notification
    page = open_signed_in(new_context, a, PHONE_VIEWPORT)
    page.get_by_role("link", name=re.compile("^Notifications")).click()
    page.get_by_role("link", name=f"commented: “Late, @{a.username}”").click()

    # Then the page loads comments until B's is there, and highlights it, its @name a link
    shown = page.locator(f'.comment[data-comment-id="{late.json()["id"]}"]')
    expect(shown).to_have_class(re.compile("comment--highlighted"))
    expect(shown).to_be_in_viewport()
    expect(shown.get_by_role("link", name=f"@{a.username}")).to_have_attribute(
        "href", f"#/u/{a.username}"
    )


def test_the_bell_keeps_its_place_at_360_px_whether_or_not_it_counts(new_context, http_client):
    # Given A, with a follower, signed in on the narrowest phone
    a, b = new_user(http_client), new_user(http_client)
    assert http_client.api("PUT", f"/users/{a.username}/follow", b.id_token).ok
    wait_for_notifications(http_client, a, {"follow"})
    page = open_signed_in(new_context, a, PHONE_VIEWPORT)
    badge = page.locator("#notifications-badge")
    expect(badge).to_have_text("1")
    bell = page.locator("#notifications-bell")
    sign_out = page.get_by_role("button", name="Sign out")
    counted = (bell.bounding_box(), sign_out.bounding_box())

    # When the count goes (A reads the list)
    bell.click()
    expect(badge).to_be_hidden()

    # Then the bell and Sign out have not moved, and the header fits the screen
    assert (bell.bounding_box(), sign_out.bounding_box()) == counted
    assert counted[0]["x"] + counted[0]["width"] <= counted[1]["x"]
    assert counted[1]["x"] + counted[1]["width"] <= 360
    assert_nothing_wider_than_the_screen(page, "the header at 360 px")


def test_an_empty_inbox_says_so_and_a_stranger_is_asked_to_sign_in(page: Page, http_client):
    # Given someone signed out, at the notifications' address
    page.goto("/#/notifications")

    # Then the place asks them to sign in, and the header has no bell
    expect(page.get_by_text("Your notifications need you signed in.")).to_be_visible()
    expect(page.locator("#notifications-bell")).to_be_hidden()
    screenshot(page, "notifications-signed-out")

    # When they sign in from there
    newcomer = new_user(http_client)
    page.locator("#notifications-sign-in").get_by_role("button", name="Sign in").click()
    sign_in_form = page.locator("#sign-in-form")
    sign_in_form.get_by_label("Username").fill(newcomer.username)
    sign_in_form.get_by_label("Password").fill(PASSWORD)
    sign_in_form.get_by_role("button", name="Sign in").click()

    # Then they are back on their notifications, which say there is nothing yet
    expect(page).to_have_url(re.compile("#/notifications$"))
    expect(page.get_by_text("Nothing new yet.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    screenshot(page, "notifications-empty")


def test_the_notifications_have_no_serious_accessibility_violation(
    new_context, http_client, talk_about_a_photo, axe_script
):
    # Given A's notifications, some new, open
    a, *_ = talk_about_a_photo
    page = new_context(bypass_csp=True).new_page()
    sign_in(page, a.username)
    page.get_by_role("link", name=re.compile("^Notifications, ")).click()
    expect(page.locator(".notification--unread").first).to_be_visible()

    # When axe looks at them, in light and dark colours, and at the comment delete dialog
    found = {"notifications": axe_violations(page, axe_script)}
    page.emulate_media(color_scheme="dark")
    found["notifications, dark"] = axe_violations(page, axe_script)
    page.locator(".notification__link", has_text="commented").click()
    page.locator(".comment__delete").first.click()
    expect(page.get_by_role("dialog", name="Delete this comment?")).to_be_visible()
    found["photo page, delete comment dialog, dark"] = axe_violations(page, axe_script)

    # Then none is serious or critical
    report = json.dumps(found, indent=1)
    assert blocking_violations(found) == [], f"axe-core found:\n{report}"
