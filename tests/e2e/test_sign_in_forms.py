"""The sign-in panel's forms in a real browser, on a phone and a desktop: the password rules ticked
off as a new password is typed, a weak password refused in the page with the missing rules
named, and the user pool's own words never shown; Show password on every password field; and
"Send a new code" on the confirmation step, which asks Cognito once however fast it is pressed.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import PHONE_VIEWPORT, VIEWPORT, Account, requests_to, screenshot

# What moto answers for a weak password, typo included; the page must never show it.
POOL_WORDS = "does not confirm to the configured password policy"
RULES = [
    "At least 10 characters",
    "A lower-case letter (a–z)",
    "An upper-case letter (A–Z)",
    "A number (0–9)",
]
SIZES = pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])


def size_of(viewport) -> str:
    return "phone" if viewport == PHONE_VIEWPORT else "desktop"


def sign_up_calls(page: Page, operation: str = "SignUp"):
    """Every Cognito call of `operation` the page sends from now on."""
    sent = requests_to(page, "/")
    return lambda: [
        request
        for request in sent
        if request.headers.get("x-amz-target", "").endswith(f".{operation}")
    ]


def open_sign_up(page: Page, account: Account):
    page.goto("/")
    page.get_by_role("button", name="Create an account").click()
    form = page.locator("#sign-up-form")
    form.get_by_label("Username").fill(account.username)
    form.get_by_label("E-mail").fill(account.email)
    return form


def rule(form, text: str):
    return form.locator(".password-rules__rule", has_text=text)


@SIZES
def test_the_password_rules_are_ticked_off_as_typed_and_a_weak_password_is_refused_in_the_page(
    page: Page, account, viewport
):
    # Given a newcomer on the sign-up form
    page.set_viewport_size(viewport)
    form = open_sign_up(page, account)
    sign_ups = sign_up_calls(page)
    password = form.get_by_label("Password")

    # Then the pool's rules are listed, none of them met yet
    expect(form.locator(".password-rules__label")).to_have_text(RULES)
    for text in RULES:
        expect(rule(form, text)).to_have_attribute("data-met", "false")

    # When they type a password, then each rule is ticked off as it is met, and screen readers
    # hear what is still missing once the typing pauses
    password.press_sequentially("photo1")
    expect(rule(form, "A lower-case letter")).to_have_attribute("data-met", "true")
    expect(rule(form, "A number")).to_have_attribute("data-met", "true")
    expect(rule(form, "An upper-case letter")).to_have_attribute("data-met", "false")
    expect(rule(form, "At least 10 characters")).to_have_attribute("data-met", "false")
    expect(page.locator("#sign-up-password-rules-status")).to_have_text(
        "Password still needs: at least 10 characters, an upper-case letter."
    )

    # When they send it as it is, then the page refuses it, names the missing rules next to the
    # field, gives the field the focus, and sends nothing
    form.get_by_role("button", name="Create account").click()
    error = page.locator("#sign-up-password-error")
    expect(error).to_have_text(
        "This password still needs at least 10 characters and an upper-case letter."
    )
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_be_focused()
    screenshot(page, f"sign-up-weak-password-{size_of(viewport)}")
    assert sign_ups() == []

    # When they make it strong, then every rule is met, the error goes, and the account is made
    password.fill("Photo-Lover-2026")
    for text in RULES:
        expect(rule(form, text)).to_have_attribute("data-met", "true")
    expect(error).to_be_hidden()
    expect(password).to_have_attribute("aria-invalid", "false")
    expect(page.locator("#sign-up-password-rules-status")).to_have_text("All password rules met.")
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Confirm your account")).to_be_visible()
    assert len(sign_ups()) == 1


def test_when_the_pool_refuses_a_password_the_page_names_the_rule_never_the_pools_words(
    page: Page, account
):
    # Given a page whose own check is off (an old copy, a script), so the pool gets a weak password
    form = open_sign_up(page, account)
    page.evaluate("() => { document.getElementById('sign-up-form').noValidate = true; }")
    form.get_by_label("Password").fill("photolover2026")

    # When it is sent
    with page.expect_response(
        lambda response: (response.request.headers.get("x-amz-target") or "").endswith(".SignUp")
    ) as answered:
        form.get_by_role("button", name="Create account").click()

    # Then the pool refuses it, and the page says which rule it breaks, next to the field, in its
    # own words; the pool's message appears nowhere
    assert answered.value.status == 400
    assert answered.value.headers["x-amzn-errortype"].startswith("InvalidPasswordException")
    expect(page.locator("#sign-up-password-error")).to_have_text(
        "This password still needs an upper-case letter."
    )
    expect(form.get_by_label("Password")).to_be_focused()
    expect(page.locator("body")).not_to_contain_text(POOL_WORDS)
    expect(page.locator("body")).not_to_contain_text("InvalidPasswordException")


@SIZES
def test_every_password_field_can_show_its_password_and_hides_it_again_when_sent(
    page: Page, viewport
):
    # Given the sign-in form, with a password typed and the caret inside it
    page.set_viewport_size(viewport)
    page.goto("/")
    form = page.locator("#sign-in-form")
    password = form.get_by_label("Password")
    toggle = form.get_by_role("button", name="Show password")
    password.fill("Photo-Lover-2026")
    password.evaluate("(input) => input.setSelectionRange(5, 5)")

    # When they press Show password
    toggle.click()

    # Then the password is shown as typed, the button says it is pressed, and the focus and the
    # caret are still in the field, where they were
    expect(password).to_have_attribute("type", "text")
    expect(password).to_have_value("Photo-Lover-2026")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_have_text("HideShow password")
    expect(password).to_be_focused()
    assert password.evaluate("(input) => [input.selectionStart, input.selectionEnd]") == [5, 5]
    screenshot(page, f"sign-in-password-shown-{size_of(viewport)}")

    # When they go to the button with the keyboard and press Space, then it hides the password
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Space")
    expect(password).to_have_attribute("type", "password")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Enter")
    expect(password).to_have_attribute("type", "text")

    # When the form is sent with the password shown, then it is hidden again
    form.get_by_label("Username").fill("nobody-at-all")
    form.get_by_role("button", name="Sign in").click()
    expect(password).to_have_attribute("type", "password")
    expect(toggle).to_have_attribute("aria-pressed", "false")

    # And every password field of the panel has such a button
    # (signing in, signing up, and a forgotten password's new one), and so has every one of the
    # account settings
    fields = page.locator(
        "#auth-panel input[type='password'], #settings-view input[type='password']"
    )
    assert fields.count() == 6
    for index in range(fields.count()):
        field_id = fields.nth(index).get_attribute("id")
        toggles = page.locator(f".password-input__toggle[aria-controls='{field_id}']")
        expect(toggles).to_have_count(1)


@SIZES
def test_send_a_new_code_asks_once_however_fast_it_is_pressed_and_says_the_code_is_sent(
    page: Page, account, viewport
):
    # Given a newcomer at the confirmation step, with the clock under the test's control
    page.set_viewport_size(viewport)
    page.clock.install()
    form = open_sign_up(page, account)
    form.get_by_label("Password").fill(account.password)
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Confirm your account")).to_be_visible()
    resends = sign_up_calls(page, "ResendConfirmationCode")
    resend = page.locator("#confirm-resend")

    # When they double-tap "Send a new code", and press it again
    resend.dblclick()
    status = page.locator("#confirm-resend-status")
    expect(status).to_have_text("Code sent. Locally no e-mail is sent: any code works.")
    resend.click(force=True)  # Playwright would wait for a button that says it is disabled

    # Then one code is asked for, the button says so and rests, keeping the focus
    expect(resend).to_have_text("Code sent")
    expect(resend).to_have_attribute("aria-disabled", "true")
    expect(resend).to_be_focused()
    screenshot(page, f"confirm-code-sent-{size_of(viewport)}")
    assert len(resends()) == 1

    # When the pause is over, then another code can be asked for
    page.clock.run_for(31_000)
    expect(resend).to_have_text("Send a new code")
    resend.click()
    expect(resend).to_have_text("Code sent")
    assert len(resends()) == 2

    # And any code still confirms the account and signs them in
    page.get_by_label("Confirmation code").fill("424242")
    page.get_by_role("button", name="Confirm and sign in").click()
    expect(page.locator("#account-name")).to_have_text(account.username)


def test_a_wrong_confirmation_code_is_said_next_to_its_field(page: Page, account):
    # Given a newcomer at the confirmation step, and a pool that finds their code wrong
    form = open_sign_up(page, account)
    form.get_by_label("Password").fill(account.password)
    form.get_by_role("button", name="Create account").click()
    page.route(
        "**/*",
        lambda route: (
            route.fulfill(
                status=400,
                headers={"x-amzn-ErrorType": "CodeMismatchException"},
                content_type="application/x-amz-json-1.1",
                body='{"__type": "CodeMismatchException", "message": "Invalid code provided."}',
            )
            if (route.request.headers.get("x-amz-target") or "").endswith(".ConfirmSignUp")
            else route.fallback()
        ),
    )

    # When they send a code
    code = page.get_by_label("Confirmation code")
    code.fill("111111")
    page.get_by_role("button", name="Confirm and sign in").click()

    # Then the page says, next to the code, what to do, in its own words, with the focus there
    expect(page.locator("#confirm-code-error")).to_have_text(
        "That code is not right. Check the e-mail and type it again, or ask for a new code."
    )
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(code).to_be_focused()
    expect(page.locator("body")).not_to_contain_text("Invalid code provided")
