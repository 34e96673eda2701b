"""The one place where the worker creates its boto3 clients, lazily, so tests can swap them."""

import functools

import boto3

from image_worker.settings import load_settings


@functools.cache
def s3_client():
    return boto3.client("s3", region_name=load_settings().region)


@functools.cache
def dynamodb_table():
    settings = load_settings()
    return boto3.resource("dynamodb", region_name=settings.region).Table(settings.table_name)


def reset() -> None:
    """Forget every client, so the next call builds a new one (used by tests)."""
    s3_client.cache_clear()
    dynamodb_table.cache_clear()
