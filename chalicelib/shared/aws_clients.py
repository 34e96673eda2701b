"""The one place where the API creates its boto3 clients.

Clients are created on first use, not at import, so a cold start that never touches S3 does not
pay for it, and tests can call `reset()` after switching endpoints or mocks.
"""

import functools

import boto3
from botocore.config import Config

from chalicelib.shared.settings import load_settings


@functools.cache
def dynamodb_table():
    settings = load_settings()
    return boto3.resource("dynamodb", region_name=settings.region).Table(settings.table_name)


@functools.cache
def s3_client():
    # Presigned POSTs must be SigV4; boto3 would otherwise sign them the old SigV2 way.
    return boto3.client(
        "s3", region_name=load_settings().region, config=Config(signature_version="s3v4")
    )


@functools.cache
def cloudfront_client():
    return boto3.client("cloudfront", region_name=load_settings().region)


@functools.cache
def sqs_client():
    return boto3.client("sqs", region_name=load_settings().region)


@functools.cache
def cognito_client():
    return boto3.client("cognito-idp", region_name=load_settings().region)


def reset() -> None:
    """Forget every client, so the next call builds a new one (used by tests)."""
    dynamodb_table.cache_clear()
    s3_client.cache_clear()
    cloudfront_client.cache_clear()
    sqs_client.cache_clear()
    cognito_client.cache_clear()
