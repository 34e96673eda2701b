"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright, against a local stack.

pytest-playwright provides `page` (a fresh browser context per test); the fixtures here point it
at the system Chromium, keep it off the internet, and open every page on the local stack that
`tests/conftest.py` starts. A missing Chromium skips these tests on a developer's machine
(`make browser` installs it) but fails them in CI, where a skipped browser test would hide a
broken page.
"""

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

CHROMIUM_PATH = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    # Any host name but the loopback ones fails to resolve: the page cannot reach the internet,
    # even by accident, and no test waits on a DNS look-up.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Wide enough for the two-column layout: the feed on the left, the panels on the right.
VIEWPORT = {"width": 1280, "height": 900}
# Cognito's default password policy: upper and lower case, a number and a symbol.
PASSWORD = "Photo-Lover-2026"


@dataclass(frozen=True)
class Account:
    username: str
    email: str
    password: str


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM_PATH.exists():
        message = f"the browser tests need Chromium at {CHROMIUM_PATH}; `make browser` installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    args = list(CHROMIUM_ARGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium will not start its sandbox as root (containers, CI)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM_PATH), "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, local_stack):
    return {**browser_context_args, "base_url": local_stack.site_url, "viewport": VIEWPORT}


@pytest.fixture
def page(page: Page):
    """pytest-playwright's page, and the test fails if a script in it throws an uncaught error."""
    uncaught_errors = []
    page.on("pageerror", lambda error: uncaught_errors.append(error))
    yield page
    assert uncaught_errors == [], f"the page threw: {uncaught_errors}"


@pytest.fixture
def account() -> Account:
    """Credentials nobody has used yet, so tests never meet each other's accounts."""
    username = f"e2e-{uuid.uuid4().hex[:10]}"
    return Account(username=username, email=f"{username}@example.com", password=PASSWORD)


@pytest.fixture
def signed_in_page(page: Page, account: Account) -> Page:
    """The site, with `account` signed up, confirmed and signed in through the page itself."""
    page.goto("/")
    sign_up_and_confirm(page, account)
    return page


def submit_sign_up(page: Page, account: Account) -> None:
    page.get_by_role("button", name="Create an account").click()
    sign_up_form = page.locator("#sign-up-form")
    sign_up_form.get_by_label("Username").fill(account.username)
    sign_up_form.get_by_label("E-mail").fill(account.email)
    sign_up_form.get_by_label("Password").fill(account.password)
    sign_up_form.get_by_role("button", name="Create account").click()


def sign_up_and_confirm(page: Page, account: Account) -> None:
    submit_sign_up(page, account)
    page.get_by_label("Confirmation code").fill("000000")
    page.get_by_role("button", name="Confirm and sign in").click()
    expect(page.locator("#account-name")).to_have_text(account.username)
