"""What API Gateway answers by itself, before the API's code runs, and how hard it may be used:
settings chalice does not manage, applied to the deployed stage by the deploy driver
(infra/deploy/api_stage.py), carried by the packaged template that `make check-infra` checks
(infra/api_package_overrides.yaml), and mimicked by the local gateway (infra/local/).

Gateway responses: API Gateway's own refusals (no token, no such route, too many requests) come
in the API's error shape, `{"Code", "Message"}`, with a message a person can act on, instead of
API Gateway's bare `{"message": "Unauthorized"}`. So the page, and anyone calling the API, reads
one shape.

Throttling: every method of the stage together takes at most THROTTLING_RATE requests a second
on average, in bursts of up to THROTTLING_BURST; beyond that API Gateway answers 429 without
invoking the Lambda, so no one client can run up the bill or starve the others.
"""

import json

THROTTLING_RATE = 50
THROTTLING_BURST = 100

SESSION_MESSAGE = "Your session has expired or is not valid. Please sign in again."
THROTTLED_MESSAGE = (
    "CloudGram is receiving too many requests right now. Wait a moment, then try again."
)

# Response type -> (status code, JSON body). `$context.error...` is filled in by API Gateway.
GATEWAY_RESPONSES = {
    "UNAUTHORIZED": (401, {"Code": "UnauthorizedError", "Message": SESSION_MESSAGE}),
    "THROTTLED": (429, {"Code": "TooManyRequestsError", "Message": THROTTLED_MESSAGE}),
    "DEFAULT_4XX": (None, {"Code": "$context.error.responseType", "Message": "$MESSAGE"}),
    "DEFAULT_5XX": (None, {"Code": "$context.error.responseType", "Message": "$MESSAGE"}),
}


def response_template(body: dict) -> str:
    """The mapping template API Gateway renders: JSON, with the error's own message (already a
    quoted JSON string in `$context.error.messageString`) where the body says $MESSAGE."""
    return json.dumps(body, separators=(",", ":")).replace(
        '"$MESSAGE"', "$context.error.messageString"
    )


def local_response(response_type: str, message: str = "") -> bytes:
    """The body the local gateway sends where API Gateway would answer `response_type` itself
    (a type without its own response falls under DEFAULT_4XX, as in API Gateway)."""
    _, body = GATEWAY_RESPONSES.get(response_type, GATEWAY_RESPONSES["DEFAULT_4XX"])
    rendered = {
        "Code": response_type if body["Code"].startswith("$") else body["Code"],
        "Message": message if body["Message"] == "$MESSAGE" else body["Message"],
    }
    return json.dumps(rendered, separators=(",", ":")).encode()
