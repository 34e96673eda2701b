"""Where domain errors become HTTP: the one place that knows a missing photo is a 404.

Every route in app.py is wrapped in `answers_in_http`. A service's domain error
(chalicelib/shared/errors.py) becomes the Chalice error of its status, which Chalice answers as
`{"Code": <class name>, "Message": <text>}`, the shape of API Gateway's own refusals too
(infra/api_gateway.py), so the page reads them all alike. A limit reached is a 429 in the same
shape, built here because it carries a Retry-After header and Chalice's errors carry none.

DynamoDB or S3 throttling the API, failing or out of reach becomes a 503 that says to try again,
instead of Chalice's 500 (botocore has already retried by then). Any other exception is a bug
and stays a 500, which the API's 5xx alarm reports.
"""

import functools

import chalice
from aws_lambda_powertools.metrics import MetricUnit
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from chalicelib.shared import errors
from chalicelib.shared.observability import logger, metrics

# AWS errors that say "not now" (throttling, an outage), as opposed to "never" (a bug).
OUTAGE_ERROR_CODES = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "LimitExceededException",
    "InternalServerError",
    "InternalError",
    "ServiceUnavailable",
    "SlowDown",
}
UNREACHABLE_ERRORS = (
    EndpointConnectionError,
    ConnectionClosedError,
    ConnectTimeoutError,
    ReadTimeoutError,
)


class ServiceUnavailableError(chalice.ChaliceViewError):
    """503, which Chalice has no class for: a dependency is overloaded or down."""

    STATUS_CODE = 503


# Each domain error and the Chalice error (so the status code and the body's Code) it becomes.
HTTP_ERRORS = {
    errors.InvalidInputError: chalice.BadRequestError,
    errors.NotSignedInError: chalice.UnauthorizedError,
    errors.NotYoursError: chalice.ForbiddenError,
    errors.SignInAgainError: chalice.ForbiddenError,
    errors.NotFoundError: chalice.NotFoundError,
    errors.ConflictError: chalice.ConflictError,
    errors.LimitReachedError: chalice.TooManyRequestsError,
    errors.TryAgainLaterError: ServiceUnavailableError,
}


def http_error_for(error: errors.CloudGramError) -> type[chalice.ChaliceViewError]:
    """The Chalice error class (so the status code) a domain error is answered with."""
    for domain_error, http_error in HTTP_ERRORS.items():
        if isinstance(error, domain_error):
            return http_error
    raise TypeError(f"no HTTP status for {type(error).__name__}")


def error_response(
    http_error: type[chalice.ChaliceViewError], message: str, headers: dict | None = None
) -> chalice.Response:
    """An error answered without raising, in the body Chalice gives a raised one,
    `{"Code": <class name>, "Message": ...}`: for answers that need headers, or that are made
    before any route runs (chalicelib/edge/middleware.py)."""
    body = {"Code": http_error.__name__, "Message": message}
    return chalice.Response(body=body, status_code=http_error.STATUS_CODE, headers=headers or {})


def _too_many_requests(error: errors.LimitReachedError) -> chalice.Response:
    """429, and, when the service knows it, a Retry-After header saying in how many seconds to
    try again (Chalice's errors carry no headers)."""
    # One metric for every per-account refusal (uploads, likes, follows), on the dashboard.
    metrics.add_metric(name="AccountLimitRefusals", unit=MetricUnit.Count, value=1)
    headers = {}
    if error.retry_after_seconds is not None:
        headers["Retry-After"] = str(error.retry_after_seconds)
    return error_response(http_error_for(error), str(error), headers)


def is_aws_outage(error: Exception) -> bool:
    """Whether an AWS error says "not now" (throttling, an outage, AWS out of reach), which
    deserves a 503, rather than "never" (a bug)."""
    if isinstance(error, UNREACHABLE_ERRORS):
        return True
    if not isinstance(error, ClientError):
        return False
    response = error.response
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    return response["Error"].get("Code") in OUTAGE_ERROR_CODES or status >= 500


def answers_in_http(view):
    """A route decorator: domain errors and AWS outages answered with their HTTP status."""

    @functools.wraps(view)
    def answering(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except errors.LimitReachedError as error:
            return _too_many_requests(error)
        except errors.CloudGramError as error:
            raise http_error_for(error)(str(error)) from error
        except (ClientError, *UNREACHABLE_ERRORS) as error:
            if not is_aws_outage(error):
                raise
            logger.warning("AWS is busy or out of reach", extra={"error": str(error)})
            raise ServiceUnavailableError(errors.TRY_AGAIN_MESSAGE) from error

    answering.answers_in_http = True
    return answering
