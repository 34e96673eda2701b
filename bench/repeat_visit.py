"""The repeat visit: how many requests for the app's own files (the site's origin, not /api/
and not /media/) the browser sends to the network before the first photo of the feed has loaded,
on a first visit and again with the HTTP cache warm. The goal: at most three on a repeat visit
(index.html, config.json and one more), which hashed, immutable file names make possible.

Debian's Chromium, driven by Playwright with the browser tests' launch options, on a phone's
viewport. What the page itself sends is read from Chromium's DevTools protocol, which says which
answers came from a cache (memory, disk, prefetch or the service worker) rather than the
network; what a service worker fetches for the page is counted as network, always.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Request, sync_playwright

from tests.support.browser import PHONE_VIEWPORT
from tests.support.chromium import CHROMIUM_PATH, chromium_args

FIRST_PHOTO_TIMEOUT_MS = 30_000
NOT_OWN_FILES = ("/api/", "/media/")
FIRST_PHOTO_LOADED_SCRIPT = """() => {
  const image = document.querySelector(".photo-card .photo-frame__image");
  return image !== null && image.complete && image.naturalWidth > 0;
}"""


@dataclass
class ObservedRequest:
    url: str
    answered_from_cache: bool = False


@dataclass(frozen=True)
class VisitCounts:
    first_visit: list[str]
    repeat_visit: list[str]


def is_own_file(url: str, site_url: str) -> bool:
    """A file of the app itself: on the site's origin, neither the API nor a person's media."""
    address, site = urlsplit(url), urlsplit(site_url)
    same_origin = (address.scheme, address.netloc) == (site.scheme, site.netloc)
    return same_origin and not address.path.startswith(NOT_OWN_FILES)


def own_files_from_the_network(requests: list[ObservedRequest], site_url: str) -> list[str]:
    """The paths of the app's own files that went to the network, in the order they were sent."""
    return [
        urlsplit(request.url).path
        for request in requests
        if is_own_file(request.url, site_url) and not request.answered_from_cache
    ]


@dataclass
class RequestLog:
    """Every request a page sends, by DevTools request id, and any a service worker sends."""

    by_id: dict[str, ObservedRequest] = field(default_factory=dict)
    from_service_worker: list[ObservedRequest] = field(default_factory=list)

    def snapshot(self) -> list[ObservedRequest]:
        return [*self.by_id.values(), *self.from_service_worker]


def count_visits(site_url: str) -> VisitCounts:
    """The feed opened twice in one browser context, each time until its first photo loaded."""
    with sync_playwright() as playwright:
        # As the browser tests start it (tests/support/chromium.py).
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=chromium_args())
        try:
            context = browser.new_context(viewport=PHONE_VIEWPORT)
            first = _own_files_before_first_photo(context, site_url)
            repeat = _own_files_before_first_photo(context, site_url)
        finally:
            browser.close()
    return VisitCounts(first_visit=first, repeat_visit=repeat)


def _own_files_before_first_photo(context: BrowserContext, site_url: str) -> list[str]:
    """A new tab on the feed, as a person coming back opens one; the tab is closed afterwards."""
    page = context.new_page()
    log = _watch_page_requests(page, context)
    note_service_worker_request = _watch_service_worker_requests(context, log)
    page.goto(f"{site_url}/")
    # Events reach Playwright in the order Chromium sent them, so the log holds every request
    # sent before the picture finished loading once this returns.
    page.wait_for_function(FIRST_PHOTO_LOADED_SCRIPT, timeout=FIRST_PHOTO_TIMEOUT_MS)
    observed = log.snapshot()
    context.remove_listener("request", note_service_worker_request)
    page.close()
    return own_files_from_the_network(observed, site_url)


def _watch_page_requests(page: Page, context: BrowserContext) -> RequestLog:
    """The page's requests, from DevTools, each marked when a cache answered it."""
    log = RequestLog()
    devtools = context.new_cdp_session(page)

    def sent(event: dict) -> None:
        log.by_id.setdefault(event["requestId"], ObservedRequest(event["request"]["url"]))

    def served_from_cache(event: dict) -> None:
        if event["requestId"] in log.by_id:
            log.by_id[event["requestId"]].answered_from_cache = True

    def answered(event: dict) -> None:
        response = event["response"]
        cached = response.get("fromDiskCache") or response.get("fromServiceWorker")
        if (cached or response.get("fromPrefetchCache")) and event["requestId"] in log.by_id:
            log.by_id[event["requestId"]].answered_from_cache = True

    devtools.on("Network.requestWillBeSent", sent)
    devtools.on("Network.requestServedFromCache", served_from_cache)
    devtools.on("Network.responseReceived", answered)
    devtools.send("Network.enable")
    return log


def _watch_service_worker_requests(context: BrowserContext, log: RequestLog) -> Callable:
    """What a service worker fetches (Playwright reports it on the context), counted as network:
    the page's own request then shows only as answered by the service worker."""

    def note(request: Request) -> None:
        if request.service_worker:
            log.from_service_worker.append(ObservedRequest(request.url))

    context.on("request", note)
    return note
