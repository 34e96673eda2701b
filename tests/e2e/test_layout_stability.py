"""Nothing on the screen jumps while a page loads: the cumulative layout shift of each place, as
Chromium's Layout Instability API measures it (what Lighthouse's CLS reads), signed out and
signed in, on a phone and a desktop.

The page keeps <main> hidden until the script has chosen the place and its layout, the header has
its final height from the first paint, and photos have their shape before their pixels arrive;
a regression in any of these shows here as a shift. The goal is Lighthouse's "good": at most 0.05.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    PHONE_VIEWPORT,
    VIEWPORT,
    new_user,
    share_photos_over_http,
    sign_in,
)
from tests.support.images import scene_jpeg

GOOD_LAYOUT_SHIFT = 0.05
# Shifts are gathered from before the page's first byte (buffered entries are kept by the
# browser in any case); inputs would exclude the shifts they cause, but none are made here.
RECORD_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.layoutShifts.push({
      value: entry.value,
      moved: entry.sources.map((source) => source.node?.id || source.node?.className || "?"),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""
# How long after the place has shown its content late arrivals (a picture, a count) may still
# move things: the shifts that count are those while the page settles.
SETTLING_MS = 1500


@pytest.fixture(scope="module")
def photographer(http_client):
    person = new_user(http_client)
    shapes = [(640, 480), (480, 640), (800, 400), (500, 500)]
    photos = share_photos_over_http(
        http_client, person, [scene_jpeg(n, size) for n, size in enumerate(shapes)]
    )
    return person, [photo["id"] for photo in photos]


def places(photographer) -> dict[str, tuple[str, str]]:
    """Each place's address, and what shows that it has arrived."""
    person, photo_ids = photographer
    return {
        "feed": ("/", ".photo-card img.photo-frame__image"),
        "profile": (f"/#/u/{person.username}", ".photo-grid img.photo-frame__image"),
        "photo page": (f"/p/{photo_ids[0]}", "#photo-content img.photo-frame__image"),
        "followers": (f"/#/u/{person.username}/followers", "#people-title"),
    }


def layout_shift_on_arrival(page: Page, address: str, arrived: str) -> tuple[float, list]:
    page.goto("about:blank")
    page.goto(address)
    expect(page.locator(arrived).first).to_be_visible()
    page.wait_for_timeout(SETTLING_MS)
    shifts = page.evaluate("window.layoutShifts")
    return sum(shift["value"] for shift in shifts), shifts


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT, VIEWPORT], ids=["phone", "desktop"])
def test_no_place_jumps_while_it_loads_signed_out_or_in(page: Page, photographer, viewport):
    # Given a person with photos of several shapes, and a browser of this size that records
    # every layout shift from the start of each page
    page.set_viewport_size(viewport)
    page.add_init_script(RECORD_SHIFTS)
    person, _ = photographer

    for who in ("signed out", "signed in"):
        if who == "signed in":
            sign_in(page, person.username)
        for place, (address, arrived) in places(photographer).items():
            # When the place loads from its address
            shift, shifts = layout_shift_on_arrival(page, address, arrived)
            # Then nothing moved more than Lighthouse's "good" allows
            assert shift <= GOOD_LAYOUT_SHIFT, f"{place}, {who}: {shift:.3f} from {shifts}"

    # And the settings, which only a signed-in person has, do not jump either
    shift, shifts = layout_shift_on_arrival(page, "/#/settings", "#settings-sections")
    assert shift <= GOOD_LAYOUT_SHIFT, f"settings: {shift:.3f} from {shifts}"
