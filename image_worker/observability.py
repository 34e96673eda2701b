"""Powertools for the worker: JSON logs (with the photo id on every line), traces and metrics."""

import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE_NAME = "cloudgram-worker"
METRICS_NAMESPACE = "CloudGram"

# Environment variables (POWERTOOLS_SERVICE_NAME, ...) override these defaults.
logger = Logger(service=SERVICE_NAME)
# Outside Lambda the tracer disables itself and sends nothing.
tracer = Tracer(service=SERVICE_NAME, patch_modules=["boto3"])
metrics = Metrics(namespace=METRICS_NAMESPACE, service=SERVICE_NAME)
# Many invocations (a feed read, S3's test event) record no metric; that is expected, not a warning.
warnings.filterwarnings("ignore", message="No application metrics to publish")
