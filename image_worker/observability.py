"""Powertools for the worker: JSON logs (with the photo id on every line), traces and metrics."""

import os
import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE_NAME = "cloudgram-worker"
# Each deployed stage has its own namespace, CloudGram/<stage>, in POWERTOOLS_METRICS_NAMESPACE
# (a namespace given to Metrics would win over the variable, so it is read here); locally none.
METRICS_NAMESPACE = os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "CloudGram")

# The service names are fixed (explicit names win over POWERTOOLS_SERVICE_NAME).
logger = Logger(service=SERVICE_NAME)
# Outside Lambda the tracer disables itself and sends nothing. The handler's decorators keep it
# from recording what they return and the attributes of what they raise. The worker answers
# only failed message ids, but a message that is not JSON fails with a JSONDecodeError that
# keeps the whole body, and the API follows the same rule for its own reasons
# (chalicelib/edge/middleware.py): one rule for every function, so nothing reaches X-Ray by
# accident.
tracer = Tracer(service=SERVICE_NAME, patch_modules=["boto3"])
metrics = Metrics(namespace=METRICS_NAMESPACE, service=SERVICE_NAME)
# Many invocations (a feed read, S3's test event) record no metric; that is expected, not a warning.
warnings.filterwarnings("ignore", message="No application metrics to publish")
