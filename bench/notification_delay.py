"""Stream-to-inbox delay on the local stack: from the moment a like is answered to the moment its
notification is in the photo owner's inbox, over HTTP exactly as the page does it.

The like's request never writes the notification (chalicelib/notifications/reaction.py does,
from the table's stream), so this is the delay a person sees between a friend's like and their
bell; it includes the local stream loop's polling, the stream function and the page's read. The
clock stops at the first GET /notifications that lists it, asked every 20 ms. Each run takes
the like back and waits for the notification to go, so every run starts from an empty inbox.
Reported against a goal of two seconds, as for a new photo (upload_to_ready).
"""

import time

from bench.against_goal import report_median
from tests.support.browser_like_client import BrowserLikeClient
from tests.support.images import phone_photo
from tests.support.local_stack import running_local_stack

RUNS = 10
GOAL_SECONDS = 2.0
POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 30


def main() -> float:
    with running_local_stack() as stack:
        browser = BrowserLikeClient(stack.site_url, stack.config)
        owner, friend = browser.sign_up_and_in(), browser.sign_up_and_in()
        photo = browser.upload_photo(owner, phone_photo(64, 48))
        assert photo["status"] == "READY", photo
        like = f"/photos/{photo['id']}/like"
        durations = []
        for _ in range(RUNS):
            assert browser.api("PUT", like, friend.id_token).status_code == 200
            liked = time.perf_counter()
            _wait_for_inbox(browser, owner, lambda items: len(items) == 1)
            durations.append(time.perf_counter() - liked)
            assert browser.api("DELETE", like, friend.id_token).status_code == 200
            _wait_for_inbox(browser, owner, lambda items: not items)
    return report_median(
        "Stream-to-inbox delay, a like to its notification on the local stack",
        durations,
        GOAL_SECONDS,
    )


def _wait_for_inbox(browser, owner, done) -> None:
    deadline = time.perf_counter() + TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        items = browser.api("GET", "/notifications", owner.id_token).json()["items"]
        if done(items):
            return
        time.sleep(POLL_SECONDS)
    raise AssertionError("the inbox never changed")


if __name__ == "__main__":
    main()
