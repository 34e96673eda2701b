"""Powertools for the API: JSON logs, X-Ray traces and CloudWatch metrics (EMF).

Chalice runs Powertools' Lambda decorators as HTTP middleware, so every route gets them without
decorating each view. Every log line carries the Lambda request id and API Gateway's request id
(the correlation id); services add the photo id with `logger.append_keys(photo_id=...)`, so one
photo can be followed from the API to the worker.
"""

import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging import correlation_paths
from chalice import Chalice, ConvertToMiddleware

SERVICE_NAME = "cloudgram-api"
METRICS_NAMESPACE = "CloudGram"

# Environment variables (POWERTOOLS_SERVICE_NAME, ...) override these defaults in each stage.
logger = Logger(service=SERVICE_NAME)
# Outside Lambda the tracer disables itself and sends nothing.
tracer = Tracer(service=SERVICE_NAME, patch_modules=["boto3"])
metrics = Metrics(namespace=METRICS_NAMESPACE, service=SERVICE_NAME)
# Many invocations (a feed read, S3's test event) record no metric; that is expected, not a warning.
warnings.filterwarnings("ignore", message="No application metrics to publish")


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
        app.register_middleware(ConvertToMiddleware(tracer.capture_lambda_handler), event_type)
        app.register_middleware(ConvertToMiddleware(metrics.log_metrics), event_type)
