"""The one place where the deploy driver creates boto3 clients, lazily, so tests can swap them.

Credentials and region come from the usual places (AWS_PROFILE, AWS_REGION, ~/.aws/config).
"""

import functools

import boto3


@functools.cache
def client(service_name: str, region_name: str | None = None):
    """A client in the deploy's region, or in `region_name` (the web ACL lives in us-east-1)."""
    return boto3.client(service_name, region_name=region_name or region())


@functools.cache
def s3_resource():
    return boto3.resource("s3", region_name=region())


@functools.cache
def region() -> str:
    name = boto3.session.Session().region_name
    if not name:
        raise SystemExit("No AWS region set: export AWS_REGION (or set one in your AWS profile).")
    return name


def account_id() -> str:
    return client("sts").get_caller_identity()["Account"]


def reset() -> None:
    """Forget every client and the region, so the next call builds new ones (used by tests)."""
    client.cache_clear()
    s3_resource.cache_clear()
    region.cache_clear()
