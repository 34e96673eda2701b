"""Per-person limits hold when one account sends a burst of requests at once, over HTTP to the
local stack, whose gateway serves requests in parallel as Lambda would: each limit is checked in
the same DynamoDB transaction as the write it limits, so no burst gets past it."""

import json
from concurrent.futures import ThreadPoolExecutor

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
