"""What runs around every route and every batch of the table's stream: Powertools' logs,
traces and metrics (chalicelib/shared/observability.py); and, around every route, the refusal of
requests that did not come through CloudFront (chalicelib/edge/origin_check.py).

Chalice runs Powertools' Lambda decorators as middleware, so every route gets them without
decorating each view.
"""

from aws_lambda_powertools.logging import correlation_paths
from chalice import Chalice, ConvertToMiddleware, ForbiddenError

from chalicelib.edge.errors import error_response
from chalicelib.edge.origin_check import (
    NOT_THROUGH_THE_SITE_MESSAGE,
    ORIGIN_SECRET_HEADER,
    came_through_cloudfront,
)
from chalicelib.shared.observability import logger, metrics, tracer
from chalicelib.shared.settings import load_settings


def _traced(handler):
    """Powertools' capture_lambda_handler, from the tracer of the first request on.

    The handler's subsegment is named after the function it wraps; Chalice's middleware names
    every one after this function, so each is renamed after what it serves, as X-Ray shows it.

    Powertools would also record, as the subsegment's metadata, what the handler answers and
    every exception it raises, attributes and all; neither is, because both can hold what
    nobody reading traces should see. The API's answers hold presigned upload policies (with
    their signature and the function's session token) and e-mail addresses; an exception's
    attributes can hold a whole document (a JSONDecodeError keeps the text it could not parse)
    or AWS's whole answer (a botocore ClientError). The stream function's answer is only
    failed sequence numbers, but it passes through here too, and one rule is easier to keep.
    X-Ray itself still records an exception that leaves the handler: its type, message and
    stack, and the fault (docs/observability.md, "What traces never hold").
    """

    def traced(event: dict, context):
        handler.__name__ = _subsegment_name(event)
        capture = tracer().capture_lambda_handler(
            handler, capture_response=False, capture_error=False
        )
        return capture(event, context)

    return traced


def _subsegment_name(event: dict) -> str:
    """`GET /photos/:id` for a route (X-Ray names may not hold braces), else the function."""
    request = event.get("requestContext")
    if request is None:
        records = event.get("Records") or [{}]
        return "write_export" if records[0].get("eventSource") == "aws:sqs" else "on_table_change"
    route = request.get("resourcePath", "").replace("{", ":").replace("}", "")
    return f"{request.get('httpMethod', '')} {route}"


def _only_through_cloudfront(request, get_response):
    """A route runs only for a request carrying CloudFront's secret header; any other is answered
    403 in the API's error shape, as a route's own ForbiddenError would be."""
    header = request.headers.get(ORIGIN_SECRET_HEADER)
    if came_through_cloudfront(header, load_settings().origin_secret_sha256):
        return get_response(request)
    logger.info("Refused a request that did not come through CloudFront")
    return error_response(ForbiddenError, NOT_THROUGH_THE_SITE_MESSAGE)


def register_middleware(app: Chalice) -> None:
    """Logs, traces and metrics around every route ("http"), every batch of the table's stream
    ("dynamodb") and every message of the exports queue ("sqs"); then, inside them, so that
    each refusal is logged with its request id, the check that a route's request came through
    CloudFront."""
    app.register_middleware(
        ConvertToMiddleware(
            logger.inject_lambda_context(
                correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
            )
        ),
        "http",
    )
    for event_type in ("dynamodb", "sqs"):
        app.register_middleware(
            ConvertToMiddleware(logger.inject_lambda_context(clear_state=True)), event_type
        )
    for event_type in ("http", "dynamodb", "sqs"):
        app.register_middleware(ConvertToMiddleware(_traced), event_type)
        app.register_middleware(ConvertToMiddleware(metrics.log_metrics), event_type)
    # Chalice nests middleware in the order it is registered: the last one runs innermost.
    app.register_middleware(_only_through_cloudfront, "http")
