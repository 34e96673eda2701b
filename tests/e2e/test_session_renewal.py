"""Tokens renewed before they expire, in a real browser against the local Cognito, whose tokens
live 15 minutes as the deployed pool's do (infra/local/cognito_like_aws.py).

Rather than wait a quarter of an hour, each test moves the page's clock forward (Playwright's
clock, which fires the page's timers as a computer waking from sleep would). What is tested is
real: the tokens the local pool issues, the page's renewal with its refresh token, and Cognito's
refusal of a refresh token revoked by a global sign-out.
"""

import boto3
from playwright.sync_api import Page, Request, expect

from tests.support.browser import PHONE_VIEWPORT, Account, screenshot, sign_up_and_confirm
from tests.support.fake_aws import CREDENTIALS, REGION
from tests.support.images import scene_jpeg

TOKEN_LIFETIME_MS = 15 * 60 * 1000
# How far a stored lifetime may fall short of 15 minutes: the time between Cognito's answer and
# the test's reading, on a busy machine; far from the hour moto would give.
READING_DELAY_MS = 60_000
# The page's stored session (frontend/js/services/session.js) and the page's own time.
READ_SESSION_SCRIPT = """() => ({
  stored: JSON.parse(localStorage.getItem("cloudgram.session")),
  now: Date.now(),
})"""
ID_TOKEN_REPLACED_SCRIPT = """(previous) =>
  JSON.parse(localStorage.getItem("cloudgram.session"))?.idToken !== previous
"""
SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue."


def renewals_sent(page: Page) -> list[Request]:
    """Every request the page sends from now on that trades the refresh token for new tokens."""
    sent: list[Request] = []

    def note(request: Request) -> None:
        target = request.headers.get("x-amz-target") or ""
        if target.endswith(".InitiateAuth") and "REFRESH_TOKEN_AUTH" in (request.post_data or ""):
            sent.append(request)

    page.on("request", note)
    return sent


def api_refusals(page: Page) -> list[str]:
    """Every API answer from now on that refuses the page's token (401)."""
    refused: list[str] = []
    page.on(
        "response",
        lambda response: (
            refused.append(response.url)
            if "/api/" in response.url and response.status == 401
            else None
        ),
    )
    return refused


def signed_in_on_a_moving_clock(page: Page, account: Account) -> dict:
    """Signs `account` up and in on a page whose clock the test controls; returns the stored
    session and the page's time."""
    page.clock.install()
    page.goto("/")
    sign_up_and_confirm(page, account)
    return page.evaluate(READ_SESSION_SCRIPT)


def test_the_page_renews_its_tokens_before_they_expire_without_the_person_noticing(
    page: Page, account: Account, tmp_path
):
    # Given a person who has just signed in, whose tokens live 15 minutes as the deployed pool's
    signed_in = signed_in_on_a_moving_clock(page, account)
    expires_at = signed_in["stored"]["expiresAt"]
    assert TOKEN_LIFETIME_MS - READING_DELAY_MS < expires_at - signed_in["now"] <= TOKEN_LIFETIME_MS
    renewals = renewals_sent(page)
    refusals = api_refusals(page)

    # And who is sharing a photo: chosen, its caption half written
    photo = tmp_path / "harbour.jpg"
    photo.write_bytes(scene_jpeg(1))
    page.get_by_label("Choose photos").set_input_files(photo)
    item = page.locator(".upload-item")
    caption = item.get_by_label("Caption")
    caption.fill("Sunrise over the")

    # When time passes until a minute and a half before the tokens expire, then they are not
    # renewed yet
    page.clock.fast_forward(expires_at - page.evaluate("Date.now()") - 90_000)
    page.wait_for_timeout(500)
    assert renewals == []

    # When another minute passes, into the tokens' last minute
    page.clock.fast_forward(60_000)

    # Then the page renews its tokens once, before they expire, for another 15 minutes
    page.wait_for_function(ID_TOKEN_REPLACED_SCRIPT, arg=signed_in["stored"]["idToken"])
    renewed = page.evaluate(READ_SESSION_SCRIPT)
    assert renewed["now"] < expires_at
    assert len(renewals) == 1
    new_lifetime = renewed["stored"]["expiresAt"] - renewed["now"]
    assert TOKEN_LIFETIME_MS - READING_DELAY_MS < new_lifetime <= TOKEN_LIFETIME_MS

    # And the person noticed nothing: the caption as they left it, still theirs to type in
    expect(caption).to_have_value("Sunrise over the")
    expect(caption).to_be_focused()
    expect(page.locator("#account-name")).to_have_text(account.username)
    expect(page.locator("#auth-panel")).to_be_hidden()

    # When they finish the caption and share the photo
    caption.fill("Sunrise over the harbour")
    with page.expect_response(
        lambda response: response.url.endswith("/api/photos") and response.request.method == "POST"
    ) as created:
        page.get_by_role("button", name="Share").click()

    # Then it goes with the renewed token, and is shared; the API never refused a token
    assert created.value.status == 201
    assert created.value.request.headers["authorization"] == renewed["stored"]["idToken"]
    expect(item.get_by_role("status")).to_have_text(
        "Shared! It is in the feed now.", timeout=15_000
    )
    assert refusals == []


def test_an_expired_session_whose_refresh_token_was_revoked_returns_to_sign_in_with_a_message(
    page: Page, account: Account, local_stack
):
    # Given a person signed in on this page
    signed_in_on_a_moving_clock(page, account)

    # And who then signs out everywhere from another device, which revokes every refresh token
    # they hold, this page's too
    cognito = boto3.client(
        "cognito-idp", endpoint_url=local_stack.aws_endpoint_url, region_name=REGION, **CREDENTIALS
    )
    elsewhere = cognito.initiate_auth(
        ClientId=local_stack.config["cognito"]["clientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": account.username, "PASSWORD": account.password},
    )["AuthenticationResult"]
    cognito.global_sign_out(AccessToken=elsewhere["AccessToken"])
    renewals = renewals_sent(page)

    # When this page's tokens reach their end, the person doing nothing
    page.clock.fast_forward("15:30")

    # Then Cognito refuses the page's renewal, and the page goes back to the sign-in form and
    # says why
    expect(page.locator("#auth-message")).to_have_text(SESSION_ENDED_MESSAGE)
    expect(page.get_by_role("heading", name="Sign in to CloudGram")).to_be_visible()
    expect(page.locator("#account")).to_be_hidden()
    expect(page.locator("#composer-panel")).to_be_hidden()
    assert len(renewals) == 1
    assert renewals[0].response().status == 400
    assert page.evaluate("() => localStorage.getItem('cloudgram.session')") is None

    screenshot(page, "session-ended-desktop")
    page.set_viewport_size(PHONE_VIEWPORT)
    screenshot(page, "session-ended-phone")
