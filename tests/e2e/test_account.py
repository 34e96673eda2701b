"""Accounts in a real browser: sign up with the confirmation step, stay signed in across a
reload, renew refused tokens, sign out and back in, all through the page and the local Cognito;
and a username that reads like another (a look-alike, other capitals) refused next to its field,
by the page before it sends and by the user pool if the page's check is bypassed.
"""

import uuid

from playwright.sync_api import Page, expect

from tests.support.browser import Account, requests_to, submit_sign_up
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


def look_alike_account(account: Account) -> Account:
    """The account's credentials under a name whose first letter is fullwidth ("ｅ2e-...")."""
    name = chr(ord(account.username[0]) + 0xFEE0) + account.username[1:]
    return Account(username=name, email=account.email, password=account.password)


def test_a_look_alike_username_is_refused_next_to_its_field_and_nothing_is_sent(
    page: Page, account
):
    # Given a new person on the site
    page.goto("/")
    sign_ups = requests_to(page, "/")

    # When they try to sign up under a name with a fullwidth letter
    submit_sign_up(page, look_alike_account(account))

    # Then the page says, next to the username, which character is not allowed, and sends nothing
    username = page.locator("#sign-up-form").get_by_label("Username")
    error = page.locator("#sign-up-username-error")
    expect(error).to_have_text(
        "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
        "“ｅ” (U+FF45) is not one of them."
    )
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(username).to_be_focused()
    assert [r for r in sign_ups if "SignUp" in (r.headers.get("x-amz-target") or "")] == []

    # And once the name is plain, the message goes and the account is made
    username.fill(account.username)
    expect(error).to_be_hidden()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Confirm your account")).to_be_visible()


def test_if_the_pages_check_is_bypassed_the_user_pool_refuses_with_the_triggers_words(
    page: Page, account
):
    # Given a page whose own check of the username is off (an old copy, a script, a bug)
    page.goto("/")
    page.evaluate("() => { document.getElementById('sign-up-form').noValidate = true; }")

    # When someone signs up under a look-alike name, so the local Cognito gets it
    with page.expect_response(
        lambda response: "SignUp" in (response.request.headers.get("x-amz-target") or "")
    ) as answered:
        submit_sign_up(page, look_alike_account(account))

    # Then the user pool's Pre Sign-up trigger refuses it, and the page shows the trigger's own
    # words next to the username
    assert answered.value.status == 400
    assert answered.value.headers["x-amzn-errortype"] == "UserLambdaValidationException"
    expect(page.locator("#sign-up-username-error")).to_have_text(
        "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
        "“ｅ” (U+FF45 FULLWIDTH LATIN SMALL LETTER E) is not one of them."
    )
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()


def test_a_username_taken_in_other_capitals_is_refused_next_to_its_field(
    page: Page, http_client: BrowserLikeClient
):
    # Given someone who signed up as karl-<something>
    taken = http_client.sign_up_and_in(f"karl-{uuid.uuid4().hex[:8]}")
    page.goto("/")

    # When another person signs up as Karl-<the same>
    newcomer = Account(taken.username.capitalize(), "newcomer@example.com", "Photo-Lover-2026")
    submit_sign_up(page, newcomer)

    # Then the page says the name is taken, next to the username field
    expect(page.locator("#sign-up-username-error")).to_have_text(
        "That username is taken. Choose another one, or sign in if it is yours."
    )


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

    # When they sign in with a wrong password, then the page says so next to the password, which
    # gets the focus
    sign_in_form = page.locator("#sign-in-form")
    sign_in_form.get_by_label("Username").fill(account.username)
    password = sign_in_form.get_by_label("Password")
    password.fill("not-the-password")
    sign_in_form.get_by_role("button", name="Sign in").click()
    expect(page.locator("#sign-in-password-error")).to_have_text("Incorrect username or password.")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_be_focused()

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
