"""An account's whole life in a real browser, against the local stack: "Forgot password?" from the
sign-in form to being signed in with the new password (an unknown username getting the same
answer); the account settings at #/settings on a phone and a desktop: changing the password,
signing out everywhere (another browser signed in as the same person cannot renew its session
afterwards), downloading one's data and deleting the account.

The last two run against the local stack's real exports and erasure: the zip is downloaded and
opened, and the deleted account is checked from another person's side.
"""

import io
import time
import uuid
import zipfile

import boto3
import pytest
from botocore.exceptions import ClientError
from playwright.sync_api import Page, expect

from tests.support.browser import (
    Account,
    assert_nothing_wider_than_the_screen,
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
)
from tests.support.browser_like_client import PASSWORD as HTTP_CLIENT_PASSWORD
from tests.support.browser_like_client import BrowserLikeClient, SignedInUser
from tests.support.fake_aws import CREDENTIALS, REGION
from tests.support.images import scene_jpeg

NEW_PASSWORD = "Brand-New-Lens-2027"
LOCAL_CODE_NOTE = "You are running CloudGram locally: no e-mail is sent, and any code works."
# The phone the settings are looked at on, besides the desktop.
PHONE = {"width": 390, "height": 844}
SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue."


def cognito_client(local_stack):
    return boto3.client(
        "cognito-idp", endpoint_url=local_stack.aws_endpoint_url, region_name=REGION, **CREDENTIALS
    )


def password_sign_in(local_stack, username: str, password: str) -> dict:
    """Signs in with boto3, as another device would; raises ClientError when refused."""
    return cognito_client(local_stack).initiate_auth(
        ClientId=local_stack.config["cognito"]["clientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )["AuthenticationResult"]


def assert_sign_in_refused(local_stack, username: str, password: str) -> None:
    with pytest.raises(ClientError) as refused:
        password_sign_in(local_stack, username, password)
    assert refused.value.response["Error"]["Code"] == "NotAuthorizedException"


def cognito_answer(operation: str):
    """A predicate for page.expect_response: the page's call of a Cognito operation."""
    return lambda response: (response.request.headers.get("x-amz-target") or "").endswith(
        f".{operation}"
    )


def open_settings(page: Page) -> None:
    page.get_by_role("link", name="Account settings").click()
    expect(page.get_by_role("heading", name="Account settings", level=1)).to_be_visible()


def test_forgot_password_takes_anyone_to_the_same_code_step_then_signs_in_with_the_new_one(
    page: Page, http_client: BrowserLikeClient, local_stack
):
    # Given someone with an account who has forgotten its password
    person = http_client.sign_up_and_in(f"e2e-{uuid.uuid4().hex[:10]}")
    page.goto("/")
    page.get_by_role("button", name="Forgot password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    forgot_form = page.locator("#forgot-form")
    reset_form = page.locator("#reset-form")

    # When they first type a name nobody has
    forgot_form.get_by_label("Username").fill(f"nobody-{uuid.uuid4().hex[:8]}")
    with page.expect_response(cognito_answer("ForgotPassword")) as unknown_answer:
        forgot_form.get_by_role("button", name="Send me a code").click()

    # Then the page answers as for a real account: the code step, which says that locally no
    # e-mail is sent and any code works
    assert unknown_answer.value.status == 200
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    expect(page.locator("#reset-explanation")).to_have_text(LOCAL_CODE_NOTE)
    expect(reset_form.get_by_label("Code from the e-mail")).to_be_focused()

    # When they go back, and ask with their own username
    reset_form.get_by_role("button", name="Send another").click()
    forgot_form.get_by_label("Username").fill(person.username)
    with page.expect_response(cognito_answer("ForgotPassword")) as known_answer:
        forgot_form.get_by_role("button", name="Send me a code").click()
    assert known_answer.value.status == 200
    assert known_answer.value.json().keys() == unknown_answer.value.json().keys()

    # And they send a code with a new password that breaks a rule, then one that keeps them all
    reset_form.get_by_label("Code from the e-mail").fill("123456")
    new_password = reset_form.get_by_label("New password")
    new_password.fill("short")
    reset_form.get_by_role("button", name="Set password and sign in").click()
    expect(page.locator("#reset-password-error")).to_contain_text("10 characters")
    screenshot(page, "forgot-password-new-one-desktop")
    new_password.fill(NEW_PASSWORD)
    with page.expect_response(cognito_answer("ConfirmForgotPassword")) as confirmed:
        reset_form.get_by_role("button", name="Set password and sign in").click()

    # Then the password is set and they are signed in with it, ready to share
    assert confirmed.value.status == 200
    expect(page.locator("#account-name")).to_have_text(person.username)
    expect(page.get_by_role("heading", name="Share photos")).to_be_visible()

    # And the new password is the one that signs in now, not the old one
    assert password_sign_in(local_stack, person.username, NEW_PASSWORD)["IdToken"]
    assert_sign_in_refused(local_stack, person.username, HTTP_CLIENT_PASSWORD)


def test_the_settings_change_the_password_after_refusing_a_wrong_current_one(
    signed_in_page: Page, account: Account, local_stack
):
    # Given a signed-in person on their account settings, on a desktop
    page = signed_in_page
    open_settings(page)
    for section in ["Change password", "Sign out everywhere", "Download your data"]:
        expect(page.get_by_role("heading", name=section)).to_be_visible()
    expect(page.get_by_role("heading", name="Delete your account")).to_be_visible()
    screenshot(page, "settings-desktop", full_page=True)
    form = page.locator("#change-password-form")

    # When they change their password but mistype the current one
    form.get_by_label("Current password").fill("Not-My-Password-1")
    form.get_by_label("New password").fill(NEW_PASSWORD)
    with page.expect_response(cognito_answer("ChangePassword")) as refused:
        form.get_by_role("button", name="Change password").click()

    # Then the page says so next to the current password, which gets the focus
    assert refused.value.status == 400
    current = form.get_by_label("Current password")
    expect(page.locator("#change-password-current-error")).to_have_text(
        "The current password is not right."
    )
    expect(current).to_be_focused()

    # When they type it right
    current.fill(account.password)
    with page.expect_response(cognito_answer("ChangePassword")) as changed:
        form.get_by_role("button", name="Change password").click()

    # Then the password is changed, the form emptied, and the page says so
    assert changed.value.status == 200
    expect(page.locator("#change-password-message")).to_contain_text("Your password is changed")
    expect(form.get_by_label("Current password")).to_have_value("")

    # And on a phone the settings fit the screen
    page.set_viewport_size(PHONE)
    assert_nothing_wider_than_the_screen(page, "the account settings on a phone")
    screenshot(page, "settings-phone", full_page=True)

    # And once signed out, the new password signs them in, and the old one no longer does
    page.get_by_role("button", name="Sign out", exact=True).click()
    sign_in(page, account.username, NEW_PASSWORD)
    assert_sign_in_refused(local_stack, account.username, account.password)


def test_signing_out_everywhere_ends_the_session_in_another_browser_too(
    new_context, http_client: BrowserLikeClient, local_stack
):
    # Given a person signed in in two browsers; the second one's clock is the test's
    person = http_client.sign_up_and_in(f"e2e-{uuid.uuid4().hex[:10]}")
    here = new_context().new_page()
    sign_in(here, person.username)
    elsewhere = new_context().new_page()
    elsewhere.clock.install()
    sign_in(elsewhere, person.username)

    # When they sign out everywhere from the first one's settings
    open_settings(here)
    with here.expect_response(cognito_answer("GlobalSignOut")) as signed_out:
        here.get_by_role("button", name="Sign out everywhere").click()

    # Then this browser is signed out, on the sign-in form, which says what happened
    assert signed_out.value.status == 200
    expect(here.locator("#auth-message")).to_contain_text("You have signed out everywhere")
    expect(here.get_by_role("heading", name="Sign in to CloudGram")).to_be_visible()
    assert here.evaluate("() => localStorage.getItem('cloudgram.session')") is None

    # And the settings' address, signed out, asks to sign in rather than showing any form
    here.goto("/#/settings")
    expect(here.locator("#settings-sign-in")).to_contain_text(
        "Your account settings need you signed in."
    )
    expect(here.locator("#change-password-form")).to_be_hidden()

    # And the other browser, when its tokens next need renewing, is refused and signed out
    with elsewhere.expect_response(cognito_answer("InitiateAuth")) as renewal:
        elsewhere.clock.fast_forward("15:30")
    assert renewal.value.status == 400
    expect(elsewhere.locator("#auth-message")).to_have_text(SESSION_ENDED_MESSAGE)
    expect(elsewhere.locator("#account")).to_be_hidden()


def test_download_your_data_prepares_a_zip_follows_it_to_its_link_and_says_why_one_is_refused(
    signed_in_page: Page,
):
    # Given a signed-in person on their account settings
    page = signed_in_page
    open_settings(page)
    exports = page.locator("#export-list")

    # When they ask for their data
    with page.expect_response(
        lambda response: (
            response.url.endswith("/api/me/export") and response.request.method == "POST"
        )
    ) as started:
        page.get_by_role("button", name="Prepare my data").click()

    # Then the export is being prepared, and the page says they may leave
    assert started.value.status == 202
    assert started.value.json()["status"] == "PENDING"
    expect(exports).to_contain_text("Preparing")

    # And once it is ready, a link with its size and lifetime downloads a zip with their profile
    link = exports.get_by_role("link", name="Download your data").first
    expect(link).to_be_visible(timeout=30_000)
    expect(exports).to_contain_text("Link valid until")
    expect(exports).to_contain_text("file kept until")
    screenshot(page, "settings-export-ready-desktop")
    with page.expect_download() as downloaded:
        link.click()
    with zipfile.ZipFile(io.BytesIO(downloaded.value.path().read_bytes())) as archive:
        assert "profile.json" in archive.namelist()

    # When they prepare two more, then a fourth the same day is refused in the API's words
    for ready_count in (2, 3):
        with page.expect_response(lambda response: response.url.endswith("/api/me/export")):
            page.get_by_role("button", name="Prepare my data").click()
        expect(exports.get_by_role("link", name="Download your data")).to_have_count(
            ready_count, timeout=30_000
        )
    with page.expect_response(lambda response: response.url.endswith("/api/me/export")) as refused:
        page.get_by_role("button", name="Prepare my data").click()
    assert refused.value.status == 429
    expect(page.locator("#export-error")).to_contain_text(
        "You can ask for 3 exports of your data a day"
    )

    # And once they leave the settings, the page asks nothing more about exports
    asked: list[str] = []
    page.on(
        "request", lambda request: "/api/me/export" in request.url and asked.append(request.url)
    )
    page.get_by_role("link", name="CloudGram home").click()
    page.wait_for_timeout(2_500)
    assert asked == []


def wait_until_gone(http_client: BrowserLikeClient, username: str, timeout=30.0) -> None:
    """The deleted account's profile answers 404 once the erasure has hidden it."""
    deadline = time.monotonic() + timeout
    while http_client.api("GET", f"/users/{username}").status_code != 404:
        assert time.monotonic() < deadline, f"{username}'s profile is still there"
        time.sleep(0.5)


def settle_erasure(http_client: BrowserLikeClient, other: SignedInUser, timeout=60.0) -> dict:
    """The other person's profile once nothing of the deleted account is counted in it."""
    deadline = time.monotonic() + timeout
    while True:
        profile = http_client.api("GET", f"/users/{other.username}", other.id_token).json()
        if profile["followerCount"] == 0 and profile["followingCount"] == 0:
            return profile
        assert time.monotonic() < deadline, f"the erasure left {profile}"
        time.sleep(0.5)


def test_deleting_the_account_after_the_password_removes_it_for_everyone(
    page: Page, http_client: BrowserLikeClient, local_stack
):
    # Given a person with a photo, who liked, commented on and follows another's, and whom the
    # other follows and commented on
    leaving = new_user(http_client)
    other = new_user(http_client)
    [leaving_photo] = share_photos_over_http(http_client, leaving, [scene_jpeg(1)])
    [other_photo] = share_photos_over_http(http_client, other, [scene_jpeg(2)])
    other_photo_path = f"/photos/{other_photo['id']}"
    for method, path, token, body in [
        ("PUT", f"{other_photo_path}/like", leaving.id_token, None),
        ("POST", f"{other_photo_path}/comments", leaving.id_token, {"text": "Lovely light"}),
        ("PUT", f"/users/{other.username}/follow", leaving.id_token, None),
        ("PUT", f"/users/{leaving.username}/follow", other.id_token, None),
        ("POST", f"/photos/{leaving_photo['id']}/comments", other.id_token, {"text": "Nice"}),
    ]:
        answer = http_client.api(method, path, token, json=body)
        assert answer.status_code in (200, 201), answer.text
    sign_in(page, leaving.username)
    open_settings(page)
    form = page.locator("#delete-account-form")

    deletions: list[str] = []
    page.on(
        "request",
        lambda request: (
            request.method == "DELETE"
            and request.url.endswith("/api/me")
            and deletions.append(request.headers["authorization"])
        ),
    )
    confirmation = form.get_by_label("To confirm, type your username")

    # When they type a username that is not theirs, then nothing is sent
    form.get_by_label("Your password").fill(HTTP_CLIENT_PASSWORD)
    confirmation.fill("someone-else")
    form.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#delete-account-confirmation-error")).to_contain_text(leaving.username)
    expect(confirmation).to_be_focused()

    # When they give a wrong password, then Cognito refuses it, nothing is deleted and the page
    # says so
    form.get_by_label("Your password").fill("Not-My-Password-1")
    confirmation.fill(leaving.username)
    form.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#delete-account-password-error")).to_have_text(
        "That password is not right. Nothing was deleted."
    )
    assert deletions == []

    # When they give the right one, with a double click
    form.get_by_label("Your password").fill(HTTP_CLIENT_PASSWORD)
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('cloudgram.session')).idToken")
    with page.expect_response(
        lambda response: response.url.endswith("/api/me") and response.request.method == "DELETE"
    ) as deleted:
        form.get_by_role("button", name="Delete my account").dblclick()

    # Then the page signed in again and sent the fresh token, once; the API takes it, and the
    # page signs out and says the account is being deleted
    assert deleted.value.status == 202
    assert len(deletions) == 1 and deletions[0] != f"Bearer {stored}" and deletions[0] != stored
    expect(page.locator("#auth-message")).to_have_text(
        "Your account is being deleted; this takes a few minutes."
    )
    expect(page.get_by_role("heading", name="Sign in to CloudGram")).to_be_visible()
    screenshot(page, "account-deleted-desktop")

    # And for the other person, the account is gone: its profile, its follows, like and comment
    wait_until_gone(http_client, leaving.username)
    assert settle_erasure(http_client, other)["photoCount"] == 1
    photo = http_client.api("GET", other_photo_path, other.id_token).json()
    assert photo["likeCount"] == 0
    comments = http_client.api("GET", f"{other_photo_path}/comments?limit=20").json()["items"]
    assert [comment["author"]["username"] for comment in comments] == []
    home = http_client.api("GET", "/feed/home?limit=20", other.id_token).json()["items"]
    assert [item["id"] for item in home] == [other_photo["id"]]

    assert page.evaluate("() => localStorage.getItem('cloudgram.session')") is None

    # And the deleted person cannot sign in any more
    assert_sign_in_refused(local_stack, leaving.username, HTTP_CLIENT_PASSWORD)
