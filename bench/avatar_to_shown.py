"""Avatar upload-to-shown time on the local stack: from the browser's presigned POST of a new
profile picture to the profile showing it, for a 12 MP portrait phone JPEG, over HTTP exactly
as the page does it (the `upload_avatar` of tests/support/browser_like_client.py).

As for a photo (bench/upload_to_ready.py), the time includes the transfer to the local S3, the
notification, the queue's long poll, the worker (the same pipeline, two small squares instead of
three renditions) and the polling of the profile. Each run chooses a new picture, so each
replaces the last, as a person trying pictures on does. The goal is a photo's: two seconds.
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
        chosen = {"contentType": "image/jpeg", "size": len(data)}
        durations, shown_urls = [], set()
        for _ in range(RUNS):
            requested = browser.api("POST", "/me/avatar", user.id_token, json=chosen)
            assert requested.status_code == 201, requested.text
            started = time.perf_counter()
            posted = browser.post_file(requested.json()["upload"], data, "image/jpeg")
            assert posted.status_code == 204, posted.text
            profile = browser.wait_until_avatar_settled(user)
            durations.append(time.perf_counter() - started)
            assert "avatarUpload" not in profile, profile
            shown_urls.add(profile["avatar"]["url"])
        assert len(shown_urls) == RUNS  # every run's picture was shown, not an older one
    return report_median(
        "Avatar upload-to-shown, 12 MP portrait JPEG on the local stack", durations, GOAL_SECONDS
    )


if __name__ == "__main__":
    main()
