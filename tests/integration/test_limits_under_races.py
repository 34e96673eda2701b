"""Per-person limits hold when one account sends a burst of requests at once, over HTTP to the
local stack, whose gateway serves requests in parallel as Lambda would: each limit is checked in
the same DynamoDB transaction as the write it limits, so no burst gets past it. (The write budget
is tested on a stack of its own with a small budget, so that a burst of a few reaches it.)"""

import json
from concurrent.futures import ThreadPoolExecutor

from tests.support.browser_like_client import BrowserLikeClient
from tests.support.local_stack import TEST_SETTINGS, running_local_stack
from tests.support.waiting import well_inside_a_minute

MAX_PENDING_UPLOADS = 10  # the local stack runs with the deployed default
BURST = 30


def test_given_thirty_uploads_requested_at_once_then_exactly_ten_wait_and_the_rest_get_429(
    client, local_aws
):
    newcomer = client.sign_up_and_in()
    client.api("GET", "/me", newcomer.id_token)  # the profile exists before the burst
    announced = json.dumps({"contentType": "image/jpeg", "size": 1000})

    def request_upload(_):
        return client.api("POST", "/photos", newcomer.id_token, data=announced)

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        answers = list(pool.map(request_upload, range(BURST)))

    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201] * MAX_PENDING_UPLOADS + [429] * (BURST - MAX_PENDING_UPLOADS)
    refused = next(answer for answer in answers if answer.status_code == 429)
    assert "10 photos still uploading" in refused.json()["Message"]
    assert int(refused.headers["Retry-After"]) > 0


def test_given_a_burst_of_follows_from_one_account_then_exactly_the_minutes_budget_gets_through():
    budget, burst = 5, 9
    with running_local_stack({**TEST_SETTINGS, "MAX_WRITES_PER_MINUTE": str(budget)}) as stack:
        client = BrowserLikeClient(stack.site_url, stack.config)
        people = [client.sign_up_and_in() for _ in range(burst + 1)]
        for person in people:
            client.api("GET", "/me", person.id_token)  # each has a profile to be followed
        follower, followees = people[0], people[1:]
        well_inside_a_minute()

        def follow(followee):
            return client.api("PUT", f"/users/{followee.username}/follow", follower.id_token)

        with ThreadPoolExecutor(max_workers=burst) as pool:
            answers = list(pool.map(follow, followees))

        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [200] * budget + [429] * (burst - budget)
        me = client.api("GET", f"/users/{follower.username}", follower.id_token).json()
        assert me["followingCount"] == budget
