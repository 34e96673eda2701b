"""The API's own error responses, beside the ones Chalice provides (400, 401, 403, 404, 409, 429).

Chalice turns any ChaliceViewError into `{"Code": <class name>, "Message": <text>}` with the
class's STATUS_CODE, the same shape as its built-in errors, so the page reads them all alike.
"""

from chalice import ChaliceViewError


class ServiceUnavailableError(ChaliceViewError):
    """503: a dependency (DynamoDB, S3) is overloaded or down; the same request may work soon."""

    STATUS_CODE = 503


TRY_AGAIN_MESSAGE = "CloudGram is busy right now. Please try again in a few seconds."
