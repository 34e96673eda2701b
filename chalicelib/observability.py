"""Powertools for the API: JSON logs, X-Ray traces and CloudWatch metrics (EMF).

Chalice runs Powertools' Lambda decorators as HTTP middleware, so every route gets them without
decorating each view. Every log line carries the Lambda request id and API Gateway's request id
(the correlation id); services add the photo id with `logger.append_keys(photo_id=...)`, so one
photo can be followed from the API to the worker.
"""

import functools
import os
import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging import correlation_paths
from chalice import Chalice, ConvertToMiddleware

SERVICE_NAME = "cloudgram-api"
# Each deployed stage has its own namespace, CloudGram/<stage>, in POWERTOOLS_METRICS_NAMESPACE
# (a namespace given to Metrics would win over the variable, so it is read here); locally none.
METRICS_NAMESPACE = os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "CloudGram")

# The service names are fixed (explicit names win over POWERTOOLS_SERVICE_NAME).
logger = Logger(service=SERVICE_NAME)
metrics = Metrics(namespace=METRICS_NAMESPACE, service=SERVICE_NAME)
# Many invocations (a feed read, S3's test event) record no metric; that is expected, not a warning.
warnings.filterwarnings("ignore", message="No application metrics to publish")


@functools.cache
def tracer() -> Tracer:
    """The X-Ray tracer, made on the first request rather than when app.py is imported.

    Making it loads the X-Ray SDK, about a quarter of a cold import of app.py beyond boto3
    (`make bench` measures both ways). Nothing is lost by waiting: it patches boto3 before the
    request's first AWS call, and every boto3 client of the API is made on first use
    (aws_clients), so each DynamoDB and S3 call is still traced. Outside Lambda it disables
    itself and sends nothing.
    """
    return Tracer(service=SERVICE_NAME, patch_modules=["boto3"])


def _traced(handler):
    """Powertools' capture_lambda_handler, from the tracer of the first request on.

    The handler's subsegment is named after the function it wraps; Chalice's middleware names
    every one after this function, so each is renamed after what it serves, as X-Ray shows it.
    """

    def traced(event: dict, context):
        handler.__name__ = _subsegment_name(event)
        return tracer().capture_lambda_handler(handler)(event, context)

    return traced


def _subsegment_name(event: dict) -> str:
    """`GET /photos/:id` for a route (X-Ray names may not hold braces), else the stream batch."""
    request = event.get("requestContext")
    if request is None:
        return "on_table_change"
    route = request.get("resourcePath", "").replace("{", ":").replace("}", "")
    return f"{request.get('httpMethod', '')} {route}"


def register_middleware(app: Chalice) -> None:
    """Logs, traces and metrics around every route ("http") and every batch of the table's
    stream ("dynamodb")."""
    app.register_middleware(
        ConvertToMiddleware(
            logger.inject_lambda_context(
                correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
            )
        ),
        "http",
    )
    app.register_middleware(
        ConvertToMiddleware(logger.inject_lambda_context(clear_state=True)), "dynamodb"
    )
    for event_type in ("http", "dynamodb"):
        app.register_middleware(ConvertToMiddleware(_traced), event_type)
        app.register_middleware(ConvertToMiddleware(metrics.log_metrics), event_type)
