"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright, against a local stack.

pytest-playwright provides `page` (a fresh browser context per test); the fixtures here point it
at the system Chromium, keep it off the internet, and open every page on the local stack that
`tests/conftest.py` starts. A missing Chromium skips these tests on a developer's machine
(`make browser` installs it) but fails them in CI, where a skipped browser test would hide a
broken page. The same goes for axe-core, which `make test` installs for the accessibility checks.

The page declares a strict Content-Security-Policy (no inline script or style); a test fails if
the page breaks it or throws an uncaught error.
"""

import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.support.browser import PASSWORD, VIEWPORT, Account, sign_up_and_confirm
from tests.support.browser_like_client import BrowserLikeClient
from tests.support.chromium import CHROMIUM_PATH, chromium_args
from tests.support.skipping import fail_in_ci_else_skip


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM_PATH.exists():
        fail_in_ci_else_skip(
            f"the browser tests need Chromium at {CHROMIUM_PATH}; `make browser` installs it"
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM_PATH),
        "args": chromium_args(),
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, local_stack):
    """The site at the viewport the tests expect, without its service worker: requests a worker
    answers never reach `page.route`, so a test that watches or fakes the network would see less
    than the page does. The tests of the installable app itself allow it
    (`@pytest.mark.browser_context_args(service_workers="allow")`)."""
    return {
        **browser_context_args,
        "base_url": local_stack.site_url,
        "viewport": VIEWPORT,
        "service_workers": "block",
    }


@pytest.fixture
def new_context(new_context) -> Callable[..., BrowserContext]:
    """pytest-playwright's context factory (which `page` uses too); the test fails if a page in
    any of its contexts breaks the page's Content-Security-Policy or throws an uncaught error."""
    problems = []

    def note_policy_violation(message) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"broke the CSP: {message.text}")

    def create(**kwargs) -> BrowserContext:
        context = new_context(**kwargs)
        context.on("weberror", lambda error: problems.append(f"threw: {error.error}"))
        context.on("console", note_policy_violation)
        return context

    yield create
    assert problems == [], f"a page went wrong: {problems}"


@pytest.fixture(scope="session")
def http_client(local_stack) -> BrowserLikeClient:
    """Sets up test data over HTTP, the way the page does, when the page is not what is tested."""
    return BrowserLikeClient(local_stack.site_url, local_stack.config)


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
