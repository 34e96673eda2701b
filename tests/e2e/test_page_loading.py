"""How the page loads in Chromium: what index.html preloads is what the page then uses, each
file fetched once; and the deploy's build (hashed names, served immutable, as CloudFront serves
them from the site bucket) shows the feed, and a repeat visit asks for none of its hashed files.
"""

import collections
import time

from playwright.sync_api import Page, expect

# Chromium says a preload went unused a few seconds after the load event.
UNUSED_PRELOAD_WARNING_SECONDS = 3.5


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
