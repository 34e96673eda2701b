"""Accounts in a real browser: sign up with the confirmation step, stay signed in across a
reload, renew refused tokens, sign out and back in, all through the page and the local Cognito.
"""

from playwright.sync_api import Page, expect

from tests.support.browser import submit_sign_up
from tests.support.browser_like_client import BrowserLikeClient

# Where the page keeps its tokens (frontend/js/services/session.js); the tests tamper with them.
REPLACE_STORED_TOKENS_SCRIPT = """(replacements) => {
  const session = JSON.parse(localStorage.getItem("cloudgram.session"));
  localStorage.setItem("cloudgram.session", JSON.stringify({ ...session, ...replacements }));
}"""
STORED_ID_TOKEN_WAS_RENEWED_SCRIPT = """() =>
  JSON.parse(localStorage.getItem("cloudgram.session")).idToken !== "refused"
"""


def test_signing_up_with_the_confirmation_step_signs_the_person_in(page: Page, account):
    # Given a new person on the site
    page.goto("/")

    # When they create an account
    submit_sign_up(page, account)

    # Then they are asked for the code real Cognito e-mails; locally any code works, and the page
    # says so
    expect(page.get_by_role("heading", name="Confirm your account")).to_be_visible()
    expect(page.locator("#confirm-form")).to_contain_text("no e-mail is sent, and any code works")
    page.get_by_label("Confirmation code").fill("123456")
    page.get_by_role("button", name="Confirm and sign in").click()

    # And once confirmed they are signed in, ready to share
    expect(page.locator("#account-name")).to_have_text(account.username)
    expect(page.get_by_role("heading", name="Share photos")).to_be_visible()
    expect(page.locator("#auth-panel")).to_be_hidden()


def test_a_reload_keeps_the_session(signed_in_page: Page, account):
    # Given a signed-in person; when the page reloads
    signed_in_page.reload()

    # Then they are still signed in
    expect(signed_in_page.locator("#account-name")).to_have_text(account.username)
    expect(signed_in_page.get_by_role("heading", name="Share photos")).to_be_visible()
    expect(signed_in_page.locator("#auth-panel")).to_be_hidden()


def test_a_person_can_sign_out_and_sign_back_in(signed_in_page: Page, account):
    # Given a signed-in person; when they sign out, then they stay signed out after a reload
    page = signed_in_page
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#auth-message")).to_have_text("You have signed out.")
    page.reload()
    expect(page.get_by_role("heading", name="Sign in to CloudGram")).to_be_visible()

    # When they sign in with a wrong password, then the page says so
    sign_in_form = page.locator("#sign-in-form")
    sign_in_form.get_by_label("Username").fill(account.username)
    sign_in_form.get_by_label("Password").fill("not-the-password")
    sign_in_form.get_by_role("button", name="Sign in").click()
    expect(page.locator("#auth-message")).to_have_text("Incorrect username or password.")

    # When they sign in with the right one, then they are back
    sign_in_form.get_by_label("Password").fill(account.password)
    sign_in_form.get_by_role("button", name="Sign in").click()
    expect(page.locator("#account-name")).to_have_text(account.username)
    expect(page.get_by_role("heading", name="Share photos")).to_be_visible()


def test_signing_out_revokes_the_refresh_token_so_a_stolen_copy_buys_nothing(
    signed_in_page: Page, local_stack
):
    # Given a signed-in person whose refresh token someone has copied
    page = signed_in_page
    stolen = page.evaluate("() => JSON.parse(localStorage.getItem('cloudgram.session'))")
    refresh = {
        "AuthFlow": "REFRESH_TOKEN_AUTH",
        "ClientId": local_stack.config["cognito"]["clientId"],
        "AuthParameters": {"REFRESH_TOKEN": stolen["refreshToken"]},
    }
    client = BrowserLikeClient(local_stack.site_url, local_stack.config)
    assert client.cognito("InitiateAuth", refresh).status_code == 200

    # When they sign out
    with page.expect_response(
        lambda response: "RevokeToken" in (response.request.headers.get("x-amz-target") or "")
    ) as revoked:
        page.get_by_role("button", name="Sign out").click()
    assert revoked.value.status == 200

    # Then the copy no longer buys tokens
    refused = client.cognito("InitiateAuth", refresh)
    assert refused.status_code == 400
    assert refused.json()["__type"] == "NotAuthorizedException"


def test_a_refused_id_token_is_renewed_with_the_refresh_token(signed_in_page: Page, account):
    # Given a signed-in person whose stored IdToken the API will refuse (as if it had expired)
    page = signed_in_page
    page.evaluate(REPLACE_STORED_TOKENS_SCRIPT, {"idToken": "refused"})

    # When the page reloads and calls the API
    page.reload()

    # Then the page gets new tokens with the refresh token, and the person stays signed in
    expect(page.locator("#account-name")).to_have_text(account.username)
    expect(page.get_by_role("heading", name="Share photos")).to_be_visible()
    page.wait_for_function(STORED_ID_TOKEN_WAS_RENEWED_SCRIPT)
    expect(page.locator(".feed-panel").get_by_role("alert")).to_have_count(0)


def test_a_session_that_cannot_be_renewed_returns_to_sign_in(signed_in_page: Page):
    # Given a signed-in person whose IdToken and refresh token are both refused
    page = signed_in_page
    page.evaluate(REPLACE_STORED_TOKENS_SCRIPT, {"idToken": "refused", "refreshToken": "refused"})

    # When the page reloads
    page.reload()

    # Then the page says the session has ended and offers sign-in; the public feed still loads
    expect(page.locator("#auth-message")).to_have_text(
        "Your session has ended. Sign in again to continue."
    )
    expect(page.get_by_role("heading", name="Sign in to CloudGram")).to_be_visible()
    expect(page.locator("#account")).to_be_hidden()
    expect(page.locator(".feed-panel").get_by_role("alert")).to_have_count(0)
