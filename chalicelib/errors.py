"""The API's own error responses, beside the ones Chalice provides (400, 401, 403, 404, 409, 429),
and what the API answers when AWS itself fails.

Chalice turns any ChaliceViewError into `{"Code": <class name>, "Message": <text>}` with the
class's STATUS_CODE, the same shape as its built-in errors, so the page reads them all alike.
"""

import functools

from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from chalice import ChaliceViewError

from chalicelib.observability import logger

TRY_AGAIN_MESSAGE = "CloudGram is busy right now. Please try again in a few seconds."
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


class ServiceUnavailableError(ChaliceViewError):
    """503: a dependency (DynamoDB, S3) is overloaded or down; the same request may work soon."""

    STATUS_CODE = 503


def answers_503_when_aws_fails(view):
    """A route decorator: DynamoDB or S3 throttling the API, failing or out of reach becomes a
    503 that says to try again, instead of Chalice's 500 (botocore has already retried by then).
    Any other exception is a bug and stays a 500, which the API's 5xx alarm reports."""

    @functools.wraps(view)
    def answering(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except ClientError as error:
            response = error.response
            status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if response["Error"].get("Code") not in OUTAGE_ERROR_CODES and status < 500:
                raise
            logger.warning("AWS refused the request for now", extra={"error": str(error)})
            raise ServiceUnavailableError(TRY_AGAIN_MESSAGE) from error
        except UNREACHABLE_ERRORS as error:
            logger.warning("AWS could not be reached", extra={"error": str(error)})
            raise ServiceUnavailableError(TRY_AGAIN_MESSAGE) from error

    answering.answers_503_when_aws_fails = True
    return answering
