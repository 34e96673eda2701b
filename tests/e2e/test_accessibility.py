"""Accessibility, as axe-core judges it: the feed (both tabs, and an empty Following tab with its
suggestions), a profile (with its Follow button), a list of followers (with theirs), a photo
page and the list of who liked it have no violation of "serious" or "critical" impact, signed
out and signed in, in light and dark colours, with the upload list, the caption editor, the
unfollow and delete dialogs open, "Link copied" shown, and the owner's list of photos that
couldn't be shared; a photo page with a comment and its opened replies; and neither has the
sign-up form while it refuses a username or a weak password (shown, with its rules), nor the
confirmation step once a new code is sent; nor the parts for profiles: the search's results, the
profile editor refusing a bio, and an upload item's alt text; nor "Forgot password?" refusing a
weak new password, nor the account settings with their forms refusing empty fields, on a desktop
and a phone.

axe-core is installed, pinned, by `make test` (see the Makefile); a missing copy skips this test
on a developer's machine and fails it in CI. The assertion message lists every violation found,
whatever its impact, so the lesser ones are seen too.
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    AXE_SCRIPT_PATH,
    Account,
    new_user,
    share_photos_over_http,
    sign_in,
    sign_up_and_confirm,
    submit_sign_up,
)
from tests.support.images import scene_jpeg
from tests.support.skipping import fail_in_ci_else_skip

BLOCKING_IMPACTS = {"serious", "critical"}
RUN_AXE_SCRIPT = """async () => {
  // A colour change (such as light to dark) runs the buttons' short transitions: let them end.
  // allSettled: a transition cut short (its button hidden) rejects `finished`, and is over too.
  await Promise.allSettled(document.getAnimations().map((animation) => animation.finished));
  const results = await axe.run(document);
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    elements: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
  }));
}"""


@pytest.fixture
def axe_script() -> Path:
    if not AXE_SCRIPT_PATH.exists():
        fail_in_ci_else_skip(
            f"the accessibility test needs axe-core at {AXE_SCRIPT_PATH}; `make axe` installs it"
        )
    return AXE_SCRIPT_PATH


def axe_violations(page: Page, axe_script: Path) -> list[dict]:
    """axe's violations on the page as it is now. Hash routes keep the document, so axe is
    added once per page load."""
    if page.evaluate("() => typeof window.axe") == "undefined":
        page.add_script_tag(path=axe_script)
    return page.evaluate(RUN_AXE_SCRIPT)


def blocking_violations(found: dict) -> list[str]:
    return [
        violation["rule"]
        for violations in found.values()
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def test_the_sign_up_form_refusing_a_username_has_no_serious_accessibility_violation(
    new_context, axe_script: Path
):
    # Given the sign-up form, refusing a name with a fullwidth letter in it
    page = new_context(bypass_csp=True).new_page()
    page.goto("/")
    submit_sign_up(page, Account("\uff4barl", "karl@example.com", "Photo-Lover-2026"))
    expect(page.locator("#sign-up-username-error")).to_be_visible()

    # When axe looks at it, in light and dark colours
    found = {"sign-up form, username refused": axe_violations(page, axe_script)}
    page.emulate_media(color_scheme="dark")
    found["sign-up form, username refused, dark"] = axe_violations(page, axe_script)

    # Then none is serious or critical
    report = json.dumps(found, indent=1)
    assert blocking_violations(found) == [], f"axe-core found:\n{report}"


def test_the_password_rules_shown_passwords_and_a_sent_code_have_no_serious_violation(
    new_context, axe_script: Path, account: Account
):
    # Given the sign-up form refusing a weak password, with the password shown and its rules
    # half met
    page = new_context(bypass_csp=True).new_page()
    page.goto("/")
    submit_sign_up(page, Account(account.username, account.email, "photo1"))
    expect(page.locator("#sign-up-password-error")).to_be_visible()
    page.locator("#sign-up-form").get_by_role("button", name="Show password").click()
    found = {"sign-up form, weak password shown": axe_violations(page, axe_script)}
    page.emulate_media(color_scheme="dark")
    found["sign-up form, weak password shown, dark"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="light")

    # And the confirmation step, a new code just sent, its button resting
    page.locator("#sign-up-form").get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("button", name="Send a new code").click()
    expect(page.locator("#confirm-resend-status")).to_be_visible()
    found["confirmation step, code sent"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="dark")
    found["confirmation step, code sent, dark"] = axe_violations(page, axe_script)

    # Then axe finds nothing serious or critical
    report = json.dumps(found, indent=1)
    assert blocking_violations(found) == [], f"axe-core found:\n{report}"


def test_the_feed_a_profile_and_a_photo_page_have_no_serious_accessibility_violation(
    new_context, http_client, axe_script: Path
):
    # Given someone with photos, and a newcomer who has none. The page runs with its CSP lifted,
    # only so that axe can be added as a script (the other browser tests hold the page to its CSP)
    owner = new_user(http_client)
    newcomer = new_user(http_client)
    # A fan of the newcomer, so that the list of the newcomer's followers has a Follow button
    fan = new_user(http_client)
    assert http_client.api("PUT", f"/users/{newcomer.username}/follow", fan.id_token).ok
    (shared,) = share_photos_over_http(
        http_client, owner, [scene_jpeg(3)], captions=["Boats in the bay"]
    )
    # And the fan's like of it, so that the photo's like count opens a list with a Follow button
    assert http_client.api("PUT", f"/photos/{shared['id']}/like", fan.id_token).ok
    # And one whose upload never finished, which the owner's profile lists apart
    interrupted = {"contentType": "image/jpeg", "size": 1000, "caption": "Half way"}
    assert http_client.api("POST", "/photos", owner.id_token, json=interrupted).ok
    page = new_context(bypass_csp=True).new_page()
    found = {}

    # When axe looks at each place, signed out, then signed in with controls open
    page.goto("/")
    expect(page.locator(".photo-card").first).to_be_visible()
    found["feed, signed out"] = axe_violations(page, axe_script)

    sign_in(page, owner.username)
    page.get_by_label("Choose photos").set_input_files(
        [{"name": "harbour.jpg", "mimeType": "image/jpeg", "buffer": scene_jpeg(4)}]
    )
    expect(page.locator(".upload-item")).to_have_count(1)
    expect(page.get_by_role("tab", name="Following")).to_have_attribute("aria-selected", "true")
    found["feed, Following tab, with a photo to share"] = axe_violations(page, axe_script)

    page.get_by_role("tab", name="Everyone").click()
    everyone = page.get_by_role("tabpanel", name="Everyone")
    expect(everyone.locator(".photo-card").first).to_be_visible()
    found["feed, Everyone tab"] = axe_violations(page, axe_script)
    page.get_by_role("tab", name="Following").click()

    page.goto(f"/#/u/{newcomer.username}")
    follow = page.get_by_role("button", name=f"Follow {newcomer.username}")
    expect(follow).to_have_attribute("aria-pressed", "false")
    found["someone else's profile, with its Follow button"] = axe_violations(page, axe_script)
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "true")
    found["someone else's profile, followed"] = axe_violations(page, axe_script)
    follow.click()
    expect(page.get_by_role("dialog", name=f"Unfollow @{newcomer.username}?")).to_be_visible()
    found["someone else's profile, unfollow dialog open"] = axe_violations(page, axe_script)
    page.keyboard.press("Escape")

    page.get_by_role("link", name="2 followers").click()
    expect(page.locator("#people-list").get_by_role("link")).to_have_count(2)
    expect(page.get_by_role("button", name=f"Follow {fan.username}")).to_be_visible()
    found["a list of followers, with a Follow button"] = axe_violations(page, axe_script)

    page.locator("#account-name").click()
    expect(page.locator(".photo-grid__item")).to_have_count(1)
    expect(page.locator(".unfinished__item")).to_contain_text("Upload interrupted")
    found["profile, with a photo that couldn't be shared"] = axe_violations(page, axe_script)

    page.locator(".photo-grid__item a").click()
    expect(page.locator(".photo-page__caption")).to_have_text("Boats in the bay")
    found["photo page"] = axe_violations(page, axe_script)

    page.get_by_role("link", name="1 like").click()
    expect(page.get_by_role("button", name=f"Follow {fan.username}")).to_be_visible()
    found["who liked a photo, with a Follow button"] = axe_violations(page, axe_script)
    page.go_back()
    expect(page.locator(".photo-page__caption")).to_have_text("Boats in the bay")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    found["photo page, link copied"] = axe_violations(page, axe_script)

    page.get_by_role("button", name="Edit caption").click()
    found["photo page, editing the caption"] = axe_violations(page, axe_script)

    page.get_by_role("button", name="Delete photo").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    found["photo page, delete dialog open"] = axe_violations(page, axe_script)
    page.keyboard.press("Escape")

    page.emulate_media(color_scheme="dark")
    found["photo page, dark"] = axe_violations(page, axe_script)
    page.get_by_role("link", name="CloudGram home").click()
    expect(page.get_by_role("heading", name="Latest photos")).to_be_focused()
    found["feed, dark"] = axe_violations(page, axe_script)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, newcomer.username)
    following = page.get_by_role("tabpanel", name="Following")
    expect(following.get_by_role("button", name=f"Follow {owner.username}")).to_be_visible()
    found["Following tab, empty, with suggestions, dark"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="light")
    found["Following tab, empty, with suggestions"] = axe_violations(page, axe_script)

    # Then none is serious or critical
    report = json.dumps(found, indent=1)
    print(f"axe-core violations by place:\n{report}")
    assert blocking_violations(found) == [], (
        f"axe-core found serious or critical violations. Everything found:\n{report}"
    )


def test_a_photo_page_with_comments_and_replies_has_no_serious_violation(
    new_context, http_client, axe_script: Path
):
    # Given a photo with a comment and a reply, seen by its owner with the replies open
    owner = new_user(http_client)
    (photo,) = share_photos_over_http(http_client, owner, [scene_jpeg(7)], captions=["Cliffs"])
    path = f"/photos/{photo['id']}/comments"
    said = http_client.api("POST", path, owner.id_token, json={"text": "Windy day"}).json()
    reply = {"text": "Very", "replyTo": said["id"]}
    assert http_client.api("POST", path, owner.id_token, json=reply).status_code == 201
    page = new_context(bypass_csp=True).new_page()
    sign_in(page, owner.username)
    page.goto(f"/p/{photo['id']}")
    page.get_by_role("button", name="View replies (1)").click()
    expect(page.locator(".comments__list--replies .comment")).to_have_count(1)

    # When axe looks at it, in light and dark colours
    found = {"photo page with comments": axe_violations(page, axe_script)}
    page.emulate_media(color_scheme="dark")
    found["photo page with comments, dark"] = axe_violations(page, axe_script)

    # Then none is serious or critical
    report = json.dumps(found, indent=1)
    assert blocking_violations(found) == [], f"axe-core found:\n{report}"


def test_search_results_the_profile_editor_and_alt_text_have_no_serious_violation(
    new_context, http_client, axe_script: Path, tmp_path: Path
):
    # Given someone with a display name, and another person signed in on the page
    found_person = new_user(http_client)
    named = {"displayName": "Ána Lima", "bio": "Harbours"}
    assert http_client.api("PATCH", "/me/profile", found_person.id_token, json=named).ok
    searcher = new_user(http_client)
    page = new_context(bypass_csp=True).new_page()
    sign_in(page, searcher.username)
    found = {}

    # When axe looks at the search's results, one chosen with the arrow keys
    field = page.get_by_role("combobox", name="Search people")
    field.click()
    field.fill(found_person.username)
    expect(page.get_by_role("button", name=f"Follow {found_person.username}")).to_be_visible()
    field.press("ArrowDown")
    found["search results, one chosen"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="dark")
    found["search results, one chosen, dark"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="light")
    field.press("Escape")

    # And at an upload item with its alt text open
    photo = tmp_path / "bay.jpg"
    photo.write_bytes(scene_jpeg(4))
    page.get_by_label("Choose photos").set_input_files(photo)
    page.locator(".upload-item").get_by_text("Add alt text").click()
    found["upload item, alt text open"] = axe_violations(page, axe_script)

    # And at the profile editor refusing a bio
    page.goto(f"/#/u/{searcher.username}")
    page.get_by_role("button", name="Edit profile").click()
    bio = page.get_by_label("Bio")
    bio.evaluate("box => box.removeAttribute('maxlength')")
    bio.fill("x" * 151)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[id$='-bio-error']")).to_be_visible()
    found["profile editor, bio refused"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="dark")
    found["profile editor, bio refused, dark"] = axe_violations(page, axe_script)

    # Then none is serious or critical
    report = json.dumps(found, indent=1)
    print(f"axe-core violations by place:\n{report}")
    assert blocking_violations(found) == [], f"axe-core found:\n{report}"


def test_forgot_password_and_the_account_settings_have_no_serious_violation(
    new_context, axe_script: Path, account: Account
):
    # Given "Forgot password?" at its second step, refusing a weak new password
    page = new_context(bypass_csp=True).new_page()
    page.goto("/")
    page.get_by_role("button", name="Forgot password?").click()
    page.locator("#forgot-form").get_by_label("Username").fill(account.username)
    page.get_by_role("button", name="Send me a code").click()
    reset = page.locator("#reset-form")
    reset.get_by_label("Code from the e-mail").fill("123456")
    reset.get_by_label("New password").fill("short")
    reset.get_by_role("button", name="Set password and sign in").click()
    expect(page.locator("#reset-password-error")).to_be_visible()
    found = {"forgot password, weak password": axe_violations(page, axe_script)}
    page.emulate_media(color_scheme="dark")
    found["forgot password, weak password, dark"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="light")

    # And the account settings, their password and deletion forms sent empty
    page.get_by_role("button", name="Back to sign in").click()
    sign_up_and_confirm(page, account)
    page.get_by_role("link", name="Account settings").click()
    page.get_by_role("button", name="Change password").click()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#change-password-current-error")).to_be_visible()
    expect(page.locator("#delete-account-confirmation-error")).to_be_visible()
    for width, height, size in [(1280, 900, "desktop"), (390, 844, "phone")]:
        page.set_viewport_size({"width": width, "height": height})
        for colours in ["light", "dark"]:
            page.emulate_media(color_scheme=colours)
            found[f"account settings, {size}, {colours}"] = axe_violations(page, axe_script)

    # Then axe finds nothing serious or critical
    report = json.dumps(found, indent=1)
    assert blocking_violations(found) == [], f"axe-core found:\n{report}"
