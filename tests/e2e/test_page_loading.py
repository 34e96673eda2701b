"""How the page loads in Chromium: what index.html preloads is what the page then uses, each
file fetched once; and the deploy's build (hashed names, served immutable, as CloudFront serves
them from the site bucket) shows the feed, and a repeat visit asks for none of its hashed files.
"""

import collections
import re
import time

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.support.browser_like_client import BrowserLikeClient
from tests.support.images import scene_jpeg
from tests.support.local_stack import running_local_stack

# Chromium says a preload went unused a few seconds after the load event.
UNUSED_PRELOAD_WARNING_SECONDS = 3.5
MAX_OWN_FILE_REQUESTS_ON_A_REPEAT_VISIT = 3
HASHED_NAME = re.compile(r"/(?:js|css)/\S+\.[0-9a-f]{12}\.(?:js|css)$")


class ServerRequests:
    """The addresses the page asks the server for, as Chromium's DevTools protocol reports them:
    a file the browser takes from its own cache is not asked for; one it revalidates is."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.sent: dict[str, str] = {}
        self.from_cache: set[str] = set()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.requestWillBeSent", self._note_sent)
        session.on("Network.requestServedFromCache", self._note_from_cache)
        session.on("Network.responseReceived", self._note_response)

    def urls(self) -> list[str]:
        return [url for request_id, url in self.sent.items() if request_id not in self.from_cache]

    def forget(self) -> None:
        self.sent.clear()
        self.from_cache.clear()

    def _note_sent(self, event: dict) -> None:
        self.sent[event["requestId"]] = event["request"]["url"]

    def _note_from_cache(self, event: dict) -> None:
        self.from_cache.add(event["requestId"])

    def _note_response(self, event: dict) -> None:
        if event["response"].get("fromDiskCache") or event["response"].get("fromMemoryCache"):
            self.from_cache.add(event["requestId"])


def watch_requests_and_console(page: Page) -> tuple[list[str], list[str]]:
    requested, console = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    return requested, console


def test_given_a_visitor_when_the_page_loads_then_every_preload_is_used_and_fetched_once(
    page: Page,
):
    # Given a signed-out visitor's browser, watching what the page asks for and says
    requested, console = watch_requests_and_console(page)

    # When the page loads and shows the feed
    page.goto("/", wait_until="load")
    expect(page.locator("#auth-panel")).to_be_visible()
    time.sleep(UNUSED_PRELOAD_WARNING_SECONDS)

    # Then config.json and each module were fetched once: the preloads were used as they are
    site_files = [url for url in requested if "/js/" in url or url.endswith("/config.json")]
    twice = [url for url, count in collections.Counter(site_files).items() if count > 1]
    assert twice == []
    assert any(url.endswith("/config.json") for url in site_files)
    assert (
        sum("/js/" in url for url in site_files)
        == page.locator('link[rel="modulepreload"]').count()
    )
    assert [line for line in console if "preload" in line] == []


@pytest.fixture(scope="module")
def built_stack():
    """The local stack serving the deploy's build, as CloudFront serves the site bucket."""
    with running_local_stack(built_site=True) as stack:
        client = BrowserLikeClient(stack.site_url, stack.config)
        client.upload_photo(client.sign_up_and_in(), scene_jpeg(1))
        yield stack


def test_given_the_built_site_when_visited_twice_then_the_second_visit_asks_for_no_hashed_file(
    new_context, built_stack
):
    # Given a visitor's browser on the site as deployed, noting what the page says
    context: BrowserContext = new_context()
    page = context.new_page()
    site = built_stack.site_url + "/"
    asked = ServerRequests(context, page)
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    # When they open the feed
    page.goto(site)
    expect(page.locator(".photo-card")).to_have_count(1)

    # Then it came from hashed files (seven stylesheets and the one script holding every
    # module), without a word in the console
    assert sum(bool(HASHED_NAME.search(url)) for url in asked.urls()) == 8
    assert errors == []

    # And when they come back later, in the same browser
    page.goto("about:blank")
    asked.forget()
    page.goto(site)
    expect(page.locator(".photo-card")).to_have_count(1)

    # Then no hashed file was asked for: the browser kept them all; config.json was revalidated
    assert [url for url in asked.urls() if HASHED_NAME.search(url)] == []
    assert any(url.endswith("/config.json") for url in asked.urls())
    # And the app's own files cost at most three requests (the goal of the page's benchmark)
    own_files = [url for url in asked.urls() if not re.search(r"/(api|media)/|^data:", url)]
    assert len(own_files) <= MAX_OWN_FILE_REQUESTS_ON_A_REPEAT_VISIT, own_files
    assert errors == []
