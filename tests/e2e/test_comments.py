"""Comments on a photo's page in a real browser, on a phone and a desktop: someone comments on
another person's photo with Enter (Shift+Enter starting a new line), the owner answers, "View
replies (N)" opens the answers (and reads "Hide replies" while they are open), and the owner
deletes a comment on their photo, once asked whether to; a feed card shows the count and links
to the page.

The people and the photo are set up over HTTP, the way the page calls the API; what is tested
goes through the page.
"""

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

SIZES = pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])


def size_of(viewport) -> str:
    return "phone" if viewport == PHONE_VIEWPORT else "desktop"


@SIZES
def test_a_comment_a_reply_and_the_owner_deleting_a_comment(new_context, http_client, viewport):
    # Given Alice's photo, and Bob signed in on its page
    alice, bob = new_user(http_client), new_user(http_client)
    (photo,) = share_photos_over_http(http_client, alice, [scene_jpeg(5)], captions=["Dunes"])
    bob_page = new_context().new_page()
    bob_page.set_viewport_size(viewport)
    sign_in(bob_page, bob.username)
    bob_page.goto(f"/p/{photo['id']}")
    expect(bob_page.get_by_text("No comments yet.")).to_be_visible()

    # When Bob writes two lines (Shift+Enter) and sends them with Enter
    box = bob_page.get_by_label("Add a comment")
    box.fill("Where is this?")
    box.press("Shift+Enter")
    box.type("<b>So quiet</b>")
    box.press("Enter")

    # Then his comment shows, as text, and the box is empty again
    comment = bob_page.locator(".comment").first
    expect(comment.locator(".comment__text")).to_have_text("Where is this?\n<b>So quiet</b>")
    expect(box).to_have_value("")
    expect(comment.get_by_role("button", name=f"Delete {bob.username}'s comment")).to_be_visible()

    # When Alice opens her photo and answers him
    page = new_context().new_page()
    page.set_viewport_size(viewport)
    sign_in(page, alice.username)
    page.get_by_role("tab", name="Everyone").click()
    card = page.locator(f'.photo-card[data-photo-id="{photo["id"]}"]')
    card.get_by_role("link", name="View 1 comment").click()
    page.get_by_role("button", name=f"Reply to {bob.username}").click()
    answer_box = page.get_by_role("textbox", name=f"Your reply to {bob.username}")
    expect(answer_box).to_be_focused()
    answer_box.fill("The Namib, at dawn")
    answer_box.press("Enter")

    # Then her answer shows under his comment, and Bob sees "View replies (1)" once he reloads
    expect(page.locator(".comments__list--replies .comment__text")).to_have_text(
        "The Namib, at dawn"
    )
    bob_page.reload()
    view_replies = bob_page.get_by_role("button", name="View replies (1)")
    view_replies.click()
    hide_replies = bob_page.get_by_role("button", name="Hide replies")
    expect(hide_replies).to_have_attribute("aria-expanded", "true")
    expect(bob_page.locator(".comments__list--replies .comment__text")).to_have_text(
        "The Namib, at dawn"
    )
    assert_nothing_wider_than_the_screen(bob_page, "a photo page with comments")
    screenshot(bob_page, f"comments-{size_of(viewport)}", full_page=True)

    # When Alice, who owns the photo, deletes Bob's comment, and is asked first
    page.get_by_role("button", name=f"Delete {bob.username}'s comment").click()
    dialog = page.get_by_role("dialog", name="Delete this comment?")
    expect(dialog).to_be_visible()

    # Then cancelling keeps it
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".comment")).to_have_count(2)

    # And confirming deletes it, with its reply, and the photo counts none
    page.get_by_role("button", name=f"Delete {bob.username}'s comment").click()
    dialog.get_by_role("button", name="Delete").click()
    expect(page.locator(".comment")).to_have_count(0)
    expect(page.get_by_text("Comment deleted")).to_be_visible()
    assert http_client.api("GET", f"/photos/{photo['id']}").json()["commentCount"] == 0


def test_signed_out_people_read_comments_and_are_asked_to_sign_in_to_write(page: Page, http_client):
    # Given a photo with a comment
    alice = new_user(http_client)
    (photo,) = share_photos_over_http(http_client, alice, [scene_jpeg(6)], captions=["Rain"])
    said = http_client.api(
        "POST", f"/photos/{photo['id']}/comments", alice.id_token, json={"text": "First!"}
    )
    assert said.status_code == 201

    # When someone signed out opens its page
    page.goto(f"/p/{photo['id']}")

    # Then they read the comment, and in place of the box a Sign in prompt, with no Delete
    expect(page.locator(".comment__text")).to_have_text("First!")
    expect(page.get_by_text("Commenting needs an account.")).to_be_visible()
    expect(page.get_by_label("Add a comment")).to_have_count(0)
    expect(page.get_by_role("button", name="Delete", exact=False)).to_have_count(0)
