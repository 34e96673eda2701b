"""Powertools for the API: JSON logs, X-Ray traces and CloudWatch metrics (EMF).

Every log line carries the Lambda request id and API Gateway's request id (the correlation id,
added around each route by chalicelib/edge/middleware.py); services add the photo id with
`logger.append_keys(photo_id=...)`, so one photo can be followed from the API to the worker.
"""

import functools
import os
import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer

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
    (chalicelib/shared/aws_clients.py), so each DynamoDB and S3 call is still traced. Outside
    Lambda it disables itself and sends nothing.
    """
    return Tracer(service=SERVICE_NAME, patch_modules=["boto3"])
