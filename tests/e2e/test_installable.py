"""The installable app in a real browser, its service worker running (the other browser tests
block it: tests/e2e/conftest.py): the web manifest and its icons; what the worker keeps (the app
shell, never an API answer, a photo, the settings or another origin's answer) after a signed-in
person has looked around; the app opened offline; photos shared to CloudGram from another app,
signed in and signed out, until they are in the feed; and axe-core on the offline page and the
shared photos in the composer.
"""

import base64
import io
import json
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from chalicelib.shared.settings import ALLOWED_CONTENT_TYPES
from tests.e2e.test_accessibility import axe_script, axe_violations, blocking_violations
from tests.support.browser import (
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
    sign_up_and_confirm,
)
from tests.support.images import scene_jpeg
from tests.support.waiting import eventually

__all__ = ["axe_script"]  # a fixture, used by name

pytestmark = pytest.mark.browser_context_args(service_workers="allow")

READY_TIMEOUT_MS = 20_000
# Every address the service worker keeps, in all its caches.
CACHED_ADDRESSES_SCRIPT = """async () => {
  const addresses = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) addresses.push(request.url);
  }
  return addresses;
}"""
# Android's share sheet, played by the page: a form POSTed to the manifest's share target, as
# the browser sends it, with the photo put in its file input.
SHARE_FROM_ANOTHER_APP_SCRIPT = """({ name, base64, text }) => {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type: "image/jpeg" }));
  const form = document.createElement("form");
  form.method = "post";
  form.enctype = "multipart/form-data";
  form.action = "/share-target";
  const photos = Object.assign(document.createElement("input"), { type: "file", name: "photos" });
  photos.files = transfer.files;
  const words = Object.assign(document.createElement("input"), { name: "text", value: text });
  form.append(photos, words);
  document.body.append(form);
  form.submit();
}"""


# Whether the service worker keeps every script and stylesheet the page has loaded.
SHELL_KEPT_SCRIPT = """async () => {
  const loaded = performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && /^\\/(js|css)\\//.test(url.pathname))
    .map((url) => url.pathname);
  const kept = await Promise.all(loaded.map((path) => caches.match(path)));
  return loaded.length > 0 && kept.every(Boolean);
}"""


def open_with_the_service_worker(page: Page, path: str = "/") -> None:
    """Opens `path` and waits until the service worker controls the page and has kept the
    files the page loaded before it existed."""
    page.goto(path)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    # wait_for_function takes no promise for an answer: page.evaluate waits for it.
    assert eventually(lambda: page.evaluate(SHELL_KEPT_SCRIPT), timeout=10)


def share_from_another_app(page: Page, name: str, picture: bytes, text: str = "") -> None:
    encoded = base64.b64encode(picture).decode()
    shared = {"name": name, "base64": encoded, "text": text}
    with page.expect_navigation():
        page.evaluate(SHARE_FROM_ANOTHER_APP_SCRIPT, shared)


def test_the_page_links_a_manifest_with_the_apps_name_icons_and_share_target(page: Page):
    # Given the page
    page.goto("/")

    # When its manifest is fetched from the address the page links
    href = page.locator("link[rel=manifest]").get_attribute("href")
    response = page.request.get(href)
    manifest = json.loads(response.body())

    # Then it names the app, opens it standalone at the root, in the page's colours
    assert response.headers["content-type"] == "application/manifest+json"
    assert manifest["name"] == "CloudGram"
    assert manifest["short_name"]
    assert (manifest["start_url"], manifest["scope"]) == ("/", "/")
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#ffffff"
    assert manifest["background_color"] == "#f6f6f9"
    expect(page.locator("meta[name=theme-color]")).to_have_count(2)
    # And each icon is a PNG of the size it declares, for any use and maskable, 192 and 512
    purposes = set()
    for icon in manifest["icons"]:
        picture = page.request.get(icon["src"])
        assert picture.ok, icon["src"]
        width, height = Image.open(io.BytesIO(picture.body())).size
        assert f"{width}x{height}" == icon["sizes"]
        assert icon["type"] == "image/png"
        purposes.add((icon["sizes"], icon["purpose"]))
    assert purposes == {(f"{n}x{n}", p) for n in (192, 512) for p in ("any", "maskable")}
    assert page.request.get(page.locator("link[rel=apple-touch-icon]").get_attribute("href")).ok
    # And Chromium, asked as its install prompt asks, finds nothing that stops installing it
    # (but the test's own browser context, incognito as every Playwright context is)
    devtools = page.context.new_cdp_session(page)
    assert devtools.send("Page.getAppManifest")["errors"] == []
    installability = devtools.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [error["errorId"] for error in installability] == ["in-incognito"]
    # And its share target takes every image type CloudGram takes, as a multipart POST
    share_target = manifest["share_target"]
    assert (share_target["action"], share_target["method"]) == ("/share-target", "POST")
    assert share_target["enctype"] == "multipart/form-data"
    [photos] = share_target["params"]["files"]
    assert photos["name"] == "photos"
    assert set(ALLOWED_CONTENT_TYPES) <= set(photos["accept"])


def test_the_service_worker_keeps_the_app_shell_and_nothing_private(
    page: Page, http_client, local_stack
):
    # Given a person with photos, signed in, the service worker running
    user = new_user(http_client)
    [photo] = share_photos_over_http(http_client, user, [scene_jpeg(1, size=(64, 48))])
    open_with_the_service_worker(page)
    sign_in(page, user.username)

    # When they look at the feed and its photos, their profile and a photo's page
    expect(page.locator(".photo-card").first).to_be_visible()
    page.goto(f"/#/u/{user.username}")
    expect(page.locator(".photo-grid__item img").first).to_be_visible()
    page.goto(f"/p/{photo['id']}")
    expect(page.locator("#photo-content img").first).to_be_visible()
    page.goto("/")
    expect(page.locator(".photo-card").first).to_be_visible()
    cached = page.evaluate(CACHED_ADDRESSES_SCRIPT)

    # Then the worker keeps the page and its files, and never the API's answers, the photos,
    # the settings or another origin's answers
    paths = {urlsplit(address).path for address in cached}
    assert {"/", "/offline.html", "/js/main.js", "/css/base.css"} <= paths
    site = urlsplit(local_stack.site_url).netloc
    private = [
        address
        for address in cached
        if urlsplit(address).netloc != site
        or urlsplit(address).path.startswith(("/api/", "/media/", "/p/"))
        or urlsplit(address).path == "/config.json"
    ]
    assert private == []


def test_opened_offline_the_app_shows_its_shell_or_else_the_offline_page(page: Page):
    # Given a first visit, the service worker running
    open_with_the_service_worker(page)

    # When the app is opened again without a connection
    page.context.set_offline(True)
    page.reload()

    # Then the page is the app's, and says it cannot reach its server
    expect(page.locator("#page-error")).to_contain_text("could not reach its server")
    expect(page.locator(".brand__name")).to_have_text("CloudGram")

    # And when the worker has no copy of the page either, its offline page says what to do
    page.evaluate("async () => (await caches.open('cloudgram-shell-v1')).delete('/')")
    page.reload()
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    expect(page.get_by_role("link", name="Try again")).to_have_attribute("href", "/")
    screenshot(page, "offline-page")


def test_a_photo_shared_from_another_app_opens_the_composer_and_reaches_the_feed(
    signed_in_page: Page,
):
    # Given a signed-in person with the installed app's service worker
    page = signed_in_page
    open_with_the_service_worker(page)

    # When another app shares a photo to CloudGram, with a few words
    share_from_another_app(page, "harbour.jpg", scene_jpeg(7, size=(320, 240)), "The harbour")

    # Then the composer holds it, captioned with the words, ready to share
    item = page.locator(".upload-item", has_text="harbour.jpg")
    expect(item).to_be_visible()
    expect(item.get_by_label("Caption")).to_have_value("The harbour")
    expect(page.get_by_role("button", name="Share", exact=True)).to_be_focused()
    # And the worker has let the file go
    assert page.evaluate("() => caches.has('cloudgram-shared-files')") is False
    screenshot(page, "shared-photo-in-the-composer")

    # And when they share it, it becomes a photo in the feed
    page.get_by_role("button", name="Share", exact=True).click()
    expect(item.get_by_role("status")).to_have_text(
        "Shared! It is in the feed now.", timeout=READY_TIMEOUT_MS
    )
    expect(page.locator(".photo-card__caption").first).to_have_text("The harbour")


def test_a_photo_shared_while_signed_out_waits_for_the_person_to_sign_in(page: Page, account):
    # Given someone signed out, with the installed app's service worker
    open_with_the_service_worker(page)

    # When another app shares a photo to CloudGram
    share_from_another_app(page, "meadow.jpg", scene_jpeg(3, size=(320, 240)))

    # Then they are asked to sign in first
    expect(page.locator("#auth-message")).to_have_text(
        "Sign in to share the photo you sent to CloudGram."
    )
    # And once signed in, the photo is in the composer
    sign_up_and_confirm(page, account)
    expect(page.locator(".upload-item", has_text="meadow.jpg")).to_be_visible()


def test_the_offline_page_and_a_shared_photo_have_no_serious_accessibility_violation(
    new_context, account, axe_script
):
    # Given the offline page, and a photo shared to the app, first signed out, then signed in
    page = new_context(bypass_csp=True).new_page()
    page.goto("/offline.html")
    found = {"offline page": axe_violations(page, axe_script)}
    page.emulate_media(color_scheme="dark")
    found["offline page, dark"] = axe_violations(page, axe_script)
    page.emulate_media(color_scheme="light")
    open_with_the_service_worker(page)
    share_from_another_app(page, "dunes.jpg", scene_jpeg(5, size=(320, 240)))
    expect(page.locator("#auth-message")).to_be_visible()

    # When axe looks at them
    found["shared photo, signed out"] = axe_violations(page, axe_script)
    sign_up_and_confirm(page, account)
    expect(page.locator(".upload-item", has_text="dunes.jpg")).to_be_visible()
    found["shared photo in the composer"] = axe_violations(page, axe_script)

    # Then none is serious or critical
    report = json.dumps(found, indent=1)
    assert blocking_violations(found) == [], f"axe-core found:\n{report}"
