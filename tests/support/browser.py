"""What the browser tests do again and again: sign up, confirm and sign in through the page's own
forms, read the page's token, slow its uploads, share photos over HTTP while the page is not what
is tested, watch its requests, measure its width, and take the screenshots people look at."""

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, Request, expect

from tests.support.browser_like_client import PASSWORD as HTTP_CLIENT_PASSWORD
from tests.support.browser_like_client import BrowserLikeClient, SignedInUser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Wide enough for the two-column layout: the feed on the left, the panels on the right.
VIEWPORT = {"width": 1280, "height": 900}
# The narrowest phone the page is made for.
PHONE_VIEWPORT = {"width": 360, "height": 780}
# Where the e2e run leaves its screenshots, to be looked at (git-ignored). Not under
# test-results/: pytest-playwright empties that folder at the start of every pytest run.
SCREENSHOTS_DIR = PROJECT_ROOT / "build" / "screenshots"
# `make test` installs the pinned axe-core here (see the Makefile's AXE_CORE_VERSION).
AXE_SCRIPT_PATH = PROJECT_ROOT / "build" / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"
# Where the page keeps its tokens (frontend/js/services/session.js).
READ_ID_TOKEN_SCRIPT = "() => JSON.parse(localStorage.getItem('cloudgram.session')).idToken"
# Cognito's default password policy: upper and lower case, a number and a symbol.
PASSWORD = "Photo-Lover-2026"


@dataclass(frozen=True)
class Account:
    username: str
    email: str
    password: str


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


def sign_in(page: Page, username: str, password: str = HTTP_CLIENT_PASSWORD) -> None:
    """Signs in through the page's own form (on the feed, where the form is)."""
    page.goto("/")
    sign_in_form = page.locator("#sign-in-form")
    sign_in_form.get_by_label("Username").fill(username)
    sign_in_form.get_by_label("Password").fill(password)
    sign_in_form.get_by_role("button", name="Sign in").click()
    expect(page.locator("#account-name")).to_have_text(username)


def id_token(page: Page) -> str:
    """The signed-in person's IdToken, for calling the API from the test as them."""
    return page.evaluate(READ_ID_TOKEN_SCRIPT)


def throttle_uploads(page: Page, bytes_per_second: float) -> None:
    """Slows the browser's uploads (not its downloads), so that progress events really happen
    and an upload can be caught halfway."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": bytes_per_second,
        },
    )


def share_photos_over_http(
    client: BrowserLikeClient, user: SignedInUser, pictures: list[bytes], captions=()
) -> list[dict]:
    """Uploads the pictures one after another, each READY before the next is sent; returns them
    newest first, as the feeds list them (by the time each was shared)."""
    captions = list(captions) + [""] * (len(pictures) - len(captions))
    ready = []
    for picture, caption in zip(pictures, captions, strict=True):
        announced = {"contentType": "image/jpeg", "size": len(picture), "caption": caption}
        created = client.api("POST", "/photos", user.id_token, json=announced)
        assert created.status_code == 201, created.text
        posted = client.post_file(created.json()["upload"], picture, "image/jpeg")
        assert posted.status_code == 204, posted.text
        settled = client.wait_until_settled(user, created.json()["photo"]["id"])
        assert settled["status"] == "READY", json.dumps(settled)
        ready.append(settled)
    return ready[::-1]


def new_user(client: BrowserLikeClient) -> SignedInUser:
    """Someone who has signed up and has a profile (made by their first GET /me)."""
    user = client.sign_up_and_in(f"e2e-{uuid.uuid4().hex[:10]}")
    assert client.api("GET", "/me", user.id_token).status_code == 200
    return user


WIDEST_ELEMENT_SCRIPT = """() => ({
  page: document.documentElement.scrollWidth,
  screen: window.innerWidth,
})"""


def assert_nothing_wider_than_the_screen(page: Page, where: str) -> None:
    widths = page.evaluate(WIDEST_ELEMENT_SCRIPT)
    assert widths["page"] <= widths["screen"], f"{where} scrolls sideways: {widths}"


def requests_to(page: Page, url_part: str) -> list[Request]:
    """Every request the page sends from now on whose address contains `url_part`, as it goes."""
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request) if url_part in request.url else None)
    return sent


def screenshot(page: Page, name: str, **options) -> None:
    """A picture of the page for people to look at, in build/screenshots/ (not a check)."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.mouse.move(0, 0)  # no hover effect where the last click was
    page.screenshot(path=SCREENSHOTS_DIR / f"{name}.png", animations="disabled", **options)
