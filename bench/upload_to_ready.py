"""Upload-to-READY time on the local stack: from the browser's presigned POST to the photo being
READY, for a 12 MP portrait phone JPEG, over HTTP exactly as the page does it.

The measurement starts when the file POST starts, so it includes the transfer to the local S3,
the notification, the queue's long poll, the worker and the page's polling interval. It is reported
against the product's goal: a new photo in the feed within about two seconds.
"""

import time

from bench.against_goal import report_median
from tests.support.browser_like_client import BrowserLikeClient
from tests.support.images import phone_photo
from tests.support.local_stack import running_local_stack

RUNS = 10
GOAL_SECONDS = 2.0


def main() -> float:
    with running_local_stack() as stack:
        browser = BrowserLikeClient(stack.site_url, stack.config)
        user = browser.sign_up_and_in()
        data = phone_photo()
        durations = []
        for _ in range(RUNS):
            created = browser.request_upload(user, data)
            started = time.perf_counter()
            assert browser.post_file(created["upload"], data, "image/jpeg").status_code == 204
            photo = browser.wait_until_settled(user, created["photo"]["id"])
            durations.append(time.perf_counter() - started)
            assert photo["status"] == "READY", photo
    return report_median(
        "Upload-to-READY, 12 MP portrait JPEG on the local stack", durations, GOAL_SECONDS
    )


if __name__ == "__main__":
    main()
